package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockscope.engine.backend.BufferPool;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Carries out the {@link MemoryPlan} of a forward pass: in fused inference, after each step the outputs
 * whose last consumer it was are freed (in the trainer's passes, those of them that no backward reads), so
 * the next steps' outputs reuse buffers that are still in the CPU caches (the memory-bound loops between
 * convolutions ran up to 3x slower on cold buffers). Buffers are counted
 * by their root: steps that pass an input through (folded batch norm, fused ReLU, dropout at inference)
 * share it, and a buffer goes back to the {@link BufferPool} only when no live output uses it. The
 * caller's batch and the tensors ({@code keep}) are never freed.
 */
final class LiveBuffers {
    private final Pass pass;
    /** Per step: the outputs dead once it ran. */
    private final java.util.function.IntFunction<int[]> deadAfter;

    private final Map<DataBuffer, Integer> refs = new IdentityHashMap<>();
    private final Set<DataBuffer> keep;

    /**
     * @param deadAfter per step, the outputs dead once it ran ({@link MemoryPlan#deadAfterInference}, or
     *     in a training pass {@link MemoryPlan#deadAfterTrainingForward})
     */
    LiveBuffers(Pass pass, java.util.function.IntFunction<int[]> deadAfter, Set<DataBuffer> keep) {
        this.pass = pass;
        this.deadAfter = deadAfter;
        this.keep = keep;
    }

    /** After step s ran: its outputs become live, and outputs whose last consumer it was are freed. */
    void after(Step s) {
        for (DataBuffer r : roots(s.index)) {
            hold(r);
        }
        for (int dead : deadAfter.apply(s.index)) {
            drop(dead);
        }
    }

    /** A channels-last copy of step i's output made later, by a consumer: live with step i. */
    void madeChannelsLast(int i) {
        INDArray a = pass.nhwc[i];
        if (a != null) {
            hold(Buffers.root(a.data()));
        }
    }

    /** Whether step i's outputs are on buffers that no other live output holds and the caller's are not. */
    boolean soleHolder(int i) {
        List<DataBuffer> rs = roots(i);
        for (DataBuffer r : rs) {
            Integer c = refs.get(r);
            if (c == null || c != 1 || keep.contains(r)) {
                return false;
            }
        }
        return !rs.isEmpty();
    }

    private void hold(DataBuffer r) {
        refs.merge(r, 1, Integer::sum);
    }

    private void drop(int i) {
        for (DataBuffer r : roots(i)) {
            Integer c = refs.get(r);
            if (c == null) {
                continue;
            }
            if (c > 1) {
                refs.put(r, c - 1);
            } else {
                refs.remove(r);
                if (!keep.contains(r)) {
                    BufferPool.give(r);
                }
            }
        }
        pass.out[i] = null;
        if (i < pass.nhwc.length) {
            pass.nhwc[i] = null;
        }
    }

    private List<DataBuffer> roots(int i) {
        INDArray a = pass.out[i], b = i < pass.nhwc.length ? pass.nhwc[i] : null;
        if (a == null && b == null) {
            return Collections.emptyList();
        }
        List<DataBuffer> l = new ArrayList<>(2);
        if (a != null && !a.isEmpty()) {
            l.add(Buffers.root(a.data()));
        }
        if (b != null && !b.isEmpty()) {
            DataBuffer r = Buffers.root(b.data());
            if (l.isEmpty() || l.get(0) != r) {
                l.add(r);
            }
        }
        return l;
    }
}
