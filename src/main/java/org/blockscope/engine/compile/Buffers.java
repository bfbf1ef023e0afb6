package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.blockscope.engine.backend.BufferPool;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Explicit freeing of a model's native buffers. Off-heap arrays are otherwise freed only when the Java GC
 * collects their INDArray objects; the heap stays small, so GC is rare and off-heap memory grew to 4-7 GB
 * (JavaCPP then forces System.gc() and sleeps). Freed here instead: gradients of intermediate outputs
 * (never exposed) during and at the end of backward, and a pass's arrays when a later pass starts. Inputs,
 * tensors and anything sharing their buffers are never freed; a buffer is freed once even when several
 * arrays share it. Freed buffers go to the {@link BufferPool} for the next op.
 */
final class Buffers {
    private Buffers() {}

    /** The buffer that owns the memory of b (views and reshapes share their root). */
    static DataBuffer root(DataBuffer b) {
        while (b.underlyingDataBuffer() != null && b.underlyingDataBuffer() != b) {
            b = b.underlyingDataBuffer();
        }
        return b;
    }

    static Set<DataBuffer> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Roots of the plan's tensors and, unless null, of every array of pass p. */
    static Set<DataBuffer> protectedBuffers(Plan plan, Pass p) {
        Set<DataBuffer> keep = identitySet();
        for (Tensor t : plan.tensors.values()) {
            keep.add(root(t.value().data()));
        }
        if (p != null) {
            for (INDArray a : p.all()) {
                keep.add(root(a.data()));
            }
        }
        return keep;
    }

    /** Frees the buffers of these arrays, each once, except those in keep. */
    static void release(List<INDArray> arrays, Set<DataBuffer> keep) {
        Set<DataBuffer> done = identitySet();
        for (INDArray a : arrays) {
            if (a.isEmpty() || a.wasClosed()) {
                continue;
            }
            DataBuffer b = root(a.data());
            if (keep.contains(b) || !done.add(b)) {
                continue;
            }
            if (b.closeable()) {
                BufferPool.give(b);
            }
        }
    }

    /**
     * Step i's output gradient is dead once step i's backward ran: freed at once (so the next steps'
     * gradients reuse a buffer still in cache) unless a pending gradient, a parameter gradient, an output
     * or a tensor ({@code keep}) shares its buffer.
     */
    static void releaseGradient(Pass p, int i, Set<DataBuffer> keep) {
        INDArray g = p.grad[i];
        if (g == null || g.isEmpty()) {
            return;
        }
        DataBuffer r = root(g.data());
        if (keep.contains(r)) {
            return;
        }
        for (int j = 0; j < i; j++) {
            INDArray o = p.grad[j];
            if (o != null && !o.isEmpty() && root(o.data()) == r) {
                return;
            }
        }
        for (INDArray a : p.paramGrads.values()) {
            if (!a.isEmpty() && root(a.data()) == r) {
                return;
            }
        }
        // dead: steps already back-propagated may still hold it (an Add passes one dy to all its inputs)
        for (int j = i; j < p.grad.length; j++) {
            INDArray o = p.grad[j];
            if (o != null && !o.isEmpty() && root(o.data()) == r) {
                p.grad[j] = null;
            }
        }
        if (r.closeable()) {
            BufferPool.give(r);
        }
    }

    /** At the end of backward: every output gradient but the image's is freed (never exposed). */
    static void releaseIntermediateGradients(Plan plan, Pass p) {
        List<INDArray> grads = new ArrayList<>();
        Set<DataBuffer> keep = protectedBuffers(plan, null);
        for (Step s : plan.steps) {
            INDArray g = p.grad[s.index];
            if (g == null) {
                continue;
            }
            if (plan.memory.gradientDiesAfterBackward(s.index)) {
                grads.add(g);
            } else {
                keep.add(root(g.data()));
            }
        }
        for (INDArray a : p.out) {
            if (a != null) {
                keep.add(root(a.data()));
            }
        }
        if (p.input != null) {
            keep.add(root(p.input.data()));
        }
        for (INDArray a : p.paramGrads.values()) {
            keep.add(root(a.data()));
        }
        release(grads, keep);
        for (Step s : plan.steps) {
            if (plan.memory.gradientDiesAfterBackward(s.index)) {
                p.grad[s.index] = null;
            }
        }
    }

    /**
     * Before a new pass on batch x: with keepPrevious, the pass before {@code last} is freed (the last
     * pass's arrays stay valid one more pass); without, {@code last} and {@code previous} are. Returns the
     * pass that stays valid, or null.
     */
    static Pass retire(Plan plan, Pass last, Pass previous, INDArray x, boolean keepPrevious) {
        if (!keepPrevious && last != null) {
            Set<DataBuffer> keep = protectedBuffers(plan, null);
            keep.add(root(x.data()));
            keep.add(root(last.input.data()));
            if (previous != null) {
                keep.add(root(previous.input.data()));
                release(previous.all(), keep);
            }
            release(last.all(), keep);
            return null;
        }
        if (previous != null) {
            Set<DataBuffer> keep = protectedBuffers(plan, last);
            keep.add(root(x.data()));
            keep.add(root(previous.input.data())); // the caller's batch
            release(previous.all(), keep);
        }
        return last;
    }
}
