package org.blockscope.app.ui;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.Region;
import org.blockscope.app.canvas.GraphCanvas;
import org.blockscope.app.model.EditorModel;

/** The real canvas behind the window's {@link CanvasView}. */
public final class GraphCanvasView implements CanvasView {

    private final GraphCanvas canvas;

    public GraphCanvasView(EditorModel model) {
        this.canvas = new GraphCanvas(model);
        canvas.setId("canvas");
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    @Override
    public Region node() {
        return canvas;
    }

    @Override
    public void fitToView() {
        canvas.fitToView();
    }

    @Override
    public void zoomIn() {
        canvas.zoomIn();
    }

    @Override
    public void zoomOut() {
        canvas.zoomOut();
    }

    @Override
    public void zoomReset() {
        canvas.zoomReset();
    }

    @Override
    public void centreOn(String node) {
        canvas.centreOn(node);
    }

    @Override
    public void autoLayout() {
        canvas.autoLayout();
    }

    @Override
    public void openBlock(String node) {
        canvas.openBlock(node);
    }

    @Override
    public WritableImage snapshotGraph(double scale) {
        return canvas.snapshotGraph(scale);
    }

    @Override
    public ReadOnlyDoubleProperty zoomProperty() {
        return canvas.zoomProperty();
    }

    @Override
    public DataFormat kindFormat() {
        return GraphCanvas.KIND_FORMAT;
    }
}
