package org.blockscope.app.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import org.blockscope.app.explain.ExplainWorkspace;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.train.TrainingWorkspace;
import org.blockscope.io.AppPaths;

/**
 * The bottom tabs: Summary and Problems, then Training, Feature maps, SE weights and Step through.
 * The training workspace is built the first time one of its tabs is opened, so starting the app
 * never waits for the engine.
 */
final class BottomPanel extends TabPane {

    private final EditorModel model;
    private final Consumer<String> reveal;
    private final List<Tab> trainingTabs = new ArrayList<>();
    private TrainingWorkspace workspace;
    private Runnable pendingWeights;
    private Runnable onTrainingTab = () -> {};

    BottomPanel(EditorModel model, Consumer<String> reveal) {
        this.model = model;
        this.reveal = reveal;
        setId("bottom-tabs");
        Tab summary = new Tab("Summary", new SummaryTable(model, reveal));
        summary.setId("tab-summary");
        Tab problems = new Tab("Problems", new ProblemsList(model, reveal));
        problems.setId("tab-problems");
        Runnable count = () -> problems.setText(problemsTitle(model));
        model.analysisProperty().addListener((o, a, n) -> count.run());
        count.run();
        getTabs().addAll(summary, problems);
        List<String> titles = new ArrayList<>(
                List.of("Training", "Feature maps", "SE weights", "Step through", "Deformable sampling"));
        titles.addAll(ExplainWorkspace.TITLES); // what the network learned
        for (String title : titles) {
            Tab t = new Tab(title, new StackPane(new Label("Loading the engine…")));
            t.setId("tab-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
            trainingTabs.add(t);
        }
        getTabs().addAll(trainingTabs);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (trainingTabs.contains(now)) {
                build();
                onTrainingTab.run();
            }
        });
    }

    /** "Problems (2)"; an empty network has none yet (its missing Input is not news). */
    static String problemsTitle(EditorModel model) {
        int n = model.analysis().diagnostics().size();
        return model.graph().size() == 0 || n == 0 ? "Problems" : "Problems (" + n + ")";
    }

    /** Called when a training or inspection tab is selected (the window gives them room). */
    void onTrainingTab(Runnable r) {
        onTrainingTab = r;
    }

    private void build() {
        if (workspace != null) {
            return;
        }
        Runnable weights = pendingWeights;
        pendingWeights = null;
        workspace = new TrainingWorkspace(model, reveal, AppPaths.sampleImages().orElse(Path.of("sample-images")));
        for (int i = 0; i < trainingTabs.size(); i++) {
            Tab from = workspace.getTabs().get(i);
            javafx.scene.Node content = from.getContent();
            from.setContent(null);
            trainingTabs.get(i).setContent(content);
        }
        if (weights != null && workspace.inspection() != null) {
            weights.run();
        }
    }

    /**
     * Shows opened weights in the inspection views: at once when they are built, else when they are
     * (weights of another network are dropped by the views themselves when the document changes).
     */
    void showWeights(org.blockscope.export.TrainedNetwork net, String description) {
        pendingWeights = () ->
                workspace.inspection().showWeights(net.model(), net.normalization(), net.classNames(), description);
        if (workspace != null) {
            pendingWeights.run();
            pendingWeights = null;
        }
    }

    /**
     * Follows a train.py metrics file in the training charts: a run in the list, polled every second
     * (read on {@code io}) until it is removed from the list.
     */
    org.blockscope.app.train.FollowedRun follow(Path metrics, java.util.concurrent.Executor io) {
        build();
        getSelectionModel().select(trainingTabs.get(0));
        var training = workspace.training();
        var run = org.blockscope.app.train.FollowedRun.start(
                training.runs().list(), model.graph(), training.settings().settings(), metrics);
        javafx.animation.Timeline poll = new javafx.animation.Timeline();
        poll.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> {
            if (!run.followed()) {
                poll.stop();
                return;
            }
            io.execute(() -> {
                try {
                    var lines = run.poll();
                    javafx.application.Platform.runLater(() -> run.add(lines));
                } catch (java.io.IOException ex) {
                    javafx.application.Platform.runLater(
                            () -> run.record().statusProperty().set(metrics + ": " + ex.getMessage()));
                }
            });
        }));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        poll.play();
        return run;
    }

    /** The training and inspection views, once opened (null before). */
    TrainingWorkspace workspace() {
        return workspace;
    }
}
