package org.blockscope.app.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.SetChangeListener;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.inspect.Planes;

/**
 * The feature maps of the node selected on the canvas, for the probe image: its output channels and
 * its input, refreshed live while a run trains (sampled on the trainer thread every 0.5 s) and on
 * demand otherwise; plus the first conv's filters.
 */
public final class FeatureMapViewModel {

    /** What the view draws. */
    public record Maps(String node, ChannelGrid output, ChannelGrid input, long iteration) {}

    private static final String KEY = "feature-maps";
    private static final String FILTERS = "first-filters";

    private final InspectionModel inspection;
    private final ReadOnlyObjectWrapper<Maps> maps = new ReadOnlyObjectWrapper<>(this, "maps");
    private final ReadOnlyObjectWrapper<FilterTiles> filters = new ReadOnlyObjectWrapper<>(this, "filters");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final IntegerProperty enlarged = new SimpleIntegerProperty(this, "enlarged", -1);

    public FeatureMapViewModel(InspectionModel inspection) {
        this.inspection = inspection;
        inspection.editor().selection().addListener((SetChangeListener<String>) c -> refresh());
        inspection.revisionProperty().addListener((o, a, b) -> refresh());
        inspection.editor().generationProperty().addListener((o, a, b) -> {
            maps.set(null);
            filters.set(null);
            enlarged.set(-1);
            refresh();
        });
        refresh();
    }

    public ReadOnlyObjectProperty<Maps> mapsProperty() {
        return maps.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FilterTiles> filtersProperty() {
        return filters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The channel shown large (-1: none). */
    public IntegerProperty enlargedProperty() {
        return enlarged;
    }

    /** The selected top-level node (the first if several). */
    public String selectedNode() {
        return inspection.editor().selection().stream().findFirst().orElse(null);
    }

    public void refresh() {
        InspectionModel.Target t = inspection.target();
        if (t == null) {
            message.set(inspection.sourceTextProperty().get());
            inspection.access().stopSampling(KEY);
            return;
        }
        String node = selectedNode();
        Optional<NodePaths.InOut> io = NodePaths.of(t.expanded(), node);
        if (io.isEmpty()) {
            message.set(
                    node == null
                            ? "Select a node on the canvas to see its feature maps."
                            : "'" + node + "' is not in " + (t.live() ? "the copy being trained" : "this network")
                                    + ".");
            maps.set(null);
            inspection.access().stopSampling(KEY);
        } else {
            message.set("");
            InspectionModel.Job<Maps> job = (m, probe, target) -> sample(m, probe, io.get());
            if (t.live()) {
                inspection.sampleWhileTraining(KEY, job, this::show);
            } else {
                inspection.access().stopSampling(KEY);
            }
            inspection.inspect(KEY, job, this::show, e -> message.set(e.getMessage()));
        }
        inspection.inspect(FILTERS, (m, probe, target) -> firstFilters(m), filters::set, e -> {});
        if (t.live()) {
            inspection.sampleWhileTraining(FILTERS, (m, probe, target) -> firstFilters(m), filters::set);
        } else {
            inspection.access().stopSampling(FILTERS);
        }
    }

    private void show(Maps m) {
        Maps old = maps.get();
        if (old == null
                || !old.node().equals(m.node())
                || old.output().channels() != m.output().channels()) {
            enlarged.set(-1);
        }
        maps.set(m);
    }

    /** Runs on the worker or trainer thread: one inference pass of the probe, copies of two outputs. */
    static Maps sample(Model m, float[] probe, NodePaths.InOut io) {
        List<String> paths = new ArrayList<>(List.of(io.output()));
        if (io.input() != null) {
            paths.add(io.input());
        }
        Map<String, Planes> got = ModelProbe.inference(m, probe, paths);
        ChannelGrid out = grid(m, got, io.output());
        ChannelGrid in = io.input() == null ? null : grid(m, got, io.input());
        return new Maps(io.node(), out, in, -1);
    }

    private static ChannelGrid grid(Model m, Map<String, Planes> got, String path) {
        Planes a = got.get(path);
        if (a == null) {
            throw new IllegalStateException("'" + path + "' is not computed at inference");
        }
        return ChannelGrid.of(path, m.expanded().primitive(path).orElseThrow().output(), a);
    }

    static FilterTiles firstFilters(Model m) {
        return NodePaths.firstConv(m.expanded())
                .map(p -> FilterTiles.of(p.path(), ModelProbe.tensor(m, p.path() + "/weight")))
                .orElse(null);
    }
}
