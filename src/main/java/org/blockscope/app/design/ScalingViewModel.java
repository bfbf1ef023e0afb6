package org.blockscope.app.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.model.LatestWins;
import org.blockscope.design.Scaling;
import org.blockscope.design.ScalingReport;
import org.blockscope.graph.Graph;

/**
 * The compound-scaling tool: a network, φ (compound mode: depth α^φ, width β^φ, resolution γ^φ) or
 * the three factors set by hand, and the scaled network's costs beside the original's, recomputed
 * off the UI thread as φ is dragged (the newest request wins).
 */
public final class ScalingViewModel {

    /** One line of the comparison: what, original, scaled, ratio. */
    public record Row(String label, String original, String scaled, String ratio) {}

    private final Graph base;
    private final String title;
    private final BooleanProperty compound = new SimpleBooleanProperty(this, "compound", true);
    private final DoubleProperty phi = new SimpleDoubleProperty(this, "phi", 1);
    private final DoubleProperty depth = new SimpleDoubleProperty(this, "depth", 1);
    private final DoubleProperty width = new SimpleDoubleProperty(this, "width", 1);
    private final DoubleProperty resolution = new SimpleDoubleProperty(this, "resolution", 1);
    private final ReadOnlyObjectWrapper<ScalingReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<List<Row>> rows = new ReadOnlyObjectWrapper<>(this, "rows", List.of());
    private final ReadOnlyStringWrapper growth = new ReadOnlyStringWrapper(this, "growth", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final LatestWins<ScalingReport> worker;
    private boolean updating;

    public ScalingViewModel(Graph base, String title, Executor deliver) {
        this.base = base;
        this.title = title;
        this.worker = new LatestWins<>("blockscope-scaling", deliver);
        phi.addListener((o, a, b) -> fromPhi());
        compound.addListener((o, a, b) -> fromPhi());
        depth.addListener((o, a, b) -> recompute());
        width.addListener((o, a, b) -> recompute());
        resolution.addListener((o, a, b) -> recompute());
        fromPhi();
    }

    public String title() {
        return title;
    }

    public BooleanProperty compoundProperty() {
        return compound;
    }

    public DoubleProperty phiProperty() {
        return phi;
    }

    public DoubleProperty depthProperty() {
        return depth;
    }

    public DoubleProperty widthProperty() {
        return width;
    }

    public DoubleProperty resolutionProperty() {
        return resolution;
    }

    public ReadOnlyObjectProperty<ScalingReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Row>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty growthProperty() {
        return growth.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The scaled network of the last result (null before the first). */
    public Graph scaled() {
        return report.get() == null ? null : report.get().graph();
    }

    private void fromPhi() {
        if (!compound.get()) {
            recompute();
            return;
        }
        Scaling s = Scaling.compound(phi.get());
        updating = true;
        depth.set(s.depth());
        width.set(s.width());
        resolution.set(s.resolution());
        updating = false;
        recompute();
    }

    private void recompute() {
        if (updating) {
            return;
        }
        Scaling s;
        try {
            s = new Scaling(depth.get(), width.get(), resolution.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        worker.submit(() -> ScalingReport.of(base, s), this::show, e -> message.set(e.getMessage()));
    }

    private void show(ScalingReport r) {
        List<Row> l = new ArrayList<>();
        l.add(new Row(
                "Input", r.original().input().toString(), r.scaled().input().toString(), ""));
        l.add(row("Primitives", r.original().primitives(), r.scaled().primitives(), Long::toString));
        l.add(row("Parameters", r.original().cost().params(), r.scaled().cost().params(), Numbers::grouped));
        l.add(row(
                "MACs per image", r.original().cost().macs(), r.scaled().cost().macs(), Numbers::grouped));
        l.add(row(
                "Activation memory",
                r.original().cost().memoryBytes(),
                r.scaled().cost().memoryBytes(),
                Numbers::bytes));
        rows.set(l);
        growth.set(String.format(
                Locale.ROOT,
                "depth ×%s, width ×%s, resolution ×%s: FLOPs grow ×%.3f, d·w²·r² predicts ×%.3f",
                ScalingReport.factor(r.scaling().depth()),
                ScalingReport.factor(r.scaling().width()),
                ScalingReport.factor(r.scaling().resolution()),
                r.measuredFlopsRatio(),
                r.predictedFlopsRatio()));
        message.set(
                !r.scaled().valid()
                        ? "The scaled network has errors: open it to see them."
                        : String.join("; ", r.notes()));
        report.set(r); // last: whoever sees the report sees its rows
    }

    private static Row row(String label, long a, long b, java.util.function.LongFunction<String> f) {
        return new Row(
                label, f.apply(a), f.apply(b), a == 0 ? "" : String.format(Locale.ROOT, "×%.3f", (double) b / a));
    }

    public void shutdown() {
        worker.shutdown();
    }
}
