package org.blockscope.engine.backend;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recycles native buffers that a model has released (see {@code Model}): a fresh 8 MB array costs
 * about 4.4 ms here in page faults when its memory is new, against 0.1 ms when reused, which made
 * allocation the largest cost of elementwise ops. Kernels take their outputs from here; buffers come
 * back only through {@link #give}, from owners that guarantee no array still uses them. Bounded:
 * beyond {@link #MAX_BYTES} pooled, given buffers are freed instead.
 */
public final class BufferPool {
    private BufferPool() {}

    /**
     * At most this many bytes pooled (-Dblockscope.poolBytes for experiments): ResNet-50 at batch 16 peaked
     * at 3,220 MB RSS with 1 GB, 3,085 MB with 256 MB and 2,956 MB with none (PyTorch: 2,388 MB).
     */
    static final long MAX_BYTES = Long.getLong("blockscope.poolBytes", 1L << 30);

    private static final Map<Key, ArrayDeque<DataBuffer>> FREE = new HashMap<>();
    private static long pooledBytes;
    /** Identity of every pooled buffer: a buffer given twice must not be handed out twice. */
    private static final java.util.Set<DataBuffer> POOLED =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private static long repeatedGives;

    private record Key(DataType type, long length) {}

    /** An uninitialised c-order array, on a recycled buffer when one of the right size is free. */
    public static INDArray take(DataType type, long... shape) {
        long len = 1;
        for (long s : shape) {
            len *= s;
        }
        DataBuffer b = null;
        synchronized (FREE) {
            ArrayDeque<DataBuffer> q = FREE.get(new Key(type, len));
            if (q != null && !q.isEmpty()) {
                b = q.pop();
                POOLED.remove(b);
                pooledBytes -= len * type.width();
            }
        }
        if (b == null || b.wasClosed()) {
            return Nd4j.createUninitialized(type, shape);
        }
        return Nd4j.create(b, shape);
    }

    /**
     * Frees every pooled buffer (their sizes belong to the model that gave them back): for a benchmark that
     * moves on to another network, so that one network's leftovers do not weigh on the next.
     */
    public static void clear() {
        synchronized (FREE) {
            for (ArrayDeque<DataBuffer> q : FREE.values()) {
                for (DataBuffer b : q) {
                    if (!b.wasClosed()) {
                        b.close();
                    }
                }
            }
            FREE.clear();
            POOLED.clear();
            pooledBytes = 0;
        }
    }

    /** Bytes held in the pool now (freed buffers waiting to be reused). */
    public static long pooledBytes() {
        synchronized (FREE) {
            return pooledBytes;
        }
    }

    /** How many times a buffer already in the pool was given again (should stay 0; for tests). */
    public static long repeatedGives() {
        synchronized (FREE) {
            return repeatedGives;
        }
    }

    /** Takes back a buffer nobody uses any more (or frees it when the pool is full). */
    public static void give(DataBuffer b) {
        if (b.wasClosed() || !b.closeable()) {
            return;
        }
        long bytes = b.length() * b.dataType().width();
        synchronized (FREE) {
            if (POOLED.contains(b)) { // an owner's bookkeeping bug: ignore, count
                repeatedGives++;
                return;
            }
            if (pooledBytes + bytes <= MAX_BYTES && b.length() >= 1024) {
                POOLED.add(b);
                FREE.computeIfAbsent(new Key(b.dataType(), b.length()), k -> new ArrayDeque<>())
                        .push(b);
                pooledBytes += bytes;
                return;
            }
        }
        b.close();
    }
}
