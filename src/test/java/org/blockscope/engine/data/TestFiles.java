package org.blockscope.engine.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.blockscope.graph.Shape;

/** Writes the small images and binary files the tests load, and caches the sample digits. */
final class TestFiles {

    static final Path DIGITS_TRAIN = Path.of("sample-images/digits/train");
    static final Path DIGITS_VAL = Path.of("sample-images/digits/val");
    static final Path COLOUR_TRAIN = Path.of("sample-images/colour32/train");
    static final Path PROBE = Path.of("sample-images/probe");
    static final Shape DIGIT = Shape.map(1, 28, 28);

    private static Dataset digitsTrain;

    private TestFiles() {}

    /** {@code sample-images/digits/train} at 1×28×28, loaded once per test run. */
    static synchronized Dataset digitsTrain() throws DataException {
        if (digitsTrain == null) {
            digitsTrain = ImageFolderLoader.load(DIGITS_TRAIN, DIGIT);
        }
        return digitsTrain;
    }

    static BufferedImage rgb(int width, int height, int... rgbValues) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgbValues, 0, width);
        return image;
    }

    static BufferedImage grey(int width, int height, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, height, 0, values);
        return image;
    }

    static Path writePng(Path file, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The 8-bit grey pixels of a grey PNG, read from the raster. */
    static byte[] greyPixels(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] samples = image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) samples[i];
        }
        return out;
    }

    /** An IDX image file: magic 2051, N, rows, cols, then the pixels. */
    static byte[] idxImages(int rows, int cols, byte[]... images) {
        ByteBuffer out = ByteBuffer.allocate(16 + images.length * rows * cols);
        out.putInt(2051).putInt(images.length).putInt(rows).putInt(cols);
        for (byte[] image : images) {
            out.put(image);
        }
        return out.array();
    }

    /** An IDX label file: magic 2049, N, then the labels. */
    static byte[] idxLabels(int... labels) {
        ByteBuffer out = ByteBuffer.allocate(8 + labels.length);
        out.putInt(2049).putInt(labels.length);
        for (int label : labels) {
            out.put((byte) label);
        }
        return out.array();
    }
}
