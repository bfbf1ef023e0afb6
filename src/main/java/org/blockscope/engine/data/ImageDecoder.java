package org.blockscope.engine.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Decodes PNG, JPEG, BMP and GIF files with {@code javax.imageio}. Grey images are read from the
 * raster (not {@code getRGB}, which would pass a linear grey colour space through an sRGB
 * conversion and brighten it); everything else is read as sRGB. Alpha is ignored.
 */
final class ImageDecoder {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    static final String KINDS = "PNG, JPEG, BMP or GIF";

    private ImageDecoder() {}

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** @throws IOException with a short reason fit for the skip list */
    static SourceImage decode(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot be decoded (" + detail + ")", e);
        }
        if (image == null) {
            throw new IOException("not a readable image (unknown format or corrupt header)");
        }
        return fromImage(image);
    }

    static SourceImage fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        if (model.getNumColorComponents() == 1 && !(model instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            float max = (1 << model.getComponentSize(0)) - 1;
            float[] grey = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    grey[y * w + x] = raster.getSample(x, y, 0) / max;
                }
            }
            return new SourceImage(1, h, w, grey);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] rgb = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = ((argb[i] >> 16) & 0xFF) / 255f;
            rgb[plane + i] = ((argb[i] >> 8) & 0xFF) / 255f;
            rgb[2 * plane + i] = (argb[i] & 0xFF) / 255f;
        }
        return new SourceImage(3, h, w, rgb);
    }
}
