package org.blockscope.engine.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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

    /**
     * The most pixels decoded from one image: 50 megapixels (e.g. 8660×5773) take about 800 MB while
     * converted (4 bytes per pixel decoded, 12 as RGB floats). The size is read from the header first,
     * so a 20000×20000 PNG of 1 MB is refused before its 1.6 GB are allocated.
     */
    static final long MAX_PIXELS = 50_000_000;

    /** @throws IOException with a short reason fit for the skip list */
    static SourceImage decode(Path file) throws IOException {
        PngChunks.check(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a readable image (unknown format or corrupt header)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                checkSize(w, h);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    // e.g. a truncated JPEG: ImageIO fills the rest with grey and only warns
                    throw new IOException("damaged image (" + warnings.get(0) + ")");
                }
                return fromImage(image);
            } finally {
                reader.dispose();
            }
        } catch (java.io.EOFException e) {
            throw new IOException("damaged image (the file ends too early: truncated?)", e);
        } catch (OutOfMemoryError e) {
            throw new IOException("too large to decode in the memory available", e);
        } catch (IOException e) {
            // ours (plain IOException) are worded for the skip list already; the decoders' get their message only
            throw e.getClass() == IOException.class ? e : new IOException("cannot be decoded (" + words(e) + ")", e);
        } catch (RuntimeException e) {
            // the JDK's decoders throw unchecked exceptions on some corrupt data
            throw new IOException("cannot be decoded (corrupt image data)", e);
        }
    }

    private static void checkSize(int w, int h) throws IOException {
        long pixels = (long) w * h;
        if (w <= 0 || h <= 0) {
            throw new IOException("not a readable image (its header says " + w + "×" + h + " pixels)");
        }
        if (pixels > MAX_PIXELS) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "%d×%d pixels (%.1f megapixels) is above the limit of %d megapixels; shrink it first",
                    w,
                    h,
                    pixels / 1e6,
                    MAX_PIXELS / 1_000_000));
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (pixels * 16 > free) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "%d×%d pixels need %d MB to decode, more than the %d MB free",
                    w,
                    h,
                    pixels * 16 >> 20,
                    free >> 20));
        }
    }

    /** An exception's message for the skip list, never its class name. */
    private static String words(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "corrupt image data" : m;
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
