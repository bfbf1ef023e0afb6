package org.blockscope.engine.data;

import java.util.Arrays;
import java.util.List;
import org.blockscope.graph.Shape;

/**
 * N images already converted to the network's input shape C×H×W, with their class labels.
 *
 * <p>Storage is compact: one {@code byte[]} of {@code N·C·H·W} unsigned 8-bit values in NCHW
 * order, pixel value = byte / 255, so every pixel is in [0,1]. Resized pixels are rounded to the
 * nearest 1/255 (as torchvision does when PIL resizes before {@code ToTensor}); this keeps CIFAR-10
 * (50,000 × 3×32×32) at 150 MB instead of 600 MB as floats. Instances are immutable; the arrays
 * are never handed out.
 */
public final class Dataset {

    private final Shape shape;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final LoadReport report;

    /** {@code pixels} and {@code labels} are taken over, not copied: callers must not keep them. */
    Dataset(Shape shape, byte[] pixels, int[] labels, List<String> classNames, LoadReport report) {
        if (shape.vector() || (long) labels.length * shape.elements() != pixels.length) {
            throw new IllegalArgumentException(
                    "pixels length " + pixels.length + " != " + labels.length + " × " + shape);
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classNames.size() - 1));
            }
        }
        this.shape = shape;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.report = report;
    }

    /** Builds a data set from pixel values in [0,1] (NCHW order), e.g. for tests or generated data. */
    public static Dataset ofFloats(Shape shape, float[] values, int[] labels, List<String> classNames, String source) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = PixelConverter.toByte(values[i]);
        }
        return new Dataset(shape, bytes, labels.clone(), classNames, LoadReport.clean(source, labels.length));
    }

    public int size() {
        return labels.length;
    }

    /** C×H×W of one image. */
    public Shape shape() {
        return shape;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int classCount() {
        return classNames.size();
    }

    public LoadReport report() {
        return report;
    }

    public int label(int index) {
        return labels[index];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of images of each class, indexed like {@link #classNames()}. */
    public int[] countsPerClass() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Pixel {@code (c, y, x)} of image {@code index}, in [0,1]. */
    public float pixel(int index, int c, int y, int x) {
        int offset = imageOffset(index) + (c * shape.height() + y) * shape.width() + x;
        return (pixels[offset] & 0xFF) / 255f;
    }

    /** A fresh C·H·W array of image {@code index}, values in [0,1], CHW order. */
    public float[] image(int index) {
        float[] out = new float[(int) shape.elements()];
        int offset = imageOffset(index);
        for (int i = 0; i < out.length; i++) {
            out[i] = (pixels[offset + i] & 0xFF) / 255f;
        }
        return out;
    }

    /** The raw 8-bit value at flat position {@code i} of image {@code index} (0..255). */
    int raw(int index, int i) {
        return pixels[imageOffset(index) + i] & 0xFF;
    }

    int imageOffset(int index) {
        return Math.toIntExact(index * shape.elements());
    }

    /** The images at {@code indices}, in that order, with the same classes and report. */
    public Dataset subset(int[] indices, String source) {
        int n = (int) shape.elements();
        byte[] out = new byte[indices.length * n];
        int[] outLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, imageOffset(indices[i]), out, i * n, n);
            outLabels[i] = labels[indices[i]];
        }
        LoadReport subReport = new LoadReport(source, indices.length, report.skipped(), report.warnings());
        return new Dataset(shape, out, outLabels, classNames, subReport);
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " × " + shape + ", classes " + classNames + ", counts "
                + Arrays.toString(countsPerClass()) + "]";
    }
}
