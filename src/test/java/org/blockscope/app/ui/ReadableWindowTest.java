package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.blockscope.app.canvas.GraphCanvas;
import org.blockscope.app.model.AppHome;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the class sees, in the real window at a projector's 1280×720 and at 1920×1080: after Fit
 * every block's text on screen is at least 11 px (16.5 in presenter mode: 1.5 times), inside a
 * named block too; no label, button or tab in the toolbar, the inspector or the bottom tabs is
 * cut short.
 */
@ExtendWith(ApplicationExtension.class)
class ReadableWindowTest {

    @TempDir
    Path tmp;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new AppHome(tmp), GraphCanvasView::new);
        window.setFullScreenPresenter(false); // the test measures a window of a given size
        window.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::shutdown).get();
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private GraphCanvas canvas() {
        return ((GraphCanvasView) window.canvas()).canvas();
    }

    private void open(int w, int h, String template) {
        fx(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
            window.files().newFrom(Templates.byId(template).orElseThrow());
            return null;
        });
        settle();
        fx(() -> {
            window.canvas().fitToView();
            return null;
        });
        settle();
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The text sizes on screen after the style sheets were applied again (as a tab change or a
     * pseudo-class does), so that a CSS rule overriding a font set in code is seen.
     */
    private org.blockscope.app.canvas.Readability read() {
        return fx(() -> {
            javafx.css.PseudoClass again = javafx.css.PseudoClass.getPseudoClass("restyled");
            Parent root = stage.getScene().getRoot();
            root.pseudoClassStateChanged(again, true);
            root.applyCss();
            root.layout();
            root.pseudoClassStateChanged(again, false);
            return canvas().readability();
        });
    }

    @ParameterizedTest(name = "{0} at {1}×{2}")
    @CsvSource(textBlock = """
            resnet50,    1280, 720
            densenet121, 1280, 720
            googlenet,   1280, 720
            resnet20,    1280, 720
            resnet50,    1920, 1080
            densenet121, 1920, 1080
            googlenet,   1920, 1080
            resnet20,    1920, 1080
            """)
    void afterFitEveryBlocksTextIsReadableAndPresenterModeIsOneAndAHalfTimesLarger(
            String template, int w, int h, FxRobot robot) {
        open(w, h, template);
        org.blockscope.app.canvas.Readability normal = read();
        assertThat(normal.lines()).as("text on screen").isGreaterThan(3);
        assertThat(normal.smallestPx())
                .as("smallest text '%s'", normal.smallest())
                .isGreaterThanOrEqualTo(11);
        // the first named block's inside, fitted
        String block = fx(() -> window.model().graph().nodes().stream()
                .filter(n -> n.kind().composite())
                .findFirst()
                .orElseThrow()
                .name());
        fx(() -> {
            window.canvas().openBlock(block);
            return null;
        });
        settle();
        fx(() -> {
            window.canvas().fitToView();
            return null;
        });
        settle();
        org.blockscope.app.canvas.Readability inside = read();
        assertThat(inside.lines()).isGreaterThan(3);
        assertThat(inside.smallestPx())
                .as("inside '%s': '%s'", block, inside.smallest())
                .isGreaterThanOrEqualTo(11);
        fx(() -> {
            canvas().closeBlock();
            window.model().presenterModeProperty().set(true);
            return null;
        });
        settle();
        fx(() -> {
            window.canvas().fitToView();
            return null;
        });
        settle();
        org.blockscope.app.canvas.Readability presenter = read();
        assertThat(presenter.lines()).isGreaterThan(0);
        assertThat(presenter.smallestPx())
                .as("presenter text '%s'", presenter.smallest())
                .isGreaterThanOrEqualTo(1.5 * normal.smallestPx() - 1e-6);
    }

    @ParameterizedTest(name = "at {0}×{1}, presenter {2}")
    @CsvSource(textBlock = """
            1280, 720,  false
            1280, 720,  true
            1920, 1080, false
            """)
    void noTextIsCutShortInTheToolbarTheInspectorOrTheBottomTabs(int w, int h, boolean presenter) {
        open(w, h, "se_resnet20");
        fx(() -> {
            window.model().presenterModeProperty().set(presenter);
            window.model().select("stage3_0");
            return null;
        });
        settle();
        List<String> cut = new ArrayList<>(fx(() -> truncated(window.root().lookup("#toolbar"))));
        if (fx(() -> window.inspector().getScene() != null)) { // presenter mode hides it
            cut.addAll(fx(() -> truncated(window.inspector())));
        }
        for (Tab tab : fx(() -> List.copyOf(window.bottomTabs().getTabs()))) {
            select(window.bottomTabs(), tab);
            WaitForAsyncUtils.sleep(tab.getId().equals("tab-summary") ? 0 : 1500, TimeUnit.MILLISECONDS);
            settle();
            cut.addAll(fx(() -> truncated(window.bottomTabs())).stream()
                    .map(s -> tab.getText() + ": " + s)
                    .toList());
            for (TabPane inner : fx(() -> nestedTabPanes(tab.getContent()))) { // every view of a group
                for (Tab sub : fx(() ->
                        List.copyOf(inner.getTabs()).subList(1, inner.getTabs().size()))) {
                    select(inner, sub);
                    WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
                    settle();
                    cut.addAll(fx(() -> truncated(window.bottomTabs())).stream()
                            .map(s -> tab.getText() + " > " + sub.getText() + ": " + s)
                            .toList());
                }
            }
        }
        assertThat(cut).isEmpty();
    }

    /**
     * Every tab header of the bottom panel, top level and nested, is drawn whole inside its strip:
     * no overflow arrow, no header clipped by the strip's edge, no header text cut to "…". In
     * presenter mode the bottom tabs are hidden at first; the class brings them back (View menu).
     */
    @ParameterizedTest(name = "at {0}×{1}, presenter {2}")
    @CsvSource(textBlock = """
            1280, 720,  false
            1280, 720,  true
            1920, 1080, false
            1920, 1080, true
            """)
    void everyTabHeaderOfTheBottomPanelIsWhole(int w, int h, boolean presenter) {
        open(w, h, "se_resnet20");
        fx(() -> {
            window.model().presenterModeProperty().set(presenter);
            window.bottomShownProperty().set(true);
            return null;
        });
        settle();
        List<String> cut = new ArrayList<>();
        TabPane top = window.bottomTabs();
        for (Tab tab : fx(() -> List.copyOf(top.getTabs()))) {
            select(top, tab);
            cut.addAll(fx(() -> cutTabHeaders(top)));
            for (TabPane inner : fx(() -> nestedTabPanes(tab.getContent()))) {
                for (Tab sub : fx(() -> List.copyOf(inner.getTabs()))) {
                    select(inner, sub);
                    cut.addAll(fx(() -> cutTabHeaders(inner)).stream()
                            .map(s -> tab.getText() + " > " + s)
                            .toList());
                }
            }
        }
        assertThat(cut).isEmpty();
    }

    private static void select(TabPane pane, Tab tab) {
        fx(() -> {
            pane.getSelectionModel().select(tab);
            return null;
        });
        settle();
    }

    private static List<TabPane> nestedTabPanes(Node n) {
        List<TabPane> out = new ArrayList<>();
        if (n instanceof TabPane tp) {
            out.add(tp);
        } else if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(nestedTabPanes(c)));
        }
        return out;
    }

    /**
     * The headers of {@code pane} that are not shown whole: the strip shows its overflow arrow, a
     * header lies (partly) outside the strip's visible part, or its label is cut short.
     */
    static List<String> cutTabHeaders(TabPane pane) {
        pane.getScene().getRoot().applyCss();
        pane.getScene().getRoot().layout();
        List<String> out = new ArrayList<>();
        Node area = child(pane, "tab-header-area");
        if (area == null) {
            return List.of("no header strip on " + pane.getId());
        }
        Node control = child((Parent) area, "control-buttons-tab");
        if (control != null && control.isVisible()) {
            out.add("the tab strip " + pane.getId() + " shows its overflow arrow");
        }
        Parent headers = (Parent) child((Parent) area, "headers-region");
        Bounds strip = pane.localToScene(pane.getLayoutBounds());
        if (headers.getClip() != null) {
            Bounds clip = headers.localToScene(headers.getClip().getBoundsInParent());
            strip = new javafx.geometry.BoundingBox(
                    Math.max(strip.getMinX(), clip.getMinX()),
                    strip.getMinY(),
                    Math.min(strip.getMaxX(), clip.getMaxX()) - Math.max(strip.getMinX(), clip.getMinX()),
                    strip.getHeight());
        }
        if (control != null && control.isVisible()) {
            strip = new javafx.geometry.BoundingBox(
                    strip.getMinX(),
                    strip.getMinY(),
                    Math.min(
                                    strip.getMaxX(),
                                    control.localToScene(control.getLayoutBounds())
                                            .getMinX())
                            - strip.getMinX(),
                    strip.getHeight());
        }
        for (Node header : headers.getChildrenUnmodifiable()) {
            Labeled label = (Labeled) header.lookup(".tab-label");
            String name = label == null ? String.valueOf(header.getId()) : label.getText();
            Bounds b = header.localToScene(header.getLayoutBounds());
            if (!header.isVisible()) {
                out.add("'" + name + "' is hidden");
            } else if (b.getMinX() < strip.getMinX() - 0.5 || b.getMaxX() > strip.getMaxX() + 0.5) {
                out.add("'" + name + "' reaches past the strip (" + Math.round(b.getMaxX() - strip.getMinX()) + " of "
                        + Math.round(strip.getWidth()) + " px)");
            }
            if (label != null) {
                out.addAll(truncated(label).stream().map(s -> "header " + s).toList());
            }
        }
        return out;
    }

    private static Node child(Parent p, String styleClass) {
        return p.getChildrenUnmodifiable().stream()
                .filter(c -> c.getStyleClass().contains(styleClass))
                .findFirst()
                .orElse(null);
    }

    /**
     * With nothing selected the inspector shows the network's totals: every label and every value whole,
     * for VGG-16's long numbers (138,357,544 parameters, 15,470,264,320 MACs) too, on a projector, with the
     * right column as narrow as it goes.
     */
    @ParameterizedTest(name = "at {0}×{1}")
    @CsvSource({"1280, 720", "1024, 640"})
    void theNetworkTotalsAreWhole(int w, int h) {
        open(w, h, "vgg16");
        fx(() -> {
            window.model().select();
            Parent p = window.inspector().getParent(); // the right column, then the workbench around it
            while (!(p instanceof javafx.scene.control.SplitPane)) {
                p = p.getParent();
            }
            p = p.getParent();
            while (!(p instanceof javafx.scene.control.SplitPane)) {
                p = p.getParent();
            }
            javafx.scene.control.SplitPane workbench = (javafx.scene.control.SplitPane) p;
            // the divider dragged to the right edge: the right column stops at its minimum width
            workbench.setDividerPosition(workbench.getDividers().size() - 1, 0.99);
            return null;
        });
        settle();
        assertThat(fx(() -> window.inspector().getWidth())).isLessThan(300);
        assertThat(fx(() -> window.inspector().lookup(".totals").isVisible())).isTrue();
        assertThat(fx(() -> truncated(window.inspector()))).isEmpty();
        assertThat(fx(() ->
                        window.inspector().lookup(".totals").getBoundsInParent().getMaxY()))
                .as("the last row lies inside the inspector's pane")
                .isLessThanOrEqualTo(fx(() -> window.inspector().getHeight()));
    }

    @org.junit.jupiter.api.Test
    void theInspectorShowsEveryParameterOfEveryKindWholeAt1280() {
        List<String> cut = new ArrayList<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (String template :
                List.of("googlenet_aux", "densenet121", "mobilenet_v2", "resnext50", "se_resnet50", "lenet5")) {
            open(1280, 720, template);
            for (var n : fx(() -> List.copyOf(window.model().graph().nodes()))) {
                if (!seen.add(n.kind())) {
                    continue;
                }
                fx(() -> {
                    window.model().select(n.name());
                    return null;
                });
                WaitForAsyncUtils.waitForFxEvents();
                cut.addAll(fx(() -> truncated(window.inspector())).stream()
                        .map(c -> n.kind() + " " + c)
                        .toList());
            }
        }
        assertThat(seen).hasSizeGreaterThan(10);
        assertThat(cut).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theCheckSeesALabelCutShort() {
        List<String> cut = fx(() -> {
            javafx.scene.control.Label l = new javafx.scene.control.Label("a label far too long for its place");
            l.setMaxWidth(60);
            javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(l);
            window.root().setBottom(box);
            window.root().applyCss();
            window.root().layout();
            return truncated(box);
        });
        assertThat(cut).singleElement().asString().startsWith("'a label far too long for its place' shows 'a lab");
    }

    /**
     * Every shown {@link Labeled} under {@code root} whose drawn text is not its whole text (JavaFX
     * cuts it and draws "..." instead), except the cells of tables and lists, which scroll.
     */
    static List<String> truncated(Node root) {
        if (root.getScene() != null) { // the text as the next pulse draws it, not half way through an update
            root.getScene().getRoot().applyCss();
            root.getScene().getRoot().layout();
        }
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    /** The text {@code l} draws itself (not the text of labels in its content, as a titled pane has). */
    private static Text ownText(Labeled l, Node n) {
        if (n instanceof Text t && t.getStyleClass().contains("text")) {
            return t;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (c instanceof Labeled && c != l) {
                    continue;
                }
                if (l instanceof javafx.scene.control.TitledPane tp && c == tp.getContent()) {
                    continue;
                }
                Text found = ownText(l, c);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void walk(Node n, List<String> out) {
        if (!n.isVisible()
                || n instanceof javafx.scene.control.TableView<?>
                || n instanceof javafx.scene.control.ListView<?>) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node t = ownText(l, l);
            String shown = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
            if (t instanceof Text text && !text.getText().equals(shown)) {
                out.add("'" + l.getText() + "' shows '" + text.getText() + "'");
            }
            Bounds b = l.getLayoutBounds();
            if (b.getWidth() + 0.5 < l.minWidth(-1) && !l.isWrapText()) {
                out.add("'" + l.getText() + "' narrower than its text");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }
}
