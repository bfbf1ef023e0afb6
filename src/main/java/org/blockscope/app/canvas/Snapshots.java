package org.blockscope.app.canvas;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

/** Pictures of a graph view for export: the whole drawing at full detail, at any scale. */
final class Snapshots {

    private Snapshots() {}

    /** The whole drawing at {@code scale} with every line of text; {@code restore} puts the on-screen detail back. */
    static WritableImage graph(GraphView view, double scale, boolean labels, Runnable restore) {
        // a network too large to draw whole: the part in view, with the same margin
        Bounds b = view.lazy() ? view.lazySkins().area() : view.contentBounds();
        if (b == null) {
            return new WritableImage(1, 1);
        }
        double pad = 24;
        SnapshotParameters sp = new SnapshotParameters();
        sp.setFill(Color.web("#f7f8fa"));
        sp.setTransform(Transform.scale(scale, scale));
        sp.setViewport(new Rectangle2D(
                (b.getMinX() - pad) * scale,
                (b.getMinY() - pad) * scale,
                (b.getWidth() + 2 * pad) * scale,
                (b.getHeight() + 2 * pad) * scale));
        boolean labelsShown = view.labelLayer().isVisible();
        view.labelLayer().setVisible(labels);
        view.setScale(1, Detail.MIN_PX);
        view.applyCss();
        view.layout();
        try {
            return view.snapshot(sp, null);
        } finally {
            view.labelLayer().setVisible(labelsShown);
            restore.run();
        }
    }
}
