package org.blockscope.app.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.engine.inspect.Activation;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;

/**
 * A debugger for one forward pass of the probe image: the primitives in evaluation (topological)
 * order, stepped forward and back; each step selects its block on the canvas and explains the
 * computation with the current numbers. Inference or training mode (batch norm on batch statistics,
 * dropout active).
 */
public final class StepThroughViewModel {

    /** One step: a primitive, its inputs and output for the probe, and the computation in words. */
    public record Step(int index, PrimitiveNode node, List<ChannelGrid> inputs, ChannelGrid output, String text) {
        public String title() {
            return (index + 1) + ". " + node.path() + " (" + node.kind().displayName() + ")";
        }
    }

    private static final String KEY = "step-through";

    private final InspectionModel inspection;
    private final Consumer<String> centreOn;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.INFERENCE);
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper(this, "position", "");
    private List<Activation> outputs = List.of();
    private Map<String, Activation> byPath = Map.of();
    private ExpandedGraph expanded;
    private List<String> classNames = List.of();
    private boolean stale = true;
    private ExpandedGraph fieldsOf;
    private ReceptiveFields fields;

    public StepThroughViewModel(InspectionModel inspection, Consumer<String> centreOn) {
        this.inspection = inspection;
        this.centreOn = centreOn;
        inspection.revisionProperty().addListener((o, a, b) -> stale = true);
        inspection.editor().generationProperty().addListener((o, a, b) -> clear());
        mode.addListener((o, a, b) -> load(index.get()));
    }

    /**
     * What output value (y, x) of the current step sees of the probe image (issue 17), clipped at the
     * borders; empty for vectors and before the first step.
     */
    public java.util.Optional<ReceptiveFields.Rect> receptiveField(int y, int x) {
        Step s = step.get();
        if (s == null || expanded == null || s.node().output().vector() || y < 0 || x < 0) {
            return java.util.Optional.empty();
        }
        if (fieldsOf != expanded) {
            fieldsOf = expanded;
            fields = ReceptiveFields.of(expanded);
        }
        return fields.find(s.node().path(), y, x);
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "step 3 of 14" */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public int size() {
        return outputs.size();
    }

    /** Paths in the order the steps visit them. */
    public List<String> order() {
        return outputs.stream().map(Activation::path).toList();
    }

    /** Runs the pass (on the worker or, while training, the trainer thread) and goes to step {@code goTo}. */
    public void load(int goTo) {
        message.set("Running the probe image through the network…");
        Mode m = mode.get();
        inspection.inspect(
                KEY,
                (model, probe, target) -> ModelProbe.outputs(model, probe, m),
                list -> {
                    InspectionModel.Target t = inspection.target();
                    setOutputs(list, t == null ? null : t.expanded(), t == null ? List.of() : t.classNames());
                    message.set("");
                    go(Math.max(0, Math.min(goTo, list.size() - 1)));
                },
                e -> message.set(e.getMessage()));
    }

    /** Another network: nothing stepped yet. */
    private void clear() {
        outputs = List.of();
        byPath = Map.of();
        stale = true;
        index.set(-1);
        step.set(null);
        position.set("");
        message.set("");
    }

    /** For tests: steps over outputs computed elsewhere. */
    public void setOutputs(List<Activation> list, ExpandedGraph g, List<String> names) {
        outputs = List.copyOf(list);
        expanded = g;
        classNames = names;
        Map<String, Activation> m = new LinkedHashMap<>();
        list.forEach(o -> m.put(o.path(), o));
        byPath = m;
        stale = false;
    }

    public void step() {
        if (stale) {
            load(index.get() + 1);
        } else if (index.get() + 1 < outputs.size()) {
            go(index.get() + 1);
        }
    }

    public void back() {
        if (stale) {
            load(index.get() - 1);
        } else if (index.get() > 0) {
            go(index.get() - 1);
        }
    }

    public void reset() {
        if (stale) {
            load(0);
        } else {
            go(0);
        }
    }

    /** Steps forward to the first primitive of {@code node} (from the start if it lies behind). */
    public void runTo(String node) {
        if (node == null) {
            message.set("Select a node on the canvas first.");
            return;
        }
        if (stale) {
            inspection.inspect(
                    KEY,
                    (model, probe, target) -> ModelProbe.outputs(model, probe, mode.get()),
                    list -> {
                        InspectionModel.Target t = inspection.target();
                        setOutputs(list, t == null ? null : t.expanded(), t == null ? List.of() : t.classNames());
                        message.set("");
                        runTo(node);
                    },
                    e -> message.set(e.getMessage()));
            return;
        }
        int from = index.get() + 1;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = pass == 0 ? from : 0; i < outputs.size(); i++) {
                if (outputs.get(i).owner().equals(node)) {
                    go(i);
                    return;
                }
            }
        }
        message.set("'" + node + "' is not computed in " + mode.get().name().toLowerCase() + " mode.");
    }

    private void go(int i) {
        if (outputs.isEmpty()) {
            return;
        }
        index.set(i);
        Activation o = outputs.get(i);
        PrimitiveNode p = expanded.primitive(o.path()).orElseThrow();
        List<ChannelGrid> ins = new ArrayList<>();
        for (String in : p.inputs()) {
            Activation x = byPath.get(in);
            if (x != null) {
                ins.add(ChannelGrid.of(x.path(), x.shape(), x.value()));
            }
        }
        ChannelGrid out = ChannelGrid.of(o.path(), o.shape(), o.value());
        step.set(new Step(i, p, ins, out, StepText.describe(p, out, ins, mode.get(), classNames)));
        position.set("step " + (i + 1) + " of " + outputs.size());
        if (inspection.editor().graph().contains(o.owner())) {
            inspection.editor().select(o.owner());
        }
        centreOn.accept(o.owner());
    }
}
