package org.blockscope.app.inspect;

import java.nio.file.Path;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.ImageProbe;
import org.blockscope.engine.data.Normalization;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The image the views look at, already converted to the network's input shape, pixels in [0,1]
 * (CHW). It is normalised only when used, with the normalisation of the model looked at.
 */
public record ProbeImage(String label, Shape shape, float[] pixels) {

    /** Loads a file exactly like a validation image (resize, 8-bit rounding). */
    public static ProbeImage fromFile(Path file, Shape shape) throws DataException {
        INDArray x = ImageProbe.load(file, shape, Normalization.identity(shape.channels()));
        return new ProbeImage(file.getFileName().toString(), shape, x.data().asFloat());
    }

    public static ProbeImage fromDataset(Dataset data, int index) {
        return new ProbeImage(
                "validation image " + index + " (" + data.classNames().get(data.label(index)) + ")",
                data.shape(),
                data.image(index));
    }

    /** A FLOAT [1, C, H, W] array normalised per channel. */
    public INDArray tensor(Normalization n) {
        int plane = shape.height() * shape.width();
        float[] v = new float[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.apply(pixels[i], i / plane);
        }
        return Nd4j.create(v, new long[] {1, shape.channels(), shape.height(), shape.width()}, DataType.FLOAT);
    }
}
