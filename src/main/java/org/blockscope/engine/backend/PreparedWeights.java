package org.blockscope.engine.backend;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One inference convolution's weights as its oneDNN kernel reads them (a batch norm folded in, reordered
 * to the kernel's layout), kept from one pass to the next. They are made again whenever one of their
 * sources (the convolution's weight and bias, the folded batch norm's gamma, beta and running statistics)
 * differs by a single byte from the copy taken when they were made: the check is a memcmp of those
 * arrays, so nothing that writes parameters in place (an optimizer step, a loaded checkpoint, a test) can
 * leave stale weights behind. Each convolution step owns one, and OneDnnConv's forward with kept weights
 * uses it.
 */
public final class PreparedWeights {
    /** The sources' bytes when the weights were made, one after the other. */
    private BytePointer snapshot;

    private long[] sourceBytes = new long[0];
    /** The weights in the kernel's layout (64-byte aligned view of {@link #weightsRaw}). */
    private BytePointer weights;

    private BytePointer weightsRaw;
    private BytePointer bias;
    private dnnl_memory_desc_t layout;
    private long made;

    /** How many times the weights were made (for tests: a second pass with unchanged sources makes none). */
    public synchronized long made() {
        return made;
    }

    /** Whether these arrays can be compared and kept: dense FLOAT arrays (null entries are skipped). */
    public static boolean cacheable(INDArray[] sources) {
        for (INDArray a : sources) {
            if (a != null && (a.dataType() != DataType.FLOAT || !OneDnn.isDense(a))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the weights were made for this kernel layout from sources equal to these, byte for byte. */
    boolean current(dnnl_memory_desc_t kernelLayout, INDArray[] sources) {
        if (layout == null || !OneDnn.same(layout, kernelLayout) || sources.length != sourceBytes.length) {
            return false;
        }
        long off = 0;
        for (int i = 0; i < sources.length; i++) {
            long n = bytes(sources[i]);
            if (n != sourceBytes[i]) {
                return false;
            }
            if (n > 0 && Pointer.memcmp(snapshot.getPointer(off), OneDnn.address(sources[i]), n) != 0) {
                return false;
            }
            off += n;
        }
        return true;
    }

    /**
     * Takes a copy of the sources and makes room for the weights ({@code weightBytes} bytes) and the bias;
     * the weights count as made once {@link #madeFor} says for which layout.
     */
    void remake(long weightBytes, INDArray[] sources, long biasFloats) {
        layout = null; // not current until the new weights are in
        long total = 0;
        long[] sizes = new long[sources.length];
        for (int i = 0; i < sources.length; i++) {
            sizes[i] = bytes(sources[i]);
            total += sizes[i];
        }
        if (snapshot == null || snapshot.capacity() < total) {
            snapshot = new BytePointer(Math.max(1, total));
        }
        long off = 0;
        for (int i = 0; i < sources.length; i++) {
            if (sizes[i] > 0) {
                Pointer.memcpy(snapshot.getPointer(off), OneDnn.address(sources[i]), sizes[i]);
            }
            off += sizes[i];
        }
        sourceBytes = sizes;
        if (weightsRaw == null || weightsRaw.capacity() < weightBytes + 64) {
            weightsRaw = new BytePointer(weightBytes + 64);
            long pad = (64 - (weightsRaw.address() & 63)) & 63;
            weights = new BytePointer(weightsRaw).position(pad);
        }
        if (biasFloats > 0 && (bias == null || bias.capacity() < 4 * biasFloats)) {
            bias = new BytePointer(4 * biasFloats);
        }
    }

    /** The weights and bias are in, made for the kernel layout given. */
    void madeFor(dnnl_memory_desc_t kernelLayout) {
        layout = kernelLayout;
        made++;
    }

    Pointer weights() {
        return weights;
    }

    Pointer bias() {
        return bias;
    }

    private static long bytes(INDArray a) {
        return a == null ? 0 : 4 * a.length();
    }
}
