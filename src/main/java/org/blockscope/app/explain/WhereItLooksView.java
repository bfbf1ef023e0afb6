package org.blockscope.app.explain;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.blockscope.app.inspect.FxImages;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.Pixels;
import org.blockscope.app.inspect.ProbeBar;
import org.blockscope.app.inspect.ProbeImage;
import org.blockscope.app.inspect.ReceptiveFieldPane;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.graph.Shape;

/**
 * Where the network looks: the map over the probe with its colour scale, the node's output (hover a value
 * to outline what it sees on the probe), the top classes (click one to explain it), and for 1-channel
 * networks a pad to draw the probe.
 */
public final class WhereItLooksView extends BorderPane {

    static final double BIG = 210;
    static final double SMALL = 120;

    private final ExplainViewModel vm;
    private final InspectionModel inspection;
    private final ImageView overlay = new ImageView();
    private final Label title = new Label();
    private final Label lo = new Label();
    private final Label hi = new Label();
    private final ImageView nodeMap = new ImageView();
    private final Label nodeTitle = new Label();
    private final Label channelNote = new Label();
    private final Spinner<Integer> channel = new Spinner<>(0, 0, 0);
    private final ReceptiveFieldPane field = new ReceptiveFieldPane(SMALL);
    private final PredictionBars bars = new PredictionBars();
    private final VBox padBox = new VBox();

    public WhereItLooksView(InspectionModel inspection) {
        this.inspection = inspection;
        this.vm = new ExplainViewModel(inspection);
        getStyleClass().addAll("where-it-looks", "explain-view");
        ExplainWorkspace.style(this);
        ComboBox<ExplainViewModel.Method> method =
                new ComboBox<>(FXCollections.observableArrayList(ExplainViewModel.Method.values()));
        method.valueProperty().bindBidirectional(vm.methodProperty());
        method.setId("explain-method");
        ComboBox<String> node = new ComboBox<>(vm.nodes());
        node.valueProperty().bindBidirectional(vm.nodeProperty());
        node.setId("explain-node");
        Slider opacity = new Slider(0, 1, vm.opacityProperty().get());
        opacity.valueProperty().bindBidirectional(vm.opacityProperty());
        opacity.setPrefWidth(110);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        HBox controls = new HBox(
                8, new Label("Show:"), method, new Label("Node:"), node, new Label("Opacity:"), opacity, busy, message);
        controls.setAlignment(Pos.CENTER_LEFT);
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        title.setMaxWidth(BIG + 40);
        overlay.setSmooth(false);
        overlay.setId("explain-overlay");
        ImageView bar = FxImages.view(scaleBar(120, 10), 120, 10, 120);
        HBox scale = new HBox(6, lo, bar, hi);
        scale.setAlignment(Pos.CENTER_LEFT);
        VBox mapBox = new VBox(4, title, overlay, scale);
        nodeTitle.setWrapText(true);
        nodeTitle.setMaxWidth(SMALL + 60);
        nodeTitle.getStyleClass().add("section-title");
        nodeMap.setSmooth(false);
        nodeMap.setId("explain-node-map");
        channel.setPrefWidth(80);
        channel.valueProperty().addListener((o, a, b) -> showNodeMap());
        channelNote.getStyleClass().add("caption");
        channelNote.setWrapText(true);
        channelNote.setMaxWidth(SMALL + 60);
        HBox channelRow = new HBox(4, new Label("channel"), channel);
        channelRow.setAlignment(Pos.CENTER_LEFT);
        bars.setOnPick(c -> vm.classProperty().set(c));
        VBox right = new VBox(10, bars, padBox);
        // stacked: the node's output above the probe it is hovered on, so the three columns fit 800 px
        VBox fieldBox = new VBox(4, nodeTitle, channelRow, channelNote, nodeMap, field);
        FlowPane body = new FlowPane(18, 12, mapBox, right, fieldBox);
        body.setPrefWrapLength(BIG + 300 + SMALL + 100);
        VBox all = new VBox(8, controls, body);
        all.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(all);
        scroll.setFitToWidth(true);
        setTop(new ProbeBar(inspection));
        setCenter(scroll);
        vm.resultProperty().addListener((o, a, b) -> show());
        vm.opacityProperty().addListener((o, a, b) -> showOverlay());
        inspection.targetProperty().addListener((o, a, b) -> showPad());
        ReceptiveFieldPane.onHover(nodeMap, 1, 1, (y, x) -> {});
        show();
        showPad();
    }

    public ExplainViewModel viewModel() {
        return vm;
    }

    public PredictionBars predictionBars() {
        return bars;
    }

    public ReceptiveFieldPane receptiveFieldPane() {
        return field;
    }

    /** The drawing pad, or null when the network does not take one-channel images. */
    public DrawingPadView drawingPad() {
        return padBox.getChildren().isEmpty()
                ? null
                : (DrawingPadView) padBox.getChildren().get(0);
    }

    private void showPad() {
        InspectionModel.Target t = inspection.target();
        Shape in = t == null ? null : inputShape(t);
        DrawingPadView current = drawingPad();
        if (in == null || in.channels() != 1) {
            padBox.getChildren().clear();
            return;
        }
        if (current != null
                && current.pad().height() == in.height()
                && current.pad().width() == in.width()) {
            return;
        }
        int scale = Math.max(2, (int) Math.round(140.0 / Math.max(in.height(), in.width())));
        DrawingPad pad = new DrawingPad(in.height(), in.width(), scale, DrawingPadView.BRUSH);
        padBox.getChildren()
                .setAll(new DrawingPadView(
                        pad, pixels -> inspection.probeProperty().set(new ProbeImage("your drawing", in, pixels))));
    }

    private static Shape inputShape(InspectionModel.Target t) {
        return t.expanded().nodes().get(0).output();
    }

    private void show() {
        Explanation e = vm.resultProperty().get();
        if (e == null) {
            overlay.setImage(null);
            nodeMap.setImage(null);
            title.setText("");
            bars.show(null, 5, -1);
            return;
        }
        title.setText(e.title());
        lo.setText(String.format(Locale.ROOT, "%.3g", e.lo()));
        hi.setText(String.format(Locale.ROOT, "%.3g", e.hi()));
        showOverlay();
        bars.show(e.prediction(), 5, e.cls());
        field.showImage(e.photo(), e.shape());
        int channels = e.nodeShape().channels();
        var factory = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) channel.getValueFactory();
        boolean newNode = factory.getMax() != channels - 1 || !e.path().equals(shownPath);
        factory.setMax(Math.max(0, channels - 1));
        if (newNode) {
            shownPath = e.path();
            factory.setValue(Math.min(e.strongestChannel(), channels - 1));
        }
        showNodeMap();
    }

    private String shownPath;

    private static int[] scaleBar(int w, int h) {
        int[] row = Pixels.scaleBar(w);
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(row, 0, out, y * w, w);
        }
        return out;
    }

    private void showOverlay() {
        Explanation e = vm.resultProperty().get();
        if (e == null) {
            return;
        }
        ImageView v = FxImages.view(
                e.overlay(vm.opacityProperty().get()),
                e.shape().width(),
                e.shape().height(),
                BIG);
        overlay.setImage(v.getImage());
        overlay.setFitWidth(v.getFitWidth());
        overlay.setFitHeight(v.getFitHeight());
    }

    private void showNodeMap() {
        Explanation e = vm.resultProperty().get();
        if (e == null || e.activation().length == 0) {
            return;
        }
        Shape s = e.nodeShape();
        int c = Math.min(channel.getValue() == null ? 0 : channel.getValue(), s.channels() - 1);
        int plane = s.height() * s.width();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < plane; i++) {
            min = Math.min(min, e.activation()[c * plane + i]);
            max = Math.max(max, e.activation()[c * plane + i]);
        }
        ImageView v = FxImages.view(
                Pixels.colourMap(e.activation(), c * plane, plane, min, max), s.width(), s.height(), SMALL);
        nodeMap.setImage(v.getImage());
        nodeMap.setFitWidth(v.getFitWidth());
        nodeMap.setFitHeight(v.getFitHeight());
        nodeTitle.setText("Receptive fields of '" + e.node() + "' (" + s + ")");
        channelNote.setText(
                c == e.strongestChannel() && e.method() == ExplainViewModel.Method.GRAD_CAM
                        ? "the channel Grad-CAM weighs most"
                        : "");
        ReceptiveFieldPane.onHover(nodeMap, s.height(), s.width(), (y, x) -> {
            ReceptiveFields.Rect r = vm.receptiveField(y, x);
            if (r == null) {
                field.clear();
            } else {
                field.outline(r, "'" + e.node() + "' at (" + y + ", " + x + ")");
            }
        });
    }
}
