package org.blockscope.app.explain;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;

/**
 * "Where does the network look?" for the probe image: the prediction (top classes), and for one class
 * (the predicted one unless a bar was clicked) a Grad-CAM of the chosen node, the gradient saliency or an
 * occlusion map, laid over the probe; the chosen node's output, whose values show their receptive field
 * on the probe when hovered. Live while a run trains (Grad-CAM and saliency, sampled every 0.5 s; an
 * occlusion map, a few hundred passes, is computed once per request); otherwise on demand through
 * {@link InspectionModel}, the newest request winning.
 */
public final class ExplainViewModel {

    /** How the map is made. */
    public enum Method {
        GRAD_CAM("Grad-CAM"),
        SALIENCY("Gradient saliency"),
        OCCLUSION("Occlusion");

        private final String text;

        Method(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** What is asked: the class -1 means the predicted one. */
    record Request(Method method, String node, String path, int cls) {}

    private static final String KEY = "explain";

    private final InspectionModel inspection;
    private final ObjectProperty<Method> method = new SimpleObjectProperty<>(this, "method", Method.GRAD_CAM);
    private final ObjectProperty<String> node = new SimpleObjectProperty<>(this, "node");
    private final IntegerProperty cls = new SimpleIntegerProperty(this, "cls", -1);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.75);
    private final ObservableList<String> nodes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Explanation> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private ExpandedGraph rfGraph;
    private ReceptiveFields receptiveFields;
    private boolean adjusting;

    public ExplainViewModel(InspectionModel inspection) {
        this.inspection = inspection;
        inspection.revisionProperty().addListener((o, a, b) -> refresh());
        inspection.probeProperty().addListener((o, a, b) -> cls.set(-1));
        method.addListener((o, a, b) -> refresh());
        node.addListener((o, a, b) -> refresh());
        cls.addListener((o, a, b) -> refresh());
        refresh();
    }

    public ObjectProperty<Method> methodProperty() {
        return method;
    }

    /** The top-level node explained by Grad-CAM and shown for its receptive fields. */
    public ObjectProperty<String> nodeProperty() {
        return node;
    }

    /** The class explained; -1: the predicted class. */
    public IntegerProperty classProperty() {
        return cls;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    /** Top-level nodes whose output is a feature map, input side first. */
    public ObservableList<String> nodes() {
        return nodes;
    }

    public ReadOnlyObjectProperty<Explanation> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What output (y, x) of the shown node sees of the image, or null. */
    public ReceptiveFields.Rect receptiveField(int y, int x) {
        Explanation e = result.get();
        if (e == null || receptiveFields == null || !receptiveFields.has(e.path()) || y < 0) {
            return null;
        }
        return receptiveFields.rect(e.path(), y, x);
    }

    public void refresh() {
        if (adjusting) {
            return;
        }
        InspectionModel.Target t = inspection.target();
        if (t == null) {
            message.set(inspection.sourceTextProperty().get());
            inspection.access().stopSampling(KEY);
            result.set(null);
            return;
        }
        List<String> found = mapNodes(t.expanded());
        adjusting = true;
        try {
            if (!nodes.equals(found)) {
                nodes.setAll(found);
            }
            if (node.get() == null || !found.contains(node.get())) {
                node.set(found.isEmpty() ? null : found.get(found.size() - 1));
            }
        } finally {
            adjusting = false;
        }
        if (node.get() == null) {
            message.set("This network has no feature map to look at.");
            result.set(null);
            return;
        }
        if (t.expanded() != rfGraph) {
            rfGraph = t.expanded();
            receptiveFields = ReceptiveFields.of(rfGraph);
        }
        String path = t.expanded().outputOf(node.get()).map(PrimitiveNode::path).orElseThrow();
        Request r = new Request(method.get(), node.get(), path, cls.get());
        InspectionModel.Job<Explanation> job = (m, probe, target) -> Explanation.compute(m, probe, target, r);
        if (t.live() && r.method() != Method.OCCLUSION) {
            inspection.sampleWhileTraining(KEY, job, this::show);
        } else {
            inspection.access().stopSampling(KEY);
        }
        busy.set(true);
        message.set(r.method() == Method.OCCLUSION ? "Sliding a grey square over the image…" : "");
        inspection.inspect(KEY, job, this::show, e -> {
            busy.set(false);
            message.set(e.getMessage());
        });
    }

    private void show(Explanation e) {
        busy.set(false);
        message.set("");
        result.set(e);
    }

    /** Top-level nodes (in order) whose output is a feature map, the input excepted. */
    static List<String> mapNodes(ExpandedGraph g) {
        List<String> out = new ArrayList<>();
        for (String name : g.topLevelOrder()) {
            g.outputOf(name).ifPresent(p -> {
                if (!p.output().vector() && p.kind() != Primitive.INPUT) {
                    out.add(name);
                }
            });
        }
        return out;
    }
}
