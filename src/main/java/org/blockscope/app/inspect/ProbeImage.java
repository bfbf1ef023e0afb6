package org.blockscope.app.inspect;

import java.nio.file.Path;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.graph.Shape;

/**
 * The image the views look at, already converted to the network's input shape, pixels in [0,1]
 * (CHW). It is normalised only when used, with the normalisation of the model looked at. {@code
 * file} is where it came from (null for a validation image), {@code truth} its class when known
 * (a validation image's, or the class folder a data file sits in; "" otherwise).
 */
public record ProbeImage(String label, Shape shape, float[] pixels, Path file, String truth) {

    public ProbeImage(String label, Shape shape, float[] pixels) {
        this(label, shape, pixels, null, "");
    }

    /** Loads a file exactly like a validation image (resize, 8-bit rounding). */
    public static ProbeImage fromFile(Path file, Shape shape) throws DataException {
        return new ProbeImage(file.getFileName().toString(), shape, ModelProbe.loadImage(file, shape), file, "");
    }

    /** A file of a data set in class folders: its folder is its class. */
    public static ProbeImage fromDataFile(Path file, Shape shape) throws DataException {
        String cls =
                file.getParent() == null ? "" : file.getParent().getFileName().toString();
        return new ProbeImage(
                "training image " + cls + "/" + file.getFileName(),
                shape,
                ModelProbe.loadImage(file, shape),
                file,
                cls);
    }

    public static ProbeImage fromDataset(Dataset data, int index) {
        String cls = data.classNames().get(data.label(index));
        return new ProbeImage(
                "validation image " + index + " (" + cls + ")", data.shape(), data.image(index), null, cls);
    }

    /** The pixels normalised per channel (C×H×W), as the model takes them. */
    public float[] normalised(Normalization n) {
        int plane = shape.height() * shape.width();
        float[] v = new float[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.apply(pixels[i], i / plane);
        }
        return v;
    }
}
