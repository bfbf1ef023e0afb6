package org.blockscope.app.inspect;

import java.util.List;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.blockscope.engine.compile.Mode;

/** Step through one forward pass: Step / Step back / Run to selected / Reset, mode toggle, input and output of each step. */
public final class StepThroughView extends BorderPane {

    private final StepThroughViewModel vm;
    private final InspectionModel inspection;
    private final ChannelGridView input = new ChannelGridView();
    private final ChannelGridView output = new ChannelGridView();
    private final HistogramView inHist = new HistogramView(240, 70);
    private final HistogramView outHist = new HistogramView(240, 70);
    private final Label title = new Label();
    private final Label text = new Label();
    private final ReceptiveFieldPane field = new ReceptiveFieldPane(120);

    public StepThroughView(InspectionModel inspection, java.util.function.Consumer<String> centreOn) {
        this.vm = new StepThroughViewModel(inspection, centreOn);
        this.inspection = inspection;
        getStyleClass().add("step-through-view");
        Button step = new Button("Step ▶");
        step.setOnAction(e -> vm.step());
        Button back = new Button("◀ Step back");
        back.setOnAction(e -> vm.back());
        Supplier<String> selected =
                () -> inspection.editor().selection().stream().findFirst().orElse(null);
        Button runTo = new Button("Run to selected node ▶▶");
        runTo.setOnAction(e -> vm.runTo(selected.get()));
        Button reset = new Button("Reset");
        reset.setOnAction(e -> vm.reset());
        ChoiceBox<Mode> mode = new ChoiceBox<>(FXCollections.observableArrayList(Mode.values()));
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(Mode m) {
                return m == Mode.TRAINING ? "training mode (batch statistics, dropout on)" : "inference mode";
            }

            @Override
            public Mode fromString(String s) {
                return null;
            }
        });
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        Label position = new Label();
        position.textProperty().bind(vm.positionProperty());
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        FlowPane controls = new FlowPane(8, 4, reset, back, step, runTo, mode, position, message);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (javafx.scene.Node n : List.of(reset, back, step, runTo, mode, position)) {
            ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        message.setWrapText(true);
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        text.getStyleClass().add("step-text");
        text.setWrapText(true);
        input.setMaxTiles(16);
        output.setMaxTiles(32);
        VBox in = new VBox(4, input, inHist);
        VBox out = new VBox(4, output, outHist);
        HBox tensors = new HBox(24, in, new Label("→"), out, field);
        VBox body = new VBox(8, controls, title, text, tensors);
        body.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setTop(new ProbeBar(inspection));
        setCenter(scroll);
        vm.stepProperty().addListener((o, a, b) -> show(b));
        inspection
                .editor()
                .presenterModeProperty()
                .addListener((o, a, b) -> show(vm.stepProperty().get()));
        show(null);
    }

    /** Presenter mode shows every picture 1.5 times larger. */
    private double scale() {
        return inspection.editor().presenterModeProperty().get() ? 1.5 : 1;
    }

    public StepThroughViewModel viewModel() {
        return vm;
    }

    private void show(StepThroughViewModel.Step s) {
        if (s == null) {
            title.setText("Press Step ▶ (or Run to selected node) to send the probe image through the network,"
                    + " one primitive at a time.");
            text.setText("");
            input.show("", null, 40);
            output.show("", null, 40);
            inHist.show(null);
            outHist.show(null);
            return;
        }
        title.setText(s.title());
        text.setText(s.text());
        ChannelGrid in = s.inputs().isEmpty() ? null : s.inputs().get(0);
        input.show(
                in == null
                        ? "Input: (none — this is the image)"
                        : "Input"
                                + (s.inputs().size() > 1 ? " 1 of " + s.inputs().size() : "") + ": " + in.path(),
                in,
                40 * scale());
        output.show("Output: " + s.output().path(), s.output(), 40 * scale());
        inHist.show(in == null ? null : in.stats());
        outHist.show(s.output().stats());
        showField(s);
    }

    /** Hovering a value of an output tile outlines what it sees on the probe (issue 17). */
    private void showField(StepThroughViewModel.Step s) {
        ProbeImage probe = inspection.probeProperty().get();
        boolean map = !s.node().output().vector() && probe != null;
        field.setVisible(map);
        field.setManaged(map);
        if (!map) {
            return;
        }
        field.showImage(probe.pixels(), probe.shape());
        ChannelGrid g = s.output();
        for (javafx.scene.Node cell : output.tiles().getChildren()) {
            if (cell instanceof javafx.scene.layout.StackPane p
                    && p.getChildren().get(0) instanceof javafx.scene.image.ImageView v) {
                ReceptiveFieldPane.onHover(
                        v,
                        g.height(),
                        g.width(),
                        (y, x) -> vm.receptiveField(y, x)
                                .ifPresentOrElse(
                                        r -> field.outline(r, "'" + s.node().path() + "' at (" + y + ", " + x + ")"),
                                        field::clear));
            }
        }
    }

    public ReceptiveFieldPane receptiveFieldPane() {
        return field;
    }

    public ChannelGridView outputGrid() {
        return output;
    }
}
