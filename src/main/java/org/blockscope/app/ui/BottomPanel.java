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
 * The bottom tabs: Summary, Problems, Training, then "Look inside" (Feature maps, SE weights, Step
 * through, Deformable sampling) and "What it learned" (Where it looks, Channels, Gradients) as
 * sub-tabs, so that every header is whole on a projector's 1280×720. The training workspace is
 * built the first time one of its tabs is opened, so starting the app never waits for the engine.
 */
final class BottomPanel extends TabPane {

    /** The sub-tabs of "Look inside", in the training workspace's order after Training. */
    static final List<String> LOOK_INSIDE =
            List.of("Feature maps", "SE weights", "Step through", "Deformable sampling");

    private final EditorModel model;
    private final Consumer<String> reveal;
    /** The engine's tabs in the workspace's order: Training, the Look inside and What it learned sub-tabs. */
    private final List<Tab> engineTabs = new ArrayList<>();
    /** The top-level tabs that hold engine views (building the workspace when selected). */
    private final List<Tab> engineGroups = new ArrayList<>();

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
        Tab training = placeholder("Training");
        engineTabs.add(training);
        engineGroups.addAll(List.of(
                training, group("Look inside", LOOK_INSIDE), group("What it learned", ExplainWorkspace.TITLES)));
        getTabs().addAll(engineGroups);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (engineGroups.contains(now)) {
                build();
                onTrainingTab.run();
            }
        });
    }

    /** A tab "Loading the engine…" until the workspace is built; its id is "tab-" and the title in kebab case. */
    private static Tab placeholder(String title) {
        Tab t = new Tab(title, new StackPane(new Label("Loading the engine…")));
        t.setId(id(title));
        return t;
    }

    private static String id(String title) {
        return "tab-" + title.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** A top-level tab holding {@code titles} as sub-tabs (placeholders until the engine is built). */
    private Tab group(String title, List<String> titles) {
        TabPane inner = new TabPane();
        inner.setId(id(title) + "-tabs");
        inner.getStyleClass().add("sub-tabs");
        inner.setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        for (String sub : titles) {
            Tab t = placeholder(sub);
            engineTabs.add(t);
            inner.getTabs().add(t);
        }
        Tab t = new Tab(title, inner);
        t.setId(id(title));
        t.setTooltip(new javafx.scene.control.Tooltip(String.join(" · ", titles)));
        return t;
    }

    /**
     * Selects the tab with id {@code id}, a top-level tab or a sub-tab (its group is selected too);
     * false when there is none.
     */
    boolean select(String id) {
        for (Tab top : getTabs()) {
            if (id.equals(top.getId())) {
                getSelectionModel().select(top);
                return true;
            }
            if (top.getContent() instanceof TabPane inner) {
                for (Tab sub : inner.getTabs()) {
                    if (id.equals(sub.getId())) {
                        getSelectionModel().select(top);
                        inner.getSelectionModel().select(sub);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The tab whose view is shown: the selected sub-tab of a group, else the selected tab. */
    Tab shown() {
        Tab top = getSelectionModel().getSelectedItem();
        return top != null && top.getContent() instanceof TabPane inner
                ? inner.getSelectionModel().getSelectedItem()
                : top;
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
        for (int i = 0; i < engineTabs.size(); i++) {
            Tab from = workspace.getTabs().get(i);
            if (!from.getText().equals(engineTabs.get(i).getText())) {
                throw new IllegalStateException("the workspace's tab " + i + " is " + from.getText());
            }
            javafx.scene.Node content = from.getContent();
            from.setContent(null);
            engineTabs.get(i).setContent(content);
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
        getSelectionModel().select(engineTabs.get(0));
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
