package org.blockscope.app.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

/**
 * The window's panes: palette | canvas over the bottom tabs | inspector and explanation. The
 * palette, the right side and the bottom tabs can be hidden (View menu) so the canvas gets the
 * room; presenter mode goes full screen and hides them, and leaving it puts them back.
 */
final class Workbench extends SplitPane {

    private final Node palette;
    private final Node right;
    private final Node bottom;
    private final SplitPane centre;
    private final BooleanProperty paletteShown = new SimpleBooleanProperty(this, "paletteShown", true);
    private final BooleanProperty rightShown = new SimpleBooleanProperty(this, "rightShown", true);
    private final BooleanProperty bottomShown = new SimpleBooleanProperty(this, "bottomShown", true);
    private boolean[] beforePresenter;
    private double[] mainDividers = {0.15, 0.74};
    private double centreDivider = 0.72;

    Workbench(Node palette, Node canvas, Node bottom, Node right) {
        this.palette = palette;
        this.right = right;
        this.bottom = bottom;
        centre = new SplitPane(canvas, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(centreDivider);
        getItems().addAll(palette, centre, right);
        setDividerPositions(mainDividers);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(right, false);
        SplitPane.setResizableWithParent(bottom, false);
        paletteShown.addListener((o, a, b) -> arrange());
        rightShown.addListener((o, a, b) -> arrange());
        bottomShown.addListener((o, a, b) -> arrangeCentre());
    }

    BooleanProperty paletteShownProperty() {
        return paletteShown;
    }

    BooleanProperty rightShownProperty() {
        return rightShown;
    }

    BooleanProperty bottomShownProperty() {
        return bottomShown;
    }

    /** Gives the bottom tabs at least {@code share} of the height (charts and maps need room). */
    void roomForBottom(double share) {
        bottomShown.set(true);
        if (centre.getDividerPositions().length > 0 && centre.getDividerPositions()[0] > 1 - share) {
            centre.setDividerPositions(1 - share);
        }
    }

    /**
     * Presenter mode: full screen (when {@code fullScreen}) with the side panels and the bottom tabs
     * hidden (the toolbar brings them back); off restores them.
     */
    void presenter(boolean on, Stage stage, boolean fullScreen) {
        if (on) {
            beforePresenter = new boolean[] {paletteShown.get(), rightShown.get(), bottomShown.get()};
            paletteShown.set(false);
            rightShown.set(false);
            bottomShown.set(false);
        } else if (beforePresenter != null) {
            paletteShown.set(beforePresenter[0]);
            rightShown.set(beforePresenter[1]);
            bottomShown.set(beforePresenter[2]);
        }
        if (fullScreen && stage != null) {
            stage.setFullScreen(on);
        }
    }

    private void arrange() {
        remember();
        getItems().setAll(centre);
        if (paletteShown.get()) {
            getItems().add(0, palette);
        }
        if (rightShown.get()) {
            getItems().add(right);
        }
        if (paletteShown.get() && rightShown.get()) {
            setDividerPositions(mainDividers);
        } else if (paletteShown.get()) {
            setDividerPositions(mainDividers[0]);
        } else if (rightShown.get()) {
            setDividerPositions(mainDividers[1]);
        }
    }

    private void remember() {
        double[] d = getDividerPositions();
        if (getItems().size() == 3 && d.length == 2) {
            mainDividers = d.clone();
        }
    }

    private void arrangeCentre() {
        if (bottomShown.get()) {
            if (!centre.getItems().contains(bottom)) {
                centre.getItems().add(bottom);
                centre.setDividerPositions(centreDivider);
            }
        } else if (centre.getItems().contains(bottom)) {
            centreDivider = centre.getDividerPositions()[0];
            centre.getItems().remove(bottom);
        }
    }
}
