package org.blockscope.app.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.FlowPane;
import org.blockscope.app.model.FileSession;

/** The menu bar and the canvas's context menu, made from the window's {@link Actions} ("|" is a separator). */
final class WindowMenus {

    private final Actions actions;

    WindowMenus(Actions actions) {
        this.actions = actions;
    }

    MenuBar menuBar(FileSession session, FileCommands files) {
        Menu recent = new Menu("Open recent");
        recent.setId("menu-recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : session.recent()) {
                MenuItem m = new MenuItem(p.getFileName() + "   —   " + p.getParent());
                m.setMnemonicParsing(false);
                m.setOnAction(e -> files.openRecent(p));
                recent.getItems().add(m);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        session.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        Menu file = menu("File", "new", "template", "open");
        file.getItems().add(recent);
        file.getItems()
                .addAll(items(
                        false,
                        "openWeights",
                        "|",
                        "save",
                        "saveAs",
                        "|",
                        "exportPng",
                        "exportSvg",
                        "exportOnnx",
                        "exportPyTorch",
                        "|",
                        "followMetrics",
                        "|",
                        "exit"));
        MenuBar bar = new MenuBar(
                file,
                menu(
                        "Edit",
                        "undo",
                        "redo",
                        "|",
                        "cut",
                        "copy",
                        "paste",
                        "duplicate",
                        "delete",
                        "|",
                        "selectAll",
                        "|",
                        "group",
                        "ungroup",
                        "openBlock"),
                menu(
                        "View",
                        "zoomIn",
                        "zoomOut",
                        "zoomFit",
                        "zoomReset",
                        "|",
                        "autoLayout",
                        "layoutLeftToRight",
                        "|",
                        "showPalette",
                        "showInspector",
                        "showBottom",
                        "|",
                        "presenter"),
                menu("Design", "scaling", "search"),
                menu("Help", "startPage", "tutorial", "mouseKeyboard", "|", "about"));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /**
     * The toolbar: it wraps onto a second row rather than hide a button when the window is narrow
     * (a 1280-pixel projector in presenter mode).
     */
    FlowPane toolBar() {
        FlowPane bar = new FlowPane(
                4,
                4,
                actions.get("new").button("New"),
                actions.get("template").button("Templates"),
                actions.get("open").button("Open"),
                actions.get("save").button("Save"),
                gap(),
                actions.get("undo").button("Undo"),
                actions.get("redo").button("Redo"),
                gap(),
                actions.get("zoomOut").button("−"),
                actions.get("zoomIn").button("+"),
                actions.get("zoomFit").button("Fit"),
                actions.get("autoLayout").button("Layout"),
                gap(),
                actions.get("showPalette").toggleButton("Palette"),
                actions.get("showInspector").toggleButton("Inspector"),
                actions.get("showBottom").toggleButton("Tabs"),
                gap(),
                actions.get("presenter").toggleButton("Presenter"));
        bar.getStyleClass().add("tool-bar");
        bar.setId("toolbar");
        bar.getChildren().forEach(n -> {
            if (n instanceof javafx.scene.control.Control c) {
                c.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            }
        });
        return bar;
    }

    private static javafx.scene.Node gap() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        r.setPrefWidth(10);
        return r;
    }

    ContextMenu contextMenu() {
        ContextMenu m = new ContextMenu();
        m.getItems()
                .addAll(items(
                        true,
                        "cut",
                        "copy",
                        "paste",
                        "duplicate",
                        "delete",
                        "|",
                        "group",
                        "ungroup",
                        "openBlock",
                        "|",
                        "autoLayout",
                        "zoomFit"));
        return m;
    }

    private Menu menu(String title, String... ids) {
        Menu m = new Menu(title);
        m.getItems().addAll(items(false, ids));
        return m;
    }

    private List<MenuItem> items(boolean context, String... ids) {
        List<MenuItem> list = new ArrayList<>();
        for (String id : ids) {
            if (id.equals("|")) {
                list.add(new SeparatorMenuItem());
            } else {
                list.add(
                        context
                                ? actions.get(id).contextItem()
                                : actions.get(id).menuItem());
            }
        }
        return list;
    }
}
