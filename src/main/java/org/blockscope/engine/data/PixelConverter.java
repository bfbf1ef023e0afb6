package org.blockscope.engine.data;

import org.blockscope.graph.Shape;

/**
 * Converts a decoded image to the target C×H×W: colour first (at source resolution), then
 * resizing ({@link Resize}), then rounding to 8 bits.
 * <ul>
 *   <li>RGB → grey: luma {@code Y' = 0.299 R' + 0.587 G' + 0.114 B'} on the gamma-encoded values
 *       (ITU-R BT.601, the weights PIL's {@code convert("L")} uses);</li>
 *   <li>grey → RGB: the grey value copied to all three channels.</li>
 * </ul>
 */
final class PixelConverter {

    private PixelConverter() {}

    /** Checks that images can be converted to {@code target} (1 or 3 channels, positive size). */
    static void checkTarget(Shape target) throws DataException {
        if (target.vector()
                || (target.channels() != 1 && target.channels() != 3)
                || target.height() < 1
                || target.width() < 1) {
            throw new DataException(
                    "target shape " + target + ": images can be loaded as 1×H×W (grey) or 3×H×W (RGB) only");
        }
    }

    static byte toByte(float value) {
        return (byte) Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
    }

    /** Writes {@code target.elements()} bytes of the converted image at {@code dst[offset]}. */
    static void convert(SourceImage src, Shape target, byte[] dst, int offset) {
        int plane = src.height() * src.width();
        int outPlane = target.height() * target.width();
        for (int c = 0; c < target.channels(); c++) {
            float[] channel = channel(src, c, target.channels(), plane);
            float[] resized = Resize.plane(channel, src.height(), src.width(), target.height(), target.width());
            for (int i = 0; i < outPlane; i++) {
                dst[offset + c * outPlane + i] = toByte(resized[i]);
            }
        }
    }

    private static float[] channel(SourceImage src, int c, int targetChannels, int plane) {
        float[] p = src.planes();
        if (src.channels() == 1) {
            return p; // grey → grey, or grey copied to each RGB channel
        }
        if (targetChannels == 3) {
            float[] out = new float[plane];
            System.arraycopy(p, c * plane, out, 0, plane);
            return out;
        }
        float[] luma = new float[plane];
        for (int i = 0; i < plane; i++) {
            // Y' = 0.299 R' + 0.587 G' + 0.114 B'   (ITU-R BT.601)
            luma[i] = 0.299f * p[i] + 0.587f * p[plane + i] + 0.114f * p[2 * plane + i];
        }
        return luma;
    }
}
