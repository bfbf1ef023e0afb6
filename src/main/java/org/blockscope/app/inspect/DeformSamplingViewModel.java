package org.blockscope.app.inspect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.inspect.Planes;
import org.blockscope.primitive.PrimitiveNode;

/**
 * The learned sampling points of one output position of a deformable conv, for the probe image: the
 * model runs the probe, the offsets (and mask) of that position are read from the conv's port 1, and
 * each tap's grid point and sampled point are mapped onto the probe image.
 */
public final class DeformSamplingViewModel {

    /** What the view draws: the probe, the taps in image pixels, and a sentence. */
    public record Picture(ProbeImage probe, List<DeformSampling.Tap> taps, String text) {}

    private static final String KEY = "deform-sampling";

    private final InspectionModel inspection;
    private final ObservableList<String> convs = FXCollections.observableArrayList();
    private final ObjectProperty<String> conv = new SimpleObjectProperty<>(this, "conv");
    private final IntegerProperty row = new SimpleIntegerProperty(this, "row", -1);
    private final IntegerProperty column = new SimpleIntegerProperty(this, "column", -1);
    private final ReadOnlyObjectWrapper<Picture> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public DeformSamplingViewModel(InspectionModel inspection) {
        this.inspection = inspection;
        inspection.revisionProperty().addListener((o, a, b) -> refresh());
        conv.addListener((o, a, b) -> {
            row.set(-1);
            column.set(-1);
            refresh();
        });
        row.addListener((o, a, b) -> refresh());
        column.addListener((o, a, b) -> refresh());
        refresh();
    }

    public ObservableList<String> convs() {
        return convs;
    }

    public ObjectProperty<String> convProperty() {
        return conv;
    }

    public IntegerProperty rowProperty() {
        return row;
    }

    public IntegerProperty columnProperty() {
        return column;
    }

    public ReadOnlyObjectProperty<Picture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The selected deformable conv, if the network has it. */
    public Optional<PrimitiveNode> selected() {
        InspectionModel.Target t = inspection.target();
        return t == null || conv.get() == null ? Optional.empty() : t.expanded().primitive(conv.get());
    }

    /** Selects the output position under image pixel (y, x). */
    public void pointAt(double y, double x) {
        Picture p = picture.get();
        Optional<PrimitiveNode> n = selected();
        if (p == null || n.isEmpty()) {
            return;
        }
        int[] at = DeformSampling.outputAt(n.get(), p.probe().shape(), y, x);
        row.set(at[0]);
        column.set(at[1]);
    }

    public void refresh() {
        InspectionModel.Target t = inspection.target();
        List<String> found = t == null
                ? List.of()
                : DeformSampling.convs(t.expanded()).stream()
                        .map(PrimitiveNode::path)
                        .toList();
        if (!convs.equals(found)) {
            convs.setAll(found);
        }
        if (found.isEmpty()) {
            picture.set(null);
            message.set(
                    t == null
                            ? inspection.sourceTextProperty().get()
                            : "This network has no deformable conv: place a Deformable conv block.");
            return;
        }
        if (conv.get() == null || !found.contains(conv.get())) {
            conv.set(found.get(0)); // refreshes again
            return;
        }
        PrimitiveNode n = t.expanded().primitive(conv.get()).orElseThrow();
        int oy = row.get() < 0
                ? n.output().height() / 2
                : Math.min(row.get(), n.output().height() - 1);
        int ox = column.get() < 0
                ? n.output().width() / 2
                : Math.min(column.get(), n.output().width() - 1);
        ProbeImage probe = inspection.probeProperty().get();
        message.set("");
        inspection.inspect(
                KEY, (m, x, target) -> picture(m, x, n, oy, ox, probe), picture::set, e -> message.set(e.getMessage()));
    }

    /** Runs the probe and reads where output (oy, ox) of deformable conv {@code n} sampled. */
    static Picture picture(Model m, float[] probe, PrimitiveNode n, int oy, int ox, ProbeImage image) {
        String offsets = n.inputs().get(1);
        Planes off = ModelProbe.inference(m, probe, List.of(offsets)).get(offsets);
        if (off == null) {
            throw new IllegalStateException("the inference pass does not compute " + offsets);
        }
        int channels = off.dims()[0];
        int h = off.dims()[1];
        int w = off.dims()[2];
        double[] values = new double[channels];
        for (int c = 0; c < channels; c++) {
            values[c] = off.values()[(c * h + oy) * w + ox];
        }
        List<DeformSampling.Tap> taps = DeformSampling.taps(n.params(), oy, ox, values);
        var in = n.inputShapes().get(0);
        var shape = image.shape();
        List<DeformSampling.Tap> onImage = taps.stream()
                .map(tap -> new DeformSampling.Tap(
                        DeformSampling.toImage(tap.gridY(), in.height(), shape.height()),
                        DeformSampling.toImage(tap.gridX(), in.width(), shape.width()),
                        DeformSampling.toImage(tap.y(), in.height(), shape.height()),
                        DeformSampling.toImage(tap.x(), in.width(), shape.width()),
                        tap.mask()))
                .toList();
        double moved = taps.stream()
                .mapToDouble(tap -> Math.hypot(tap.y() - tap.gridY(), tap.x() - tap.gridX()))
                .average()
                .orElse(0);
        String text = String.format(
                Locale.ROOT,
                "Output (%d, %d) of %s: its %d taps moved %.2f px on average from the regular grid (in the conv's"
                        + " %s input map)%s.",
                oy,
                ox,
                n.path(),
                taps.size(),
                moved,
                in,
                n.params().getBool("modulated") ? "; the dots' strength is the mask" : "");
        return new Picture(image, onImage, text);
    }
}
