package org.blockscope.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.model.Lessons;
import org.blockscope.cost.Cost;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;

/**
 * What a first start shows instead of an empty canvas: sample lessons, the templates gallery with
 * each network's size, recent files, and the five-minute tutorial.
 */
final class StartPage extends ScrollPane {

    /** What the page can ask the window to do. */
    interface Actions {
        void newEmpty();

        void open();

        void openRecent(Path file);

        void fromTemplate(Template t);

        void lesson(Lessons.Lesson l);

        void tutorial();
    }

    StartPage(Actions actions, ObservableList<Path> recent, List<Lessons.Lesson> lessons) {
        setId("start-page");
        getStyleClass().add("start-page");
        setFitToWidth(true);
        VBox page = new VBox(14);
        page.setPadding(new Insets(24, 28, 28, 28));
        page.getStyleClass().add("start-body");

        Label title = new Label("Blockscope");
        title.getStyleClass().add("start-title");
        Label subtitle = new Label("Design a convolutional network by dragging blocks, watch its shapes and costs, "
                + "train it, and look inside.");
        subtitle.setWrapText(true);
        subtitle.getStyleClass().add("start-subtitle");

        Button empty = button("New empty network", "start-new", actions::newEmpty);
        Button open = button("Open…", "start-open", actions::open);
        Button tutorial = button("Five-minute tutorial", "start-tutorial", actions::tutorial);
        HBox buttons = new HBox(10, empty, open, tutorial);

        FlowPane lessonCards = new FlowPane(12, 12);
        for (Lessons.Lesson l : lessons) {
            lessonCards
                    .getChildren()
                    .add(card(
                            l.title(), l.summary(), null, "Open lesson", "lesson-" + l.id(), () -> actions.lesson(l)));
        }

        FlowPane templateCards = new FlowPane(12, 12);
        List<Template> ordered = new java.util.ArrayList<>(
                Templates.all().stream().filter(Template::classroom).toList());
        ordered.addAll(Templates.all().stream().filter(t -> !t.classroom()).toList());
        for (Template t : ordered) {
            Label size = new Label("…");
            size.getStyleClass().add("card-size");
            templateCards
                    .getChildren()
                    .add(card(
                            t.title(),
                            t.description(),
                            size,
                            t.classroom() ? "Open (classroom)" : "Open",
                            "template-" + t.id(),
                            () -> actions.fromTemplate(t)));
            fillSizeLater(t, size);
        }

        VBox recentList = new VBox(2);
        Runnable fillRecent = () -> {
            recentList.getChildren().clear();
            if (recent.isEmpty()) {
                recentList.getChildren().add(new Label("No recent files yet."));
            }
            for (Path p : recent) {
                Hyperlink link = new Hyperlink(p.getFileName() + "   —   " + p.getParent());
                link.setOnAction(e -> actions.openRecent(p));
                recentList.getChildren().add(link);
            }
        };
        recent.addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();

        page.getChildren()
                .addAll(
                        title,
                        subtitle,
                        buttons,
                        heading("Sample lessons"),
                        lessonCards,
                        heading("Start from a network (classroom-sized first, then the ImageNet classics)"),
                        templateCards,
                        heading("Recent files"),
                        recentList);
        setContent(page);
    }

    private static Button button(String text, String id, Runnable r) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> r.run());
        return b;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("start-heading");
        return l;
    }

    private static VBox card(String title, String text, Label extra, String buttonText, String id, Runnable r) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        t.setWrapText(true);
        Label d = new Label(text);
        d.setWrapText(true);
        d.getStyleClass().add("card-text");
        Button b = button(buttonText, id, r);
        VBox box = extra == null ? new VBox(6, t, d, b) : new VBox(6, t, d, extra, b);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("start-card");
        box.setPrefWidth(250);
        box.setMinWidth(250);
        box.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                r.run();
            }
        });
        return box;
    }

    /** Parameter and MAC counts are computed off the UI thread. */
    private static void fillSizeLater(Template t, Label label) {
        Consumer<Cost> show =
                c -> label.setText(Numbers.compact(c.params()) + " params · " + Numbers.compact(c.macs()) + " MACs");
        Thread worker = new Thread(
                () -> {
                    Cost c = NetworkAnalysis.of(t.graph()).total();
                    Platform.runLater(() -> show.accept(c));
                },
                "start-page-" + t.id());
        worker.setDaemon(true);
        worker.start();
    }
}
