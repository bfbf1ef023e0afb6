package org.blockscope.engine.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blockscope.graph.Shape;

/**
 * Loads MNIST-style IDX files (LeCun's format, also Fashion-MNIST and KMNIST): an image file
 * ({@code idx3-ubyte}, magic 2051 = {@code 00 00 08 03}: unsigned bytes, 3 dimensions N×rows×cols)
 * and a label file ({@code idx1-ubyte}, magic 2049 = {@code 00 00 08 01}: N unsigned bytes),
 * big-endian, each plain or gzip-compressed (detected from the content, not the name). Images are
 * grey and converted to the target shape like folder images.
 */
public final class MnistIdxLoader {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private MnistIdxLoader() {}

    /** Classes named "0".."9", or "0".."max label" if labels go higher. */
    public static Dataset load(Path images, Path labels, Shape target) throws DataException {
        return load(images, labels, target, null);
    }

    /** With class names (e.g. Fashion-MNIST's); {@code null} for numbers. */
    public static Dataset load(Path images, Path labels, Shape target, List<String> classNames) throws DataException {
        PixelConverter.checkTarget(target);
        String imageName = images.getFileName().toString();
        String labelName = labels.getFileName().toString();
        ByteBuffer imageBytes = ByteBuffer.wrap(BinaryFiles.read(images));
        ByteBuffer labelBytes = ByteBuffer.wrap(BinaryFiles.read(labels));
        int[] imageDims = header(imageName, imageBytes, IMAGES_MAGIC);
        int[] labelDims = header(labelName, labelBytes, LABELS_MAGIC);
        int n = imageDims[0];
        int rows = imageDims[1];
        int cols = imageDims[2];
        if (labelDims[0] != n) {
            throw new DataException(
                    imageName + " has " + n + " images but " + labelName + " has " + labelDims[0] + " labels");
        }
        int[] labelValues = new int[n];
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            labelValues[i] = labelBytes.get(8 + i) & 0xFF;
            maxLabel = Math.max(maxLabel, labelValues[i]);
        }
        List<String> names = classNames != null ? classNames : numbered(Math.max(10, maxLabel + 1));
        if (maxLabel >= names.size()) {
            throw new DataException(
                    labelName + ": label " + maxLabel + " but only " + names.size() + " class names " + names);
        }
        byte[] pixels = new byte[Math.multiplyExact(n, (int) target.elements())];
        byte[] data = imageBytes.array();
        int size = rows * cols;
        java.util.stream.IntStream.range(0, n)
                .parallel()
                .forEach(i -> PixelConverter.convert(
                        SourceImage.ofBytes(1, rows, cols, data, 16 + i * size),
                        target,
                        pixels,
                        i * (int) target.elements()));
        return new Dataset(target, pixels, labelValues, names, LoadReport.clean(images + " + " + labelName, n));
    }

    /** Checks magic and length; returns the dimensions. */
    private static int[] header(String name, ByteBuffer bytes, int expected) throws DataException {
        String kind = expected == IMAGES_MAGIC ? "images" : "labels";
        if (bytes.limit() < 4) {
            throw new DataException(name + ": " + bytes.limit() + " bytes, too short for an IDX file");
        }
        int magic = bytes.getInt(0);
        if (magic != expected) {
            String found = magic == IMAGES_MAGIC
                    ? "is an image file"
                    : magic == LABELS_MAGIC
                            ? "is a label file"
                            : String.format("(0x%08x) is not an IDX file of unsigned bytes", magic);
            throw new DataException(
                    name + ": magic " + magic + " " + found + ", expected " + expected + " (" + kind + ")");
        }
        int dims = magic & 0xFF;
        int headerSize = 4 + 4 * dims;
        if (bytes.limit() < headerSize) {
            throw new DataException(name + ": truncated header, " + bytes.limit() + " bytes, expected " + headerSize);
        }
        int[] sizes = new int[dims];
        long payload = 1;
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            sizes[d] = bytes.getInt(4 + 4 * d);
            if (sizes[d] < 0 || (d > 0 && sizes[d] == 0)) {
                throw new DataException(name + ": dimension " + d + " is " + sizes[d]);
            }
            payload *= sizes[d];
            parts.add(Integer.toString(sizes[d]));
        }
        long expectedLength = headerSize + payload;
        if (bytes.limit() != expectedLength) {
            throw new DataException(name + ": header says " + String.join("×", parts) + " " + kind + " ("
                    + expectedLength + " bytes) but the file has " + bytes.limit() + " bytes"
                    + (bytes.limit() < expectedLength ? " (truncated)" : ""));
        }
        return dims == 1 ? new int[] {sizes[0]} : sizes;
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
