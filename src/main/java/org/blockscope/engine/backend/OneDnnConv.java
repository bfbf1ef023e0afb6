package org.blockscope.engine.backend;

import static org.blockscope.engine.backend.OneDnn.*;
import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolution forward and backward (NCHW, FLOAT) on oneDNN's direct kernels, with the contract of the
 * engine's {@code Conv2dKernel} (weights OIHW, groups, symmetric padding, dilation). Activations stay NCHW
 * between layers, as in the rest of the engine; each call reorders them to the layout the kernel
 * chose and back, into per-thread buffers (see {@link OneDnn}).
 */
public final class OneDnnConv {
    private OneDnnConv() {}

    /** Whether this convolution runs here: oneDNN is available and the arrays are FLOAT. */
    public static boolean handles(INDArray x) {
        return x.dataType() == DataType.FLOAT && x.rank() == 4 && OneDnn.available();
    }

    /**
     * One convolution shape and layout (channelsLast: NHWC activations, else NCHW ones reordered to the
     * kernel's layout); inference plans may add into the destination's values (sum) and fuse a ReLU (relu),
     * training plans have backward parts.
     */
    private record Key(
            ConvSpec spec,
            long n,
            long cin,
            long h,
            long w,
            long cout,
            boolean channelsLast,
            boolean inference,
            boolean relu,
            boolean sum) {}

    /**
     * One plan per convolution shape for the whole process (a trainer runs on a new thread each time: plans
     * per thread would leave their native primitives behind). A plan's memories get the arrays' addresses
     * per call, so each call holds the plan's lock; the blocked copies live in the calling thread's slots.
     */
    private static final Map<Key, Plan> PLANS = new ConcurrentHashMap<>();

    private static Plan plan(ConvSpec s, INDArray x, INDArray w) {
        Key k = new Key(s, x.size(0), x.size(1), x.size(2), x.size(3), w.size(0), false, false, false, false);
        return PLANS.computeIfAbsent(k, Plan::new);
    }

    /**
     * Inference convolution of channels-last x [N, H, W, Cin] (w OIHW): y [N, Ho, Wo, Cout], max(y, 0)
     * when relu. oneDNN reads and writes NHWC as is (no reorders) and applies the ReLU as a post-op.
     */
    public static INDArray forwardChannelsLast(ConvSpec s, INDArray xh, INDArray w, INDArray b, boolean relu) {
        xh = OneDnn.dense(xh);
        w = OneDnn.dense(w);
        if (b != null) {
            b = OneDnn.dense(b);
        }
        Plan p = inferencePlanChannelsLast(s, xh, w.size(0), relu, false);
        INDArray y = p.emptyChannelsLastOutput();
        synchronized (p) {
            p.forward(xh, w, b, y);
        }
        return y;
    }

    private static Plan inferencePlanChannelsLast(ConvSpec s, INDArray xh, long cout, boolean relu, boolean sum) {
        Key k = new Key(s, xh.size(0), xh.size(3), xh.size(1), xh.size(2), cout, true, true, relu, sum);
        return PLANS.computeIfAbsent(k, Plan::new);
    }

    /**
     * Whether the channels-last convolution s of xh (cout output channels) can add its result into a: a
     * dense FLOAT array of exactly its output's shape [N, Ho, Wo, Cout] (the caller makes sure it is not
     * xh's memory).
     */
    public static boolean canSumInto(ConvSpec s, INDArray xh, long cout, INDArray a) {
        if (a == null || !handles(a) || !OneDnn.isDense(a)) { // handles: FLOAT, rank 4, oneDNN loaded
            return false;
        }
        long[] y = s.outShape(new long[] {xh.size(0), xh.size(3), xh.size(1), xh.size(2)}, cout);
        return java.util.Arrays.equals(a.shape(), new long[] {y[0], y[2], y[3], y[1]});
    }

    /**
     * {@link #forwardChannelsLast(ConvSpec, INDArray, INDArray, INDArray, boolean)} with weights kept in pw
     * between calls (cout: the number of output channels). When the sources (the arrays the weights are made
     * from: the convolution's weight and bias, a folded batch norm's parameters and statistics) equal, byte
     * for byte, those pw was last made from, the call neither makes the weights (weightsAndBias: the weights
     * [Cout, Cin/groups, k, k] and the bias [Cout] or null, e.g. folded; given back to the {@link BufferPool}
     * after use when madeCopies) nor reorders them to the kernel's layout. With sumInto (a dense FLOAT
     * [N, Ho, Wo, Cout], see {@link #canSumInto}), the result is added to sumInto's values and written over
     * them (oneDNN's sum post-op, before the ReLU when relu), and sumInto is returned: a residual sum with
     * no pass of its own.
     */
    public static INDArray forwardChannelsLast(
            ConvSpec s,
            INDArray xh,
            long cout,
            PreparedWeights pw,
            INDArray[] sources,
            java.util.function.Supplier<INDArray[]> weightsAndBias,
            boolean madeCopies,
            boolean relu,
            INDArray sumInto) {
        xh = OneDnn.dense(xh);
        Plan p = inferencePlanChannelsLast(s, xh, cout, relu, sumInto != null);
        INDArray y = sumInto != null ? sumInto : p.emptyChannelsLastOutput();
        synchronized (pw) {
            synchronized (p) {
                if (!pw.current(p.weightsLayout, sources)) {
                    INDArray[] wb = weightsAndBias.get();
                    pw.remake(OneDnn.bytes(p.weightsLayout), sources, p.bias ? p.yShape[1] : 0);
                    p.prepare(OneDnn.dense(wb[0]), wb[1] == null ? null : OneDnn.dense(wb[1]), pw);
                    pw.madeFor(p.weightsLayout);
                    if (madeCopies) { // e.g. a batch norm folded into copies: used only to make pw's
                        for (INDArray a : wb) {
                            if (a != null) {
                                BufferPool.give(a.data());
                            }
                        }
                    }
                }
                p.forwardPrepared(xh, pw, y);
            }
        }
        return y;
    }

    private static Plan trainingPlanChannelsLast(ConvSpec s, INDArray xh, INDArray w) {
        Key k = new Key(s, xh.size(0), xh.size(3), xh.size(1), xh.size(2), w.size(0), true, false, false, false);
        return PLANS.computeIfAbsent(k, Plan::new);
    }

    /**
     * Training convolution of channels-last xh [N, H, W, Cin] (w OIHW): y [N, Ho, Wo, Cout]. oneDNN's kernels
     * read and write NHWC as they are (no reorder of activations), and {@link #backwardChannelsLast} takes
     * NHWC gradients.
     */
    public static INDArray forwardTrainingChannelsLast(ConvSpec s, INDArray xh, INDArray w, INDArray b) {
        xh = OneDnn.dense(xh);
        w = OneDnn.dense(w);
        if (b != null) {
            b = OneDnn.dense(b);
        }
        Plan p = trainingPlanChannelsLast(s, xh, w);
        INDArray y = p.emptyChannelsLastOutput();
        synchronized (p) {
            p.forward(xh, w, b, y);
        }
        return y;
    }

    /**
     * Writes dw, db (null without bias) and, unless dxh is null, dxh [N, H, W, Cin], from channels-last xh
     * and dyh; the caller allocates the outputs.
     */
    public static void backwardChannelsLast(
            ConvSpec s, INDArray xh, INDArray w, INDArray dyh, INDArray dxh, INDArray dw, INDArray db) {
        xh = OneDnn.dense(xh);
        w = OneDnn.dense(w);
        dyh = OneDnn.dense(dyh);
        Plan p = trainingPlanChannelsLast(s, xh, w);
        synchronized (p) {
            p.backward(xh, w, dyh, dxh, dw, db);
        }
    }

    public static INDArray forward(ConvSpec s, INDArray x, INDArray w, INDArray b) {
        x = OneDnn.dense(x);
        w = OneDnn.dense(w);
        if (b != null) {
            b = OneDnn.dense(b);
        }
        Plan p = plan(s, x, w);
        INDArray y = NativeOps.empty(DataType.FLOAT, p.yShape);
        synchronized (p) {
            p.forward(x, w, b, y);
        }
        return y;
    }

    /**
     * Writes dw and db (null without bias) and, unless dx is null, dx: the caller allocates them (dense
     * FLOAT arrays of the shapes of x, w and the bias).
     */
    public static void backward(
            ConvSpec s, INDArray x, INDArray w, INDArray dy, INDArray dx, INDArray dw, INDArray db) {
        x = OneDnn.dense(x);
        w = OneDnn.dense(w);
        dy = OneDnn.dense(dy);
        Plan p = plan(s, x, w);
        synchronized (p) {
            p.backward(x, w, dy, dx, dw, db);
        }
    }

    /**
     * One end of a primitive: the user's array (plain layout) and, when the primitive wants another
     * layout, a memory in a per-thread slot plus the reorder between the two.
     */
    private static final class Port {
        final dnnl_memory user;
        final dnnl_memory inner;
        final OneDnn.Call reorder;
        final long bytes;
        final int slot;

        Port(dnnl_memory_desc_t userMd, dnnl_memory_desc_t primMd, boolean input, int slot) {
            this.user = memory(userMd);
            this.slot = slot;
            if (same(userMd, primMd)) {
                inner = null;
                reorder = null;
                bytes = 0;
            } else {
                inner = memory(primMd);
                reorder = input
                        ? new OneDnn.Call(OneDnn.reorder(userMd, primMd), FROM_TO, user, inner)
                        : new OneDnn.Call(OneDnn.reorder(primMd, userMd), FROM_TO, inner, user);
                bytes = OneDnn.bytes(primMd);
            }
        }

        /** The memory the primitive reads or writes. */
        dnnl_memory mem() {
            return inner == null ? user : inner;
        }

        /** Binds an input array, reordering it into the slot when needed. */
        void in(INDArray a, Slots slots) {
            out(a, slots);
            if (reorder != null) {
                reorder.run();
            }
        }

        /** Binds an output array; call {@link #done()} after executing. */
        void out(INDArray a, Slots slots) {
            handle(user, address(a));
            if (inner != null) {
                handle(inner, slots.get(slot, bytes));
            }
        }

        void done() {
            if (reorder != null) {
                reorder.run();
            }
        }
    }

    private static final int[] FROM_TO = {DNNL_ARG_FROM, DNNL_ARG_TO};

    /** Scratchpad of one primitive, in slot {@link #SCRATCH}. */
    private static final class Scratch {
        final dnnl_memory mem;
        final long bytes;

        Scratch(dnnl_primitive_desc pd) {
            dnnl_memory_desc_t md = query(pd, dnnl_query_scratchpad_md);
            mem = memory(md);
            bytes = OneDnn.bytes(md);
        }

        void bind(Slots slots) {
            handle(mem, bytes == 0 ? null : slots.get(SCRATCH, bytes));
        }
    }

    private static final int SRC = 0, WEI = 1, DST = 2, SCRATCH = 3, BW_SRC = 4, BW_DIFF_DST = 5, DIFF_WEI = 6;

    /** Primitives and ports for one convolution shape, made on first use (backward parts lazily). */
    private static final class Plan {
        final long[] yShape;
        final dnnl_memory_desc_t xMd, wMd, bMd, yMd;
        final long[] strides, dilates, padL, padR;
        final boolean bias;
        final dnnl_primitive_desc fwdPd;
        final OneDnn.Call fwd;
        /** The weights' layout the forward kernel reads. */
        final dnnl_memory_desc_t weightsLayout;

        final Port fSrc, fWei, fDst;
        final Scratch fScratch;
        final dnnl_memory fBias;
        // backward data
        OneDnn.Call bwdData;
        Port dDiffDst, dWei, dDiffSrc;
        Scratch dScratch;
        // backward weights
        OneDnn.Call bwdWeights;
        Port wSrc, wDiffDst, wDiffWei;
        /** Backward data reads dy in the layout backward weights already reordered it to. */
        boolean diffDstShared;

        Scratch wScratch;
        dnnl_memory wDiffBias;
        dnnl_memory_desc_t wDiffDstMd;

        Plan(Key k) {
            ConvSpec s = k.spec();
            int g = s.groups();
            yShape = s.outShape(new long[] {k.n(), k.cin(), k.h(), k.w()}, k.cout());
            int act = k.channelsLast() ? dnnl_nhwc : dnnl_nchw;
            xMd = md(act, k.n(), k.cin(), k.h(), k.w());
            yMd = md(act, yShape);
            wMd = g == 1
                    ? md(dnnl_oihw, k.cout(), k.cin(), s.kernel(), s.kernel())
                    : md(dnnl_goihw, g, k.cout() / g, k.cin() / g, s.kernel(), s.kernel());
            bias = s.bias();
            bMd = bias ? md(dnnl_x, k.cout()) : null;
            strides = new long[] {s.stride(), s.stride()};
            dilates = new long[] {s.dilation() - 1, s.dilation() - 1};
            padL = new long[] {s.padH(), s.padW()};
            padR = padL;

            // training: the kernel picks its layout (blocked) and activations are reordered; channels-last
            // inference: NHWC as is, oneDNN's brgconv kernels work in it
            int any = k.channelsLast() ? dnnl_nhwc : dnnl_format_tag_any;
            dnnl_memory_desc_t xAny = md(any, k.n(), k.cin(), k.h(), k.w());
            dnnl_memory_desc_t yAny = md(any, yShape);
            dnnl_memory_desc_t wAny = g == 1
                    ? md(dnnl_format_tag_any, k.cout(), k.cin(), s.kernel(), s.kernel())
                    : md(dnnl_format_tag_any, g, k.cout() / g, k.cin() / g, s.kernel(), s.kernel());
            this.xAny = xAny;
            this.yAny = yAny;
            this.wAny = wAny;
            dnnl_convolution_desc_t cd = new dnnl_convolution_desc_t();
            check(
                    dnnl_dilated_convolution_forward_desc_init(
                            cd,
                            k.inference() ? dnnl_forward_inference : dnnl_forward_training,
                            dnnl_convolution_direct,
                            xAny,
                            wAny,
                            bMd,
                            yAny,
                            strides,
                            dilates,
                            padL,
                            padR),
                    "convolution_forward_desc_init " + s);
            fwdPd = primitiveDesc(cd, OneDnn.attr(true, k.sum(), k.relu()), null, "convolution forward " + s);
            fSrc = new Port(xMd, query(fwdPd, dnnl_query_src_md), true, SRC);
            weightsLayout = query(fwdPd, dnnl_query_weights_md);
            fWei = new Port(wMd, weightsLayout, true, WEI);
            fDst = new Port(yMd, query(fwdPd, dnnl_query_dst_md), false, DST);
            if (k.sum() && fDst.reorder != null) { // the sum reads the destination: it must be the caller's
                throw new IllegalStateException("convolution " + s + ": sum into a reordered destination");
            }
            fScratch = new Scratch(fwdPd);
            fBias = bias ? memory(bMd) : null;
            fwd = call(
                    primitive(fwdPd, "convolution forward"),
                    new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST, DNNL_ARG_SCRATCHPAD, DNNL_ARG_BIAS},
                    fSrc.mem(),
                    fWei.mem(),
                    fDst.mem(),
                    fScratch.mem,
                    fBias);
        }

        final dnnl_memory_desc_t xAny, yAny, wAny;
        /** Backward primitives: user scratchpad, no post-op. */
        final dnnl_primitive_attr attr = OneDnn.attr(true, false);

        /** A call with these arguments; a null memory (no bias) is left out with its id (the last ones). */
        private static OneDnn.Call call(dnnl_primitive p, int[] ids, dnnl_memory... mems) {
            int n = mems[mems.length - 1] == null ? mems.length - 1 : mems.length;
            return new OneDnn.Call(p, java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(mems, n));
        }

        void forward(INDArray x, INDArray w, INDArray b, INDArray y) {
            Slots sl = SLOTS.get();
            fWei.in(w, sl);
            run(x, bias ? address(b) : null, y, sl);
        }

        /** The forward primitive on x into y, its weights already bound, with bias b (when the plan has one). */
        private void run(INDArray x, Pointer b, INDArray y, Slots sl) {
            fSrc.in(x, sl);
            fDst.out(y, sl);
            fScratch.bind(sl);
            if (bias) {
                handle(fBias, b);
            }
            fwd.run();
            fDst.done();
        }

        /** A new output array [N, Ho, Wo, Cout] for a channels-last plan. */
        INDArray emptyChannelsLastOutput() {
            return NativeOps.empty(DataType.FLOAT, yShape[0], yShape[2], yShape[3], yShape[1]);
        }

        /** Makes pw's weights (and bias) from w (OIHW) and b: reordered to the kernel's layout when it differs. */
        void prepare(INDArray w, INDArray b, PreparedWeights pw) {
            if (fWei.reorder == null) {
                Pointer.memcpy(pw.weights(), address(w), OneDnn.bytes(wMd));
            } else {
                handle(fWei.user, address(w));
                handle(fWei.inner, pw.weights());
                fWei.reorder.run();
            }
            if (bias) {
                Pointer.memcpy(pw.bias(), address(b), 4 * yShape[1]);
            }
        }

        /** {@link #forward} with weights and bias from pw, as {@link #prepare} made them. */
        void forwardPrepared(INDArray x, PreparedWeights pw, INDArray y) {
            handle(fWei.mem(), pw.weights());
            run(x, pw.bias(), y, SLOTS.get());
        }

        private void makeBackwardData() {
            dnnl_convolution_desc_t cd = new dnnl_convolution_desc_t();
            check(
                    dnnl_dilated_convolution_backward_data_desc_init(
                            cd, dnnl_convolution_direct, xAny, wAny, yAny, strides, dilates, padL, padR),
                    "convolution_backward_data_desc_init");
            dnnl_primitive_desc pd = primitiveDesc(cd, attr, fwdPd, "convolution backward data");
            dnnl_memory_desc_t diffDst = query(pd, dnnl_query_diff_dst_md);
            dDiffDst = new Port(yMd, diffDst, true, DST);
            diffDstShared = wDiffDst.inner != null && same(diffDst, wDiffDstMd);
            dWei = new Port(wMd, query(pd, dnnl_query_weights_md), true, WEI);
            dDiffSrc = new Port(xMd, query(pd, dnnl_query_diff_src_md), false, SRC);
            dScratch = new Scratch(pd);
            bwdData = call(
                    primitive(pd, "convolution backward data"),
                    new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC, DNNL_ARG_SCRATCHPAD},
                    diffDstShared ? wDiffDst.mem() : dDiffDst.mem(),
                    dWei.mem(),
                    dDiffSrc.mem(),
                    dScratch.mem);
            dnnl_primitive_desc_destroy(pd);
        }

        private void makeBackwardWeights() {
            dnnl_convolution_desc_t cd = new dnnl_convolution_desc_t();
            check(
                    dnnl_dilated_convolution_backward_weights_desc_init(
                            cd, dnnl_convolution_direct, xAny, wAny, bMd, yAny, strides, dilates, padL, padR),
                    "convolution_backward_weights_desc_init");
            dnnl_primitive_desc pd = primitiveDesc(cd, attr, fwdPd, "convolution backward weights");
            wSrc = new Port(xMd, query(pd, dnnl_query_src_md), true, BW_SRC);
            wDiffDstMd = query(pd, dnnl_query_diff_dst_md);
            wDiffDst = new Port(yMd, wDiffDstMd, true, BW_DIFF_DST);
            wDiffWei = new Port(wMd, query(pd, dnnl_query_diff_weights_md), false, DIFF_WEI);
            wScratch = new Scratch(pd);
            wDiffBias = bias ? memory(bMd) : null;
            bwdWeights = call(
                    primitive(pd, "convolution backward weights"),
                    new int[] {
                        DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS, DNNL_ARG_SCRATCHPAD, DNNL_ARG_DIFF_BIAS
                    },
                    wSrc.mem(),
                    wDiffDst.mem(),
                    wDiffWei.mem(),
                    wScratch.mem,
                    wDiffBias);
            dnnl_primitive_desc_destroy(pd);
        }

        void backward(INDArray x, INDArray w, INDArray dy, INDArray dx, INDArray dw, INDArray db) {
            Slots sl = SLOTS.get();
            if (bwdWeights == null) {
                makeBackwardWeights();
            }
            wSrc.in(x, sl);
            wDiffDst.in(dy, sl);
            wDiffWei.out(dw, sl);
            wScratch.bind(sl);
            if (bias) {
                handle(wDiffBias, address(db));
            }
            bwdWeights.run();
            wDiffWei.done();
            if (dx == null) {
                return;
            }
            if (bwdData == null) {
                makeBackwardData();
            }
            if (!diffDstShared) {
                dDiffDst.in(dy, sl); // else dy is already in wDiffDst's layout and slot
            }
            dWei.in(w, sl);
            dDiffSrc.out(dx, sl);
            dScratch.bind(sl);
            bwdData.run();
            dDiffSrc.done();
        }
    }
}
