package org.blockscope.app.explain;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.control.Tab;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.engine.run.TrainingRun;

/**
 * The views of what a network learned, built once and handed to the training workspace: "Where it looks"
 * (prediction, Grad-CAM / saliency / occlusion, receptive fields, drawing pad), "Channels" (top patches)
 * and "Gradients" (gradient flow, compare), plus the confusion-matrix examples shown under the results.
 * The workspace tells it when runs start ({@link #runStarting} on the preparing thread, {@link #runNamed}
 * on the UI thread).
 */
public final class ExplainWorkspace {

    /** Tab titles, in the order of {@link #tabs()}. */
    public static final List<String> TITLES = List.of("Where it looks", "Channels", "Gradients");

    private final WhereItLooksView whereItLooks;
    private final TopPatchesView topPatches;
    private final GradientFlowView gradientFlow;
    private final ConfusionExamplesView confusionExamples;

    /** @param ui runs results on the UI thread (Platform::runLater) */
    public ExplainWorkspace(InspectionModel inspection, Executor ui) {
        whereItLooks = new WhereItLooksView(inspection);
        topPatches = new TopPatchesView(inspection, ui);
        gradientFlow = new GradientFlowView(new GradientFlowViewModel(ui));
        confusionExamples = new ConfusionExamplesView(new ConfusionExamplesViewModel(inspection.access()));
    }

    /** New tabs for the views, titled as {@link #TITLES}. */
    public List<Tab> tabs() {
        return List.of(
                tab(TITLES.get(0), whereItLooks), tab(TITLES.get(1), topPatches), tab(TITLES.get(2), gradientFlow));
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    /** On the preparing thread, before the trainer starts: follow the run's gradients. */
    public void runStarting(TrainingRun run) {
        gradientFlow.viewModel().attach(run, "run");
    }

    /** On the UI thread: the run's name in the lists. */
    public void runNamed(TrainingRun run, String name) {
        gradientFlow.viewModel().name(run, name);
    }

    /** The images of a confusion-matrix cell of {@code run}. */
    public void showCell(TrainingRun run, String runName, int actual, int predicted) {
        confusionExamples.viewModel().show(run, runName, actual, predicted);
    }

    public WhereItLooksView whereItLooks() {
        return whereItLooks;
    }

    public TopPatchesView topPatches() {
        return topPatches;
    }

    public GradientFlowView gradientFlow() {
        return gradientFlow;
    }

    public ConfusionExamplesView confusionExamples() {
        return confusionExamples;
    }

    /** Adds the views' style sheet to {@code p}. */
    static void style(javafx.scene.Parent p) {
        var css = ExplainWorkspace.class.getResource("/org/blockscope/res/css/explain.css");
        if (css != null) {
            p.getStylesheets().add(css.toExternalForm());
        }
    }

    public void shutdown() {
        topPatches.viewModel().shutdown();
    }
}
