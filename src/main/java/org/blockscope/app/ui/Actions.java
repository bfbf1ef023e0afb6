package org.blockscope.app.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCombination;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.InspectorModel;

/**
 * Every command of the window, defined once with its text, shortcut, enabled state and handler.
 * Editing shortcuts typed while a text field has the focus go to the text field.
 */
public final class Actions {

    private final Map<String, AppAction> all = new LinkedHashMap<>();
    private final EditorModel model;
    private final Supplier<Scene> scene;
    private final SimpleBooleanProperty clipboardFull = new SimpleBooleanProperty(false);

    public Actions(
            EditorModel model,
            CanvasView canvas,
            FileCommands files,
            Supplier<Scene> scene,
            Consumer<String> notice,
            Runnable about,
            Runnable exit) {
        this.model = model;
        this.scene = scene;
        BooleanBinding anySelected = Bindings.isNotEmpty(model.selection());
        BooleanBinding notEmpty =
                Bindings.createBooleanBinding(() -> model.graph().size() > 0, model.graphProperty());
        BooleanBinding oneComposite = Bindings.createBooleanBinding(
                () -> InspectorModel.singleComposite(model.selection(), model.graph()),
                model.selection(),
                model.graphProperty());

        // ---- file
        add("new", "New", "Shortcut+N", files::newDocument);
        add("template", "New from template…", "Shortcut+Shift+N", files::newFromTemplate);
        add("open", "Open…", "Shortcut+O", files::open);
        add("save", "Save", "Shortcut+S", files::save);
        add("saveAs", "Save as…", "Shortcut+Shift+S", files::saveAs);
        add("exportPng", "Export PNG…", "Shortcut+E", files::exportPng).enabledWhen(notEmpty);
        add("exportSvg", "Export SVG…", "Shortcut+Shift+E", files::exportSvg).enabledWhen(notEmpty);
        add("exportOnnx", "Export ONNX…", null, files.exports()::exportOnnx).enabledWhen(notEmpty);
        add("exportPyTorch", "Export PyTorch project…", null, files.exports()::exportPyTorch)
                .enabledWhen(notEmpty);
        add("openWeights", "Open trained weights…", null, files.exports()::openTrainedWeights);
        add("followMetrics", "Follow training metrics…", null, files.exports()::followMetrics);
        add("exit", "Exit", "Shortcut+Q", exit);

        // ---- edit
        add("undo", "Undo", "Shortcut+Z", history(t -> t.undo(), model::undo))
                .enabledWhen(model.canUndoProperty())
                .text(Bindings.createStringBinding(
                        () -> label("Undo", model.undoDescriptionProperty().get()), model.undoDescriptionProperty()));
        add("redo", "Redo", "Shortcut+Shift+Z", history(t -> t.redo(), model::redo))
                .enabledWhen(model.canRedoProperty())
                .alsoOn(KeyCombination.keyCombination("Shortcut+Y"))
                .text(Bindings.createStringBinding(
                        () -> label("Redo", model.redoDescriptionProperty().get()), model.redoDescriptionProperty()));
        add("cut", "Cut", "Shortcut+X", text(TextInputControl::cut, () -> {
                    model.copy();
                    clipboardFull.set(model.canPaste());
                    model.deleteSelection();
                }))
                .enabledWhen(anySelected);
        add("copy", "Copy", "Shortcut+C", text(TextInputControl::copy, () -> {
                    model.copy();
                    clipboardFull.set(model.canPaste());
                }))
                .enabledWhen(anySelected);
        add("paste", "Paste", "Shortcut+V", text(TextInputControl::paste, model::paste))
                .enabledWhen(clipboardFull);
        add("duplicate", "Duplicate", "Shortcut+D", () -> {
                    model.duplicate();
                    clipboardFull.set(model.canPaste());
                })
                .enabledWhen(anySelected);
        add("delete", "Delete", "Delete", text(TextInputControl::deleteNextChar, model::deleteSelection))
                .enabledWhen(anySelected);
        add(
                "selectAll",
                "Select all",
                "Shortcut+A",
                text(
                        TextInputControl::selectAll,
                        () -> model.select(model.graph().names().toArray(String[]::new))));
        add("group", "Group", "Shortcut+G", () -> model.groupSelection("block").ifPresent(notice))
                .enabledWhen(anySelected);
        add(
                        "ungroup",
                        "Ungroup",
                        "Shortcut+Shift+G",
                        () -> single().ifPresent(n -> model.ungroup(n).ifPresent(notice)))
                .enabledWhen(oneComposite);
        add("openBlock", "Open block", "Shortcut+ENTER", () -> single().ifPresent(canvas::openBlock))
                .enabledWhen(oneComposite);

        // ---- view
        add("zoomIn", "Zoom in", "Shortcut+EQUALS", canvas::zoomIn)
                .alsoOn(KeyCombination.keyCombination("Shortcut+ADD"));
        add("zoomOut", "Zoom out", "Shortcut+MINUS", canvas::zoomOut)
                .alsoOn(KeyCombination.keyCombination("Shortcut+SUBTRACT"));
        add("zoomFit", "Zoom to fit", "Shortcut+9", canvas::fitToView);
        add("zoomReset", "Zoom 100%", "Shortcut+0", canvas::zoomReset);
        add("autoLayout", "Auto layout", "Shortcut+L", canvas::autoLayout).enabledWhen(notEmpty);
        add(
                        "presenter",
                        "Presenter mode",
                        "F5",
                        () -> model.presenterModeProperty()
                                .set(!model.presenterModeProperty().get()))
                .toggles(model.presenterModeProperty());
        add("about", "About Blockscope", null, about);
    }

    AppAction add(String id, String text, String key, Runnable handler) {
        AppAction a = new AppAction(id, text, key == null ? null : KeyCombination.keyCombination(key), handler);
        all.put(id, a);
        return a;
    }

    private static String label(String verb, String what) {
        return what.isEmpty() ? verb : verb + " " + what;
    }

    private java.util.Optional<String> single() {
        Set<String> s = model.selection();
        return s.size() == 1 ? java.util.Optional.of(s.iterator().next()) : java.util.Optional.empty();
    }

    private TextInputControl focusedText() {
        Scene s = scene.get();
        javafx.scene.Node owner = s == null ? null : s.getFocusOwner();
        if (owner instanceof javafx.scene.control.Spinner<?> sp && sp.isEditable()) {
            owner = sp.getEditor(); // a spinner keeps the focus and hands keys to its field
        }
        return owner instanceof TextInputControl t && t.isEditable() ? t : null;
    }

    /**
     * Undo and Redo go to a focused text field only while it holds typed, uncommitted text: after
     * Enter in the inspector, Ctrl+Z undoes the parameter change itself.
     */
    private Runnable history(Consumer<TextInputControl> onText, Runnable onGraph) {
        return () -> {
            TextInputControl t = focusedText();
            if (t != null && !ParamEditors.showsCommittedValue(t)) {
                onText.accept(t);
            } else {
                onGraph.run();
            }
        };
    }

    /** Runs {@code onText} on the focused text field if there is one, else {@code onGraph}. */
    private Runnable text(Consumer<TextInputControl> onText, Runnable onGraph) {
        return () -> {
            TextInputControl t = focusedText();
            if (t != null) {
                onText.accept(t);
            } else {
                onGraph.run();
            }
        };
    }

    public AppAction get(String id) {
        AppAction a = all.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no action " + id);
        }
        return a;
    }

    public Map<String, AppAction> all() {
        return all;
    }

    public void installAlternatives(Scene s) {
        all.values().forEach(a -> a.installAlternatives(s));
        // a text field handles Ctrl+Z itself before any accelerator: catch it first when the
        // field holds its committed value, so the shortcut undoes the network change
        s.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            TextInputControl t = focusedText();
            if (t == null || !ParamEditors.showsCommittedValue(t)) {
                return;
            }
            for (String id : new String[] {"undo", "redo"}) {
                AppAction a = get(id);
                if (a.matches(e)) {
                    a.run();
                    e.consume();
                    return;
                }
            }
        });
    }
}
