package org.blockscope.engine.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
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
        try (BinaryFiles imageFile = BinaryFiles.open(images);
                BinaryFiles labelFile = BinaryFiles.open(labels)) {
            Header imageHeader = Header.read(imageFile, IMAGES_MAGIC);
            Header labelHeader = Header.read(labelFile, LABELS_MAGIC);
            int n = imageHeader.sizes()[0];
            if (imageHeader.sizes().length != 3) {
                throw new DataException(imageFile.name() + ": " + imageHeader.sizes().length
                        + " dimensions, expected 3 (images × rows × columns)");
            }
            if (labelHeader.sizes().length != 1) {
                throw new DataException(labelFile.name() + ": " + labelHeader.sizes().length
                        + " dimensions, expected 1 (one label per image)");
            }
            if (labelHeader.sizes()[0] != n) {
                throw new DataException(imageFile.name() + " has " + n + " images but " + labelFile.name() + " has "
                        + labelHeader.sizes()[0] + " labels");
            }
            if (n == 0) {
                throw new DataException(imageFile.name() + ": the header says 0 images; there is nothing to train on");
            }
            PixelBudget.check(images + " + " + labelFile.name(), n, target, imageHeader.payload());
            int rows = imageHeader.sizes()[1];
            int cols = imageHeader.sizes()[2];
            byte[] data = imageHeader.readPayload(imageFile);
            byte[] labelBytes = labelHeader.readPayload(labelFile);
            int[] labelValues = new int[n];
            for (int i = 0; i < n; i++) {
                labelValues[i] = labelBytes[i] & 0xFF;
            }
            List<String> names = classNames != null ? classNames : numbered(labelFile.name(), labelValues);
            int maxLabel = IntStream.of(labelValues).max().orElse(0);
            if (maxLabel >= names.size()) {
                throw new DataException(labelFile.name() + ": label " + maxLabel + " but only " + names.size()
                        + " class names " + names);
            }
            byte[] pixels = new byte[Math.multiplyExact(n, (int) target.elements())];
            int size = rows * cols;
            IntStream.range(0, n)
                    .parallel()
                    .forEach(i -> PixelConverter.convert(
                            SourceImage.ofBytes(1, rows, cols, data, i * size),
                            target,
                            pixels,
                            i * (int) target.elements()));
            return new Dataset(
                    target, pixels, labelValues, names, LoadReport.clean(images + " + " + labelFile.name(), n));
        }
    }

    /**
     * Classes "0".."9", or "0".."max" when labels go higher (EMNIST has 26 or 47): then every class
     * must occur, since a lone byte far above the rest (255 among 0..9) is damage, not a new class.
     */
    private static List<String> numbered(String labelName, int[] labels) throws DataException {
        int max = IntStream.of(labels).max().orElse(0);
        if (max >= 10) {
            boolean[] seen = new boolean[max + 1];
            for (int l : labels) {
                seen[l] = true;
            }
            for (int c = 0; c <= max; c++) {
                if (!seen[c]) {
                    int at = IntStream.range(0, labels.length)
                            .filter(i -> labels[i] == max)
                            .findFirst()
                            .orElse(0);
                    throw new DataException(labelName + ": label " + max + " (image " + at + ") but no image has label "
                            + c + "; IDX labels number the classes 0, 1, 2, ... without gaps (a damaged file?)");
                }
            }
        }
        return numbered(Math.max(10, max + 1));
    }

    /** An IDX header: the sizes of its dimensions; the payload is their product in bytes. */
    private record Header(String name, int[] sizes, long payload) {

        /** Reads and checks magic and sizes; a plain file's length must match exactly. */
        static Header read(BinaryFiles f, int expected) throws DataException {
            String kind = expected == IMAGES_MAGIC ? "images" : "labels";
            byte[] magicBytes = f.read(4);
            if (magicBytes.length < 4) {
                throw new DataException(f.name() + ": " + magicBytes.length + " bytes, too short for an IDX file");
            }
            int magic = ByteBuffer.wrap(magicBytes).getInt();
            if (magic != expected) {
                String found = magic == IMAGES_MAGIC
                        ? "is an image file"
                        : magic == LABELS_MAGIC
                                ? "is a label file"
                                : String.format("(0x%08x) is not an IDX file of unsigned bytes", magic);
                throw new DataException(
                        f.name() + ": magic " + magic + " " + found + ", expected " + expected + " (" + kind + ")");
            }
            int dims = magic & 0xFF;
            int headerSize = 4 + 4 * dims;
            byte[] sizeBytes = f.read(4 * dims);
            if (sizeBytes.length < 4 * dims) {
                throw new DataException(
                        f.name() + ": truncated header, " + (4 + sizeBytes.length) + " bytes, expected " + headerSize);
            }
            ByteBuffer b = ByteBuffer.wrap(sizeBytes);
            int[] sizes = new int[dims];
            long payload = 1;
            List<String> parts = new ArrayList<>();
            for (int d = 0; d < dims; d++) {
                sizes[d] = b.getInt(4 * d);
                if (sizes[d] < 0 || (d > 0 && sizes[d] == 0)) {
                    throw new DataException(f.name() + ": dimension " + d + " is " + sizes[d]);
                }
                payload = payload > Long.MAX_VALUE / Math.max(1, sizes[d]) ? Long.MAX_VALUE : payload * sizes[d];
                parts.add(Integer.toString(sizes[d]));
            }
            String declared = String.join("×", parts) + " " + kind;
            long expectedLength = payload == Long.MAX_VALUE ? payload : headerSize + payload;
            if (!f.gzip() && f.size() != expectedLength) {
                throw new DataException(f.name() + ": header says " + declared + " (" + expectedLength
                        + " bytes) but the file has " + f.size() + " bytes"
                        + (f.size() < expectedLength ? " (truncated)" : ""));
            }
            if (payload > PixelBudget.MAX_ARRAY) {
                throw new DataException(f.name() + ": header says " + declared + ", " + payload
                        + " bytes, more than one data set may hold (2.0 GB)");
            }
            return new Header(f.name(), sizes, payload);
        }

        /** Exactly the declared payload; for a gzip file, a short or longer stream is refused here. */
        byte[] readPayload(BinaryFiles f) throws DataException {
            String declared = String.join(
                    "×", IntStream.of(sizes).mapToObj(Integer::toString).toList());
            byte[] data = f.read((int) payload);
            if (data.length < payload) {
                throw new DataException(name + ": truncated gzip file (header says " + declared + ", " + payload
                        + " bytes of data, but it holds " + data.length + ")");
            }
            if (f.hasMore()) {
                throw new DataException(
                        name + ": holds more data than its header says (" + declared + ", " + payload + " bytes)");
            }
            return data;
        }
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
