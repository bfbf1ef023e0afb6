package org.blockscope.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One image prepared exactly like a validation image (same conversion, resizing, 8-bit rounding and
 * normalisation, no augmentation), e.g. to show a network's feature maps.
 */
public final class ImageProbe {

    private ImageProbe() {}

    /** A FLOAT {@code [1, C, H, W]} array. */
    public static INDArray load(Path file, Shape target, Normalization normalization) throws DataException {
        PixelConverter.checkTarget(target);
        normalization.checkChannels(target.channels());
        if (!Files.isRegularFile(file)) {
            throw new DataException("image not found: " + file);
        }
        byte[] pixels = new byte[(int) target.elements()];
        try {
            PixelConverter.convert(ImageDecoder.decode(file), target, pixels, 0);
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
        int plane = target.height() * target.width();
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = normalization.apply((pixels[i] & 0xFF) / 255f, i / plane);
        }
        return Nd4j.create(values, new long[] {1, target.channels(), target.height(), target.width()}, DataType.FLOAT);
    }
}
