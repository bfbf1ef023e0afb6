package org.blockscope.engine.data;

import java.util.Locale;
import org.blockscope.engine.memory.Bytes;
import org.blockscope.engine.memory.MemoryLimits;
import org.blockscope.graph.Shape;

/**
 * Refuses a data set too large for the Java heap before its pixels are allocated. A data set is kept
 * as one byte per pixel at the network's input shape, in one array (at most 2^31 - 9 bytes), and the
 * train/validation split copies it once, so loading needs about twice its size (plus the raw file
 * for IDX and CIFAR).
 */
final class PixelBudget {

    /** The largest Java array. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private PixelBudget() {}

    /**
     * @param source     the folder or file, for the message
     * @param images     how many images will be kept
     * @param rawBytes   bytes read besides the converted pixels (the file's own payload), or 0
     */
    static void check(String source, long images, Shape target, long rawBytes) throws DataException {
        long pixels = images * target.elements(); // both far below 2^31 each: no overflow
        String what = String.format(Locale.ROOT, "%,d images of %s", images, target);
        if (pixels > MAX_ARRAY || rawBytes > MAX_ARRAY) {
            throw new DataException(source + ": " + what + " are " + Bytes.format(Math.max(pixels, rawBytes))
                    + " of pixels, more than the 2.0 GB one data set may hold; use a smaller input shape or fewer"
                    + " images");
        }
        long need = 2 * pixels + rawBytes;
        long free = MemoryLimits.current().heapBytes();
        if (need > free) {
            throw new DataException(source + ": " + what + " need about " + Bytes.format(need)
                    + " of Java heap to load, but " + Bytes.format(free)
                    + " is free (raise -Xmx, or use a smaller input shape or fewer images)");
        }
    }
}
