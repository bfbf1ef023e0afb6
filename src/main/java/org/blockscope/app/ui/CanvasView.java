package org.blockscope.app.ui;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.Region;

/**
 * What the window needs from the canvas. The real {@code GraphCanvas} (branch {@code canvas}) and
 * the stand-in {@link PlaceholderCanvas} both fit it, so the shell does not depend on which one
 * is built in.
 */
public interface CanvasView {

    Region node();

    void fitToView();

    void zoomIn();

    void zoomOut();

    void zoomReset();

    void centreOn(String node);

    void autoLayout();

    void openBlock(String node);

    /** The whole network at {@code scale} (2 for export), every line of text shown. */
    WritableImage snapshotGraph(double scale);

    ReadOnlyDoubleProperty zoomProperty();

    /** Palette drags put {@code BlockKind.id()} on this format; the canvas handles the drop. */
    DataFormat kindFormat();
}
