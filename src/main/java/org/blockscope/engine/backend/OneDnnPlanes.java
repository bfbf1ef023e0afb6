package org.blockscope.engine.backend;

import static org.blockscope.engine.backend.OneDnn.*;
import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_v2_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_reduction_desc_t;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-plane ops of squeeze-and-excitation and global pooling, and sums, on oneDNN directly (FLOAT, dense arrays):
 * an NCHW map is taken as {1, N·C, H·W}, so that a per-image, per-channel value [N, C] is oneDNN's
 * "per channel" broadcast {1, N·C, 1} and its jit kernels run (the 4-D shapes {N, C, 1, 1} fall back
 * to reference kernels, 5-25 ms a call). Measured on [64, 16, 32, 32]: scaling 0.11 ms against
 * 0.27-0.64 ms for the Java loop, the mean over H·W 0.09 ms against 0.58-0.85 ms. (A product followed
 * by a sum, for SE's gradient with respect to the scale, was slower than the Java loop's one pass.)
 * Channels-last maps
 * [N, H, W, C] are {N, H·W, C} with {N, 1, C}: scaling is jit there too (0.4-0.6 against 1 ms); their
 * mean is an average pooling. Callers check {@link #handles} and keep their paths otherwise.
 */
public final class OneDnnPlanes {
    private OneDnnPlanes() {}

    public static boolean handles(INDArray... xs) {
        if (!OneDnn.available()) {
            return false;
        }
        for (INDArray x : xs) {
            if (x.dataType() != DataType.FLOAT || !OneDnn.isDense(x)) {
                return false;
            }
        }
        return true;
    }

    private record Key(String kind, long a, long b, long c) {}

    /**
     * A primitive (oneDNN allocates its scratchpad) with one memory per argument, in argument order (also
     * {@link OneDnnConcat}'s).
     */
    static final class Op {
        final dnnl_memory[] mems;
        final OneDnn.Call call;

        Op(dnnl_primitive_desc pd, int[] ids, dnnl_memory_desc_t... mds) {
            this(primitive(pd, "planes"), ids, mds);
            dnnl_primitive_desc_destroy(pd);
        }

        Op(org.bytedeco.dnnl.dnnl_primitive prim, int[] ids, dnnl_memory_desc_t... mds) {
            mems = new dnnl_memory[mds.length];
            for (int i = 0; i < mds.length; i++) {
                mems[i] = memory(mds[i]);
            }
            call = new OneDnn.Call(prim, ids, mems);
        }

        synchronized void run(INDArray... arrays) {
            for (int i = 0; i < arrays.length; i++) {
                handle(mems[i], address(arrays[i]));
            }
            call.run();
        }
    }

    /** Process-wide (see OneDnnConv's plans); {@link Op#run} holds the op's lock while its handles are set. */
    private static final Map<Key, Op> OPS = new ConcurrentHashMap<>();

    private static Op binary(String kind, int alg, long a, long b, long c, boolean perFirst) {
        return OPS.computeIfAbsent(new Key(kind, a, b, c), k -> {
            dnnl_memory_desc_t full = md(dnnl_abc, a, b, c);
            dnnl_memory_desc_t part = perFirst ? md(dnnl_abc, a, b, 1) : md(dnnl_abc, a, 1, c);
            dnnl_binary_desc_t d = new dnnl_binary_desc_t();
            check(dnnl_binary_desc_init(d, alg, full, part, full), "binary_desc_init " + kind);
            return new Op(
                    primitiveDesc(d, null, null, kind),
                    new int[] {DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST},
                    full,
                    part,
                    full);
        });
    }

    private static Op reduce(String kind, int alg, long planes, long size) {
        return OPS.computeIfAbsent(new Key(kind, 1, planes, size), k -> {
            dnnl_memory_desc_t full = md(dnnl_abc, 1, planes, size), out = md(dnnl_abc, 1, planes, 1);
            dnnl_reduction_desc_t d = new dnnl_reduction_desc_t();
            check(dnnl_reduction_desc_init(d, alg, full, out, 0f, 0f), "reduction_desc_init " + kind);
            return new Op(primitiveDesc(d, null, null, kind), new int[] {DNNL_ARG_SRC, DNNL_ARG_DST}, full, out);
        });
    }

    /** x [N, C, H, W] times s [N, C] per plane: a new [N, C, H, W]. */
    public static INDArray scale(INDArray x, INDArray s) {
        INDArray y = NativeOps.empty(DataType.FLOAT, x.shape());
        binary("mul", dnnl_binary_mul, 1, x.size(0) * x.size(1), x.size(2) * x.size(3), true)
                .run(x, s, y);
        return y;
    }

    /** Channels-last xh [N, H, W, C] times s [N, C]: a new [N, H, W, C]. */
    public static INDArray scaleChannelsLast(INDArray xh, INDArray s) {
        INDArray y = NativeOps.empty(DataType.FLOAT, xh.shape());
        binary("mul_nhwc", dnnl_binary_mul, xh.size(0), xh.size(1) * xh.size(2), xh.size(3), false)
                .run(xh, s, y);
        return y;
    }

    /**
     * y = xh·s + other, then max(·, 0) when relu: channels-last xh and other [N, H, W, C], s [N, C]. One
     * binary product with the sum (and the ReLU) as post-ops: 0.31 ms against 0.37 ms for the product and
     * then the add on [64, 32, 32, 16], without the product's array.
     */
    public static void scaleAddChannelsLast(INDArray xh, INDArray s, INDArray other, boolean relu, INDArray y) {
        long n = xh.size(0), hw = xh.size(1) * xh.size(2), c = xh.size(3);
        OPS.computeIfAbsent(new Key((relu ? "scale_add_relu_" : "scale_add_") + n, 1, hw, c), k -> {
                    dnnl_memory_desc_t full = md(dnnl_abc, n, hw, c), part = md(dnnl_abc, n, 1, c);
                    dnnl_binary_desc_t d = new dnnl_binary_desc_t();
                    check(dnnl_binary_desc_init(d, dnnl_binary_mul, full, part, full), "binary_desc_init scale");
                    PointerPointer<dnnl_primitive_attr> ap = new PointerPointer<>(1);
                    check(dnnl_primitive_attr_create(ap), "attr_create");
                    dnnl_primitive_attr attr = ap.get(dnnl_primitive_attr.class, 0);
                    PointerPointer<dnnl_post_ops> po = new PointerPointer<>(1);
                    check(dnnl_post_ops_create(po), "post_ops_create");
                    dnnl_post_ops ops = po.get(dnnl_post_ops.class, 0);
                    check(dnnl_post_ops_append_binary(ops, dnnl_binary_add, full), "post_ops_append_binary");
                    if (relu) {
                        check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "post_ops_eltwise");
                    }
                    check(dnnl_primitive_attr_set_post_ops(attr, ops), "attr_set_post_ops");
                    dnnl_post_ops_destroy(ops);
                    dnnl_primitive_desc pd = primitiveDesc(d, attr, null, "binary scale-add");
                    dnnl_primitive_attr_destroy(attr);
                    return new Op(
                            pd,
                            new int[] {DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, POST_OP_0_SRC_1, DNNL_ARG_DST},
                            full,
                            part,
                            full,
                            full);
                })
                .run(xh, s, other, y);
    }

    /** The argument id of the first post-op's second input (oneDNN's DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | SRC_1). */
    private static final int POST_OP_0_SRC_1 = DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1;

    /** y = g + v[n, c] on every plane of g [N, C, H, W] (v [N, C]); y may be g itself. */
    public static void addPerPlane(INDArray g, INDArray v, INDArray y) {
        binary("add", dnnl_binary_add, 1, g.size(0) * g.size(1), g.size(2) * g.size(3), true)
                .run(g, v, y);
    }

    /**
     * Mean over H and W of channels-last xh [N, H, W, C]: [N, C]. An average pooling with an H×W window
     * (oneDNN's NHWC reduction is a reference kernel; its pooling is jit): 0.1 ms against 0.5 ms for
     * the Java loop on [64, 32, 32, 16].
     */
    public static INDArray meanChannelsLast(INDArray xh) {
        long n = xh.size(0), h = xh.size(1), w = xh.size(2), c = xh.size(3);
        Op op = OPS.computeIfAbsent(new Key("mean_nhwc_" + n, h, w, c), k -> {
            dnnl_memory_desc_t src = md(dnnl_nhwc, n, c, h, w), dst = md(dnnl_nhwc, n, c, 1, 1);
            dnnl_pooling_v2_desc_t d = new dnnl_pooling_v2_desc_t();
            check(
                    dnnl_pooling_v2_forward_desc_init(
                            d,
                            dnnl_forward_inference,
                            dnnl_pooling_avg_exclude_padding,
                            src,
                            dst,
                            new long[] {1, 1},
                            new long[] {h, w},
                            new long[] {0, 0},
                            new long[] {0, 0},
                            new long[] {0, 0}),
                    "pooling_desc_init");
            return new Op(primitiveDesc(d, null, null, "pooling"), new int[] {DNNL_ARG_SRC, DNNL_ARG_DST}, src, dst);
        });
        INDArray y = NativeOps.empty(DataType.FLOAT, n, c);
        op.run(xh, y);
        return y;
    }

    /**
     * y = a + b, then max(·, 0) when relu, element by element over the flat arrays (same shape and layout);
     * y may be a (in place). A residual block's add-ReLU in one pass: 0.15 ms against 0.36 ms for the
     * Java loop on 1M floats.
     */
    public static void add(INDArray a, INDArray b, INDArray y, boolean relu) {
        long n = a.length();
        OPS.computeIfAbsent(new Key(relu ? "add_relu" : "add_flat", 1, 1, n), k -> {
                    dnnl_memory_desc_t flat = md(dnnl_x, n);
                    dnnl_binary_desc_t d = new dnnl_binary_desc_t();
                    check(dnnl_binary_desc_init(d, dnnl_binary_add, flat, flat, flat), "binary_desc_init add");
                    return new Op(
                            primitiveDesc(d, relu ? OneDnn.attr(false, true) : null, null, "binary add"),
                            new int[] {DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, DNNL_ARG_DST},
                            flat,
                            flat,
                            flat);
                })
                .run(a, b, y);
    }

    /**
     * Copies x into y in the other layout: NCHW x [N, C, H, W] into channels-last y [N, H, W, C], or with
     * fromChannelsLast the reverse (oneDNN's jit reorder).
     */
    public static void reorder(INDArray x, boolean fromChannelsLast, INDArray y) {
        long n = x.size(0), c = fromChannelsLast ? x.size(3) : x.size(1);
        long h = fromChannelsLast ? x.size(1) : x.size(2), w = fromChannelsLast ? x.size(2) : x.size(3);
        Op op = OPS.computeIfAbsent(new Key((fromChannelsLast ? "to_nchw_" : "to_nhwc_") + n, c, h, w), k -> {
            dnnl_memory_desc_t nchw = md(dnnl_nchw, n, c, h, w), nhwc = md(dnnl_nhwc, n, c, h, w);
            dnnl_memory_desc_t from = fromChannelsLast ? nhwc : nchw, to = fromChannelsLast ? nchw : nhwc;
            return new Op(OneDnn.reorder(from, to), new int[] {DNNL_ARG_FROM, DNNL_ARG_TO}, from, to);
        });
        op.run(x, y);
    }

    /**
     * y = g + v[n, c] at every pixel of channels-last g [N, H, W, C] (v [N, C]); y may be g itself (global
     * pooling's gradient added onto an existing one).
     */
    public static void addPerPlaneChannelsLast(INDArray g, INDArray v, INDArray y) {
        binary("add_nhwc", dnnl_binary_add, g.size(0), g.size(1) * g.size(2), g.size(3), false)
                .run(g, v, y);
    }

    /**
     * Mean of every plane of x [N, C, H, W]: [N, C]. A 1×1 map is copied: oneDNN refuses a reduction whose
     * source and destination have the same dimensions ("reduction_desc_init failed with status 2", invalid
     * arguments), which made networks whose last map is 1×1 fail.
     */
    public static INDArray mean(INDArray x) {
        INDArray y = NativeOps.empty(DataType.FLOAT, x.size(0), x.size(1));
        if (x.size(2) * x.size(3) == 1) {
            y.assign(x.reshape(x.size(0), x.size(1)));
            return y;
        }
        reduce("mean", dnnl_reduction_mean, x.size(0) * x.size(1), x.size(2) * x.size(3))
                .run(x, y);
        return y;
    }
}
