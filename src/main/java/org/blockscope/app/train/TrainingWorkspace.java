package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.blockscope.app.explain.ExplainWorkspace;
import org.blockscope.app.inspect.DeformSamplingView;
import org.blockscope.app.inspect.FeatureMapView;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.inspect.SeWeightsView;
import org.blockscope.app.inspect.StepThroughView;
import org.blockscope.app.model.EditorModel;

/**
 * Training and inspection in one dockable container: Training | Feature maps | SE weights | Step
 * through | Deformable sampling. The lead docks it next to the canvas; {@code centreOnNode} scrolls the canvas to a node.
 */
public final class TrainingWorkspace extends TabPane {

    /** Where the bundled samples live (the working directory's sample-images, as the CLI assumes). */
    public static final Path SAMPLES = Path.of("sample-images");

    private final ModelAccess access;
    private final InspectionModel inspection;
    private final Training training;
    private final TrainingPanel trainingPanel;
    private final FeatureMapView featureMaps;
    private final SeWeightsView seWeights;
    private final StepThroughView stepThrough;
    private final ExplainWorkspace explain;
    private final DeformSamplingView deformSampling;

    public TrainingWorkspace(EditorModel model, Consumer<String> centreOnNode) {
        this(model, centreOnNode, SAMPLES);
    }

    public TrainingWorkspace(EditorModel model, Consumer<String> centreOnNode, Path samples) {
        getStyleClass().add("training-workspace");
        var css = TrainingWorkspace.class.getResource("/org/blockscope/res/css/training.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        access = new ModelAccess(Platform::runLater, 500);
        inspection = new InspectionModel(model, access, samples);
        training = Training.create(model, access, Platform::runLater, samples, System::nanoTime);
        training.runs().onRunStarting(inspection::runStarting);
        training.runs().onRunStarted(inspection::runStarted);
        training.runs().onRunEnded(inspection::runEnded);
        // the probe comes from the data the network trains on: a digit for a digit network
        training.data().previewProperty().addListener((o, a, p) -> {
            if (p != null) {
                inspection.setDomainImage(p.firstImage());
            }
        });
        trainingPanel = new TrainingPanel(training);
        trainingPanel.presenterProperty().bind(model.presenterModeProperty());
        featureMaps = new FeatureMapView(inspection);
        seWeights = new SeWeightsView(inspection);
        stepThrough = new StepThroughView(inspection, centreOnNode);
        deformSampling = new DeformSamplingView(inspection);
        getTabs()
                .addAll(
                        tab("Training", trainingPanel),
                        tab("Feature maps", featureMaps),
                        tab("SE weights", seWeights),
                        tab("Step through", stepThrough),
                        tab("Deformable sampling", deformSampling));
        explain = explain(inspection);
    }

    /** What the network learned (issue 17): three more tabs, gradient flow of every run, confusion examples. */
    private ExplainWorkspace explain(InspectionModel inspection) {
        ExplainWorkspace x = new ExplainWorkspace(inspection, Platform::runLater);
        getTabs().addAll(x.tabs());
        training.runs().onRunStarting(x::runStarting);
        training.runs()
                .onRunStarted(run -> training.runs().list().runs().stream()
                        .filter(r -> r.run() == run)
                        .findFirst()
                        .ifPresent(r -> x.runNamed(run, r.toString())));
        trainingPanel.results().getChildren().add(x.confusionExamples());
        trainingPanel.results().setOnCellClicked((r, a, p) -> {
            if (r.run() != null) {
                x.showCell(r.run(), r.toString(), a, p);
            }
        });
        return x;
    }

    public ExplainWorkspace explain() {
        return explain;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    public Training training() {
        return training;
    }

    public InspectionModel inspection() {
        return inspection;
    }

    public TrainingPanel trainingPanel() {
        return trainingPanel;
    }

    public FeatureMapView featureMaps() {
        return featureMaps;
    }

    public SeWeightsView seWeights() {
        return seWeights;
    }

    public StepThroughView stepThrough() {
        return stepThrough;
    }

    public DeformSamplingView deformSampling() {
        return deformSampling;
    }

    /** Stops a running run and the background threads (call when the window closes). */
    public void shutdown() {
        trainingPanel.stopPump();
        explain.shutdown();
        training.shutdown();
        access.shutdown();
    }
}
