package org.blockscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * One command of the app, defined once: its text (which may change, e.g. "Undo Rename 'conv1'"),
 * shortcut(s), enabled state and handler. Menus, the toolbar and context menus all make their
 * controls here, so they can never disagree.
 */
public final class AppAction {

    private final String id;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper disabled = new ReadOnlyBooleanWrapper(false);
    private final KeyCombination accelerator;
    private final List<KeyCombination> alternatives = new ArrayList<>();
    private final Runnable handler;
    private BooleanProperty selected;

    public AppAction(String id, String text, KeyCombination accelerator, Runnable handler) {
        this.id = id;
        this.text.set(text);
        this.accelerator = accelerator;
        this.handler = handler;
    }

    public AppAction text(ObservableStringValue dynamic) {
        text.bind(dynamic);
        return this;
    }

    public AppAction enabledWhen(BooleanExpression enabled) {
        disabled.bind(enabled.not());
        return this;
    }

    /** A second shortcut (e.g. Ctrl+Y besides Ctrl+Shift+Z for Redo). */
    public AppAction alsoOn(KeyCombination k) {
        alternatives.add(k);
        return this;
    }

    /** Makes this an on/off action bound to {@code state} (presenter mode). */
    public AppAction toggles(BooleanProperty state) {
        this.selected = state;
        return this;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text.get();
    }

    public boolean isDisabled() {
        return disabled.get();
    }

    public void run() {
        if (!disabled.get()) {
            handler.run();
        }
    }

    public MenuItem menuItem() {
        MenuItem m;
        if (selected != null) {
            CheckMenuItem c = new CheckMenuItem();
            c.selectedProperty().bindBidirectional(selected);
            c.setOnAction(e -> {});
            m = c;
        } else {
            m = new MenuItem();
            m.setOnAction(e -> run());
        }
        m.setId("menu-" + id);
        m.textProperty().bind(text);
        m.disableProperty().bind(disabled);
        if (accelerator != null) {
            m.setAccelerator(accelerator);
        }
        return m;
    }

    /** A context-menu entry: same text and state, no shortcut shown twice elsewhere. */
    public MenuItem contextItem() {
        MenuItem m = menuItem();
        m.setId("ctx-" + id);
        return m;
    }

    public Button button(String shortText) {
        Button b = new Button(shortText);
        b.setId("tool-" + id);
        b.setFocusTraversable(false);
        b.disableProperty().bind(disabled);
        b.setOnAction(e -> run());
        Tooltip t = new Tooltip();
        t.textProperty().bind(text.concat(accelerator == null ? "" : "  (" + accelerator.getDisplayText() + ")"));
        b.setTooltip(t);
        return b;
    }

    public ToggleButton toggleButton(String shortText) {
        ToggleButton b = new ToggleButton(shortText);
        b.setId("tool-" + id);
        b.setFocusTraversable(false);
        b.selectedProperty().bindBidirectional(selected);
        b.setTooltip(new Tooltip(text() + (accelerator == null ? "" : "  (" + accelerator.getDisplayText() + ")")));
        return b;
    }

    /** True if the key event is this action's shortcut or one of its alternatives. */
    public boolean matches(javafx.scene.input.KeyEvent e) {
        return accelerator != null && accelerator.match(e)
                || alternatives.stream().anyMatch(k -> k.match(e));
    }

    /** Registers the extra shortcuts (the main one comes with the menu item). */
    public void installAlternatives(Scene scene) {
        alternatives.forEach(k -> scene.getAccelerators().put(k, this::run));
    }
}
