package org.blockscope.engine.backend;

import static org.blockscope.engine.backend.OneDnn.*;
import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training batch normalisation on oneDNN (FLOAT, dense 4-D maps, NHWC or NCHW): batch statistics
 * (biased variance), γ and β, and optionally the ReLU after it fused in ({@code fuse_norm_relu}: the
 * forward keeps a bit mask of the positive outputs, the backward masks dy with it, so neither the ReLU's
 * output nor a separate ReLU backward pass is needed). The caller updates the running statistics from
 * the batch's mean and variance.
 */
public final class OneDnnBatchNorm {
    private OneDnnBatchNorm() {}

    /** What the forward keeps for the backward: the input, batch mean and variance [C], the ReLU mask. */
    public record Saved(INDArray x, INDArray mean, INDArray variance, INDArray workspace, boolean relu, double eps) {}

    public record Out(INDArray y, Saved saved) {}

    public record Grads(INDArray dx, INDArray dgamma, INDArray dbeta) {}

    /** Whether x (FLOAT, dense, rank 4) runs here. */
    public static boolean handles(INDArray x) {
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && OneDnn.available() && OneDnn.isDense(x);
    }

    private record Key(boolean channelsLast, long n, long c, long h, long w, float eps, boolean relu) {}

    /** Forward and backward primitives of one shape; memories get the arrays' addresses per call. */
    private static final class Ops {
        final long[] dims;
        final long workspaceBytes;
        final dnnl_memory src, dst, mean, var, scale, shift, ws;
        final OneDnn.Call fwd;
        final dnnl_memory bSrc, bMean, bVar, bDiffDst, bScale, bShift, bDiffSrc, bDiffScale, bDiffShift, bWs;
        final OneDnn.Call bwd;

        Ops(Key k) {
            dims = k.channelsLast() ? new long[] {k.n(), k.h(), k.w(), k.c()} : new long[] {k.n(), k.c(), k.h(), k.w()};
            dnnl_memory_desc_t data = md(k.channelsLast() ? dnnl_nhwc : dnnl_nchw, k.n(), k.c(), k.h(), k.w());
            dnnl_memory_desc_t stat = md(dnnl_x, k.c());
            int flags = dnnl_use_scale | dnnl_use_shift | (k.relu() ? dnnl_fuse_norm_relu : 0);
            dnnl_batch_normalization_desc_t fd = new dnnl_batch_normalization_desc_t();
            check(
                    dnnl_batch_normalization_forward_desc_init(fd, dnnl_forward_training, data, k.eps(), flags),
                    "batch_normalization_forward_desc_init");
            dnnl_primitive_desc fpd = primitiveDesc(fd, null, null, "batch normalization forward");
            dnnl_memory_desc_t wsMd = k.relu() ? query(fpd, dnnl_query_workspace_md) : null;
            workspaceBytes = wsMd == null ? 0 : OneDnn.bytes(wsMd);
            src = memory(data);
            dst = memory(data);
            mean = memory(stat);
            var = memory(stat);
            scale = memory(stat);
            shift = memory(stat);
            ws = wsMd == null ? null : memory(wsMd);
            int[] ids = {
                DNNL_ARG_SRC,
                DNNL_ARG_DST,
                DNNL_ARG_MEAN,
                DNNL_ARG_VARIANCE,
                DNNL_ARG_SCALE,
                DNNL_ARG_SHIFT,
                DNNL_ARG_WORKSPACE
            };
            fwd = call(primitive(fpd, "batch normalization forward"), ids, src, dst, mean, var, scale, shift, ws);

            dnnl_batch_normalization_desc_t bd = new dnnl_batch_normalization_desc_t();
            check(
                    dnnl_batch_normalization_backward_desc_init(bd, dnnl_backward, data, data, k.eps(), flags),
                    "batch_normalization_backward_desc_init");
            dnnl_primitive_desc bpd = primitiveDesc(bd, null, fpd, "batch normalization backward");
            bSrc = memory(data);
            bMean = memory(stat);
            bVar = memory(stat);
            bDiffDst = memory(data);
            bScale = memory(stat);
            bShift = memory(stat);
            bDiffSrc = memory(data);
            bDiffScale = memory(stat);
            bDiffShift = memory(stat);
            bWs = wsMd == null ? null : memory(wsMd);
            int[] bids = {
                DNNL_ARG_SRC,
                DNNL_ARG_MEAN,
                DNNL_ARG_VARIANCE,
                DNNL_ARG_DIFF_DST,
                DNNL_ARG_SCALE,
                DNNL_ARG_SHIFT,
                DNNL_ARG_DIFF_SRC,
                DNNL_ARG_DIFF_SCALE,
                DNNL_ARG_DIFF_SHIFT,
                DNNL_ARG_WORKSPACE
            };
            bwd = call(
                    primitive(bpd, "batch normalization backward"),
                    bids,
                    bSrc,
                    bMean,
                    bVar,
                    bDiffDst,
                    bScale,
                    bShift,
                    bDiffSrc,
                    bDiffScale,
                    bDiffShift,
                    bWs);
            dnnl_primitive_desc_destroy(bpd);
            dnnl_primitive_desc_destroy(fpd);
        }

        /** A call with these arguments; a null last memory (no workspace) is left out with its id. */
        private static OneDnn.Call call(org.bytedeco.dnnl.dnnl_primitive p, int[] ids, dnnl_memory... mems) {
            int n = mems[mems.length - 1] == null ? mems.length - 1 : mems.length;
            return new OneDnn.Call(p, java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(mems, n));
        }
    }

    private static final Map<Key, Ops> OPS = new ConcurrentHashMap<>();

    private static Ops ops(INDArray x, boolean channelsLast, double eps, boolean relu) {
        long n = x.size(0), c = channelsLast ? x.size(3) : x.size(1);
        long h = channelsLast ? x.size(1) : x.size(2), w = channelsLast ? x.size(2) : x.size(3);
        return OPS.computeIfAbsent(new Key(channelsLast, n, c, h, w, (float) eps, relu), Ops::new);
    }

    /**
     * Training forward of x ([N, H, W, C] when channelsLast, else [N, C, H, W]) with γ, β [C] (FLOAT): y in x's
     * layout, max(y, 0) when relu, and what the backward needs.
     */
    public static Out forwardTraining(
            INDArray x, boolean channelsLast, INDArray gamma, INDArray beta, double eps, boolean relu) {
        Ops o = ops(x, channelsLast, eps, relu);
        long c = channelsLast ? x.size(3) : x.size(1);
        INDArray y = NativeOps.empty(DataType.FLOAT, x.shape());
        INDArray mean = NativeOps.empty(DataType.FLOAT, c), var = NativeOps.empty(DataType.FLOAT, c);
        INDArray ws = relu ? NativeOps.empty(DataType.BYTE, o.workspaceBytes) : null;
        INDArray g = OneDnn.dense(gamma), b = OneDnn.dense(beta);
        synchronized (o) {
            handle(o.src, address(x));
            handle(o.dst, address(y));
            handle(o.mean, address(mean));
            handle(o.var, address(var));
            handle(o.scale, address(g));
            handle(o.shift, address(b));
            if (relu) {
                handle(o.ws, address(ws));
            }
            o.fwd.run();
        }
        return new Out(y, new Saved(x, mean, var, ws, relu, eps));
    }

    /**
     * dx in x's layout (the fused ReLU's mask applied to dy first), dγ and dβ [C]. β is not used, but oneDNN
     * counts it among the backward's inputs when the forward had one.
     */
    public static Grads backward(Saved s, boolean channelsLast, INDArray gamma, INDArray beta, INDArray dy) {
        Ops o = ops(s.x(), channelsLast, s.eps(), s.relu());
        INDArray d = OneDnn.dense(dy);
        INDArray dx = NativeOps.empty(DataType.FLOAT, s.x().shape());
        long c = s.mean().length();
        INDArray dg = NativeOps.empty(DataType.FLOAT, c), db = NativeOps.empty(DataType.FLOAT, c);
        INDArray g = OneDnn.dense(gamma), b = OneDnn.dense(beta);
        synchronized (o) {
            handle(o.bSrc, address(s.x()));
            handle(o.bShift, address(b));
            handle(o.bMean, address(s.mean()));
            handle(o.bVar, address(s.variance()));
            handle(o.bDiffDst, address(d));
            handle(o.bScale, address(g));
            handle(o.bDiffSrc, address(dx));
            handle(o.bDiffScale, address(dg));
            handle(o.bDiffShift, address(db));
            if (s.relu()) {
                handle(o.bWs, address(s.workspace()));
            }
            o.bwd.run();
        }
        return new Grads(dx, dg, db);
    }

    /**
     * Whether the inference primitive runs x fast: channels-last FLOAT with C a multiple of 4. oneDNN then
     * picks its jit kernel (avx2 for multiples of 8, sse41 for the others here); other channel counts get its
     * reference kernel. Measured against the Java loop on DenseNet-BC's maps (batch 64, ReLU fused): C = 36 at
     * 32x32 1.7 ms against 2.1, C = 60 1.6 against 3.3, C = 96 2.0 against 5.7, C = 156 at 8x8 0.51 against 0.48.
     */
    public static boolean handlesInference(INDArray xh) {
        return handles(xh) && xh.size(3) % 4 == 0;
    }

    private record InferenceKey(long n, long h, long w, long c, float eps, boolean relu) {}

    /** The inference primitive of one shape (running statistics, no workspace). */
    private static final class Inference {
        final dnnl_memory src, dst, mean, var, scale, shift;
        final OneDnn.Call fwd;

        Inference(InferenceKey k) {
            dnnl_memory_desc_t data = md(dnnl_nhwc, k.n(), k.c(), k.h(), k.w());
            dnnl_memory_desc_t stat = md(dnnl_x, k.c());
            int flags = dnnl_use_global_stats | dnnl_use_scale | dnnl_use_shift | (k.relu() ? dnnl_fuse_norm_relu : 0);
            dnnl_batch_normalization_desc_t fd = new dnnl_batch_normalization_desc_t();
            check(
                    dnnl_batch_normalization_forward_desc_init(fd, dnnl_forward_inference, data, k.eps(), flags),
                    "batch_normalization_forward_desc_init (inference)");
            dnnl_primitive_desc pd = primitiveDesc(fd, null, null, "batch normalization inference");
            src = memory(data);
            dst = memory(data);
            mean = memory(stat);
            var = memory(stat);
            scale = memory(stat);
            shift = memory(stat);
            fwd = new OneDnn.Call(
                    primitive(pd, "batch normalization inference"),
                    new int[] {
                        DNNL_ARG_SRC, DNNL_ARG_DST, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE, DNNL_ARG_SCALE, DNNL_ARG_SHIFT
                    },
                    src,
                    dst,
                    mean,
                    var,
                    scale,
                    shift);
            dnnl_primitive_desc_destroy(pd);
        }
    }

    private static final Map<InferenceKey, Inference> INFERENCE = new ConcurrentHashMap<>();

    /**
     * Inference batch norm of channels-last xh [N, H, W, C] with the running statistics (FLOAT [C] each):
     * γ·(x − mean)/√(var + eps) + β, then max(·, 0) when relu.
     */
    public static INDArray forwardInference(
            INDArray xh, INDArray gamma, INDArray beta, INDArray mean, INDArray var, double eps, boolean relu) {
        Inference o = INFERENCE.computeIfAbsent(
                new InferenceKey(xh.size(0), xh.size(1), xh.size(2), xh.size(3), (float) eps, relu), Inference::new);
        INDArray y = NativeOps.empty(DataType.FLOAT, xh.shape());
        INDArray g = OneDnn.dense(gamma), b = OneDnn.dense(beta), m = OneDnn.dense(mean), v = OneDnn.dense(var);
        synchronized (o) {
            handle(o.src, address(xh));
            handle(o.dst, address(y));
            handle(o.mean, address(m));
            handle(o.var, address(v));
            handle(o.scale, address(g));
            handle(o.shift, address(b));
            o.fwd.run();
        }
        return y;
    }
}
