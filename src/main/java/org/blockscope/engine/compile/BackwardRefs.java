package org.blockscope.engine.compile;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.blockscope.engine.backend.BufferPool;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference counts of the native buffers a backward pass holds (output gradients, and in the trainer's
 * passes the activations), by root buffer: several arrays may share one (an add hands one gradient to all
 * its inputs, a fused ReLU passes its input's buffer on, a flatten is a view). A buffer is freed, back to
 * the {@link BufferPool}, the moment its count drops to zero, unless protected (tensors, the caller's batch,
 * arrays the caller may still read). A temporary nobody holds is freed when it is dropped.
 */
final class BackwardRefs {
    private final Map<DataBuffer, Integer> counts = new IdentityHashMap<>();
    private final Set<DataBuffer> protectedRoots;

    BackwardRefs(Set<DataBuffer> protectedRoots) {
        this.protectedRoots = protectedRoots;
    }

    void hold(INDArray a) {
        if (a != null && !a.isEmpty()) {
            counts.merge(Buffers.root(a.data()), 1, Integer::sum);
        }
    }

    /** One holder less; freed when none is left. */
    void drop(INDArray a) {
        if (a == null || a.isEmpty()) {
            return;
        }
        DataBuffer r = Buffers.root(a.data());
        Integer c = counts.get(r);
        if (c != null && c > 1) {
            counts.put(r, c - 1);
            return;
        }
        counts.remove(r);
        free(r);
    }

    /** Whether a's buffer has exactly one holder and is not protected: that holder may write into it. */
    boolean exclusive(INDArray a) {
        if (a == null || a.isEmpty()) {
            return false;
        }
        DataBuffer r = Buffers.root(a.data());
        Integer c = counts.get(r);
        return c != null && c == 1 && !protectedRoots.contains(r);
    }

    /** A temporary (e.g. a kernel's output already added elsewhere): freed unless someone holds it. */
    void discard(INDArray a) {
        if (a == null || a.isEmpty()) {
            return;
        }
        DataBuffer r = Buffers.root(a.data());
        if (!counts.containsKey(r)) {
            free(r);
        }
    }

    private void free(DataBuffer r) {
        if (!protectedRoots.contains(r) && r.closeable() && !r.wasClosed()) {
            BufferPool.give(r);
        }
    }
}
