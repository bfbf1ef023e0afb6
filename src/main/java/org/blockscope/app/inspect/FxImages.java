package org.blockscope.app.inspect;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** ARGB arrays to JavaFX images, enlarged with hard pixel edges (no blur: a 5×5 filter stays 25 squares). */
public final class FxImages {

    private FxImages() {}

    public static WritableImage image(int[] argb, int w, int h) {
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    /** An image view {@code size} pixels on its longer side, nearest-neighbour scaled. */
    public static ImageView view(int[] argb, int w, int h, double size) {
        ImageView v = new ImageView(image(argb, w, h));
        v.setSmooth(false);
        double s = size / Math.max(w, h);
        v.setFitWidth(w * s);
        v.setFitHeight(h * s);
        return v;
    }
}
