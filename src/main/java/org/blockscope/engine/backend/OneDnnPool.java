package org.blockscope.engine.backend;

import static org.blockscope.engine.backend.OneDnn.*;
import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_v2_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max and average pooling of channels-last FLOAT maps [N, H, W, C] on oneDNN's jit kernels, forward and
 * backward. Square windows, symmetric padding plus extra bottom/right padding (ceil mode). Max pooling
 * never picks padding (PyTorch's -inf padding); average pooling divides by k·k including padding
 * (PyTorch's count_include_pad), which equals PyTorch only when no window runs past the right padding:
 * callers keep their own path for ceil-mode average pooling with extra padding.
 */
public final class OneDnnPool {
    private OneDnnPool() {}

    /** The window: kernel, stride, padding per side, extra rows and columns at the bottom/right. */
    public record Window(int kernel, int stride, int pad, int extraH, int extraW, boolean max) {}

    private record Key(Window win, long n, long c, long h, long w, boolean training) {}

    private static final class Ops {
        final long[] outShape;
        final long workspaceBytes;
        final dnnl_memory src, dst, ws, bDiffDst, bDiffSrc, bWs;
        final OneDnn.Call fwd, bwd;

        Ops(Key k) {
            Window v = k.win();
            long ho = (k.h() + 2L * v.pad() + v.extraH() - v.kernel()) / v.stride() + 1;
            long wo = (k.w() + 2L * v.pad() + v.extraW() - v.kernel()) / v.stride() + 1;
            outShape = new long[] {k.n(), ho, wo, k.c()};
            dnnl_memory_desc_t in = md(dnnl_nhwc, k.n(), k.c(), k.h(), k.w());
            dnnl_memory_desc_t out = md(dnnl_nhwc, k.n(), k.c(), ho, wo);
            long[] strides = {v.stride(), v.stride()}, kernel = {v.kernel(), v.kernel()};
            long[] dil = {0, 0}, padL = {v.pad(), v.pad()}, padR = {v.pad() + v.extraH(), v.pad() + v.extraW()};
            int alg = v.max() ? dnnl_pooling_max : dnnl_pooling_avg_include_padding;
            dnnl_pooling_v2_desc_t fd = new dnnl_pooling_v2_desc_t();
            check(
                    dnnl_pooling_v2_forward_desc_init(
                            fd,
                            k.training() ? dnnl_forward_training : dnnl_forward_inference,
                            alg,
                            in,
                            out,
                            strides,
                            kernel,
                            dil,
                            padL,
                            padR),
                    "pooling_forward_desc_init");
            dnnl_primitive_desc fpd = primitiveDesc(fd, null, null, "pooling forward");
            boolean hasWs = k.training() && v.max();
            dnnl_memory_desc_t wsMd = hasWs ? query(fpd, dnnl_query_workspace_md) : null;
            workspaceBytes = hasWs ? OneDnn.bytes(wsMd) : 0;
            src = memory(in);
            dst = memory(out);
            ws = hasWs ? memory(wsMd) : null;
            fwd = hasWs
                    ? new OneDnn.Call(
                            primitive(fpd, "pooling forward"),
                            new int[] {DNNL_ARG_SRC, DNNL_ARG_DST, DNNL_ARG_WORKSPACE},
                            src,
                            dst,
                            ws)
                    : new OneDnn.Call(
                            primitive(fpd, "pooling forward"), new int[] {DNNL_ARG_SRC, DNNL_ARG_DST}, src, dst);
            if (!k.training()) {
                bDiffDst = bDiffSrc = bWs = null;
                bwd = null;
                dnnl_primitive_desc_destroy(fpd);
                return;
            }
            dnnl_pooling_v2_desc_t bd = new dnnl_pooling_v2_desc_t();
            check(
                    dnnl_pooling_v2_backward_desc_init(bd, alg, in, out, strides, kernel, dil, padL, padR),
                    "pooling_backward_desc_init");
            dnnl_primitive_desc bpd = primitiveDesc(bd, null, fpd, "pooling backward");
            bDiffDst = memory(out);
            bDiffSrc = memory(in);
            bWs = hasWs ? memory(wsMd) : null;
            bwd = hasWs
                    ? new OneDnn.Call(
                            primitive(bpd, "pooling backward"),
                            new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC, DNNL_ARG_WORKSPACE},
                            bDiffDst,
                            bDiffSrc,
                            bWs)
                    : new OneDnn.Call(
                            primitive(bpd, "pooling backward"),
                            new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC},
                            bDiffDst,
                            bDiffSrc);
            dnnl_primitive_desc_destroy(bpd);
            dnnl_primitive_desc_destroy(fpd);
        }
    }

    private static final Map<Key, Ops> OPS = new ConcurrentHashMap<>();

    /** The pooled map and, for max pooling in training, the workspace its backward needs. */
    public record Out(INDArray y, INDArray workspace) {}

    public static boolean handles(INDArray xh) {
        return xh.rank() == 4 && xh.dataType() == DataType.FLOAT && OneDnn.available();
    }

    public static Out forward(Window win, INDArray xh, boolean training) {
        xh = OneDnn.dense(xh);
        Ops o = OPS.computeIfAbsent(new Key(win, xh.size(0), xh.size(3), xh.size(1), xh.size(2), training), Ops::new);
        INDArray y = NativeOps.empty(DataType.FLOAT, o.outShape);
        INDArray ws = o.ws == null ? null : NativeOps.empty(DataType.BYTE, o.workspaceBytes);
        synchronized (o) {
            handle(o.src, address(xh));
            handle(o.dst, address(y));
            if (ws != null) {
                handle(o.ws, address(ws));
            }
            o.fwd.run();
        }
        return new Out(y, ws);
    }

    /** dxh [N, H, W, C] from dyh [N, Ho, Wo, C] (xShape: the input's channels-last shape). */
    public static INDArray backward(Window win, long[] xShape, INDArray dyh, INDArray workspace) {
        dyh = OneDnn.dense(dyh);
        Ops o = OPS.computeIfAbsent(new Key(win, xShape[0], xShape[3], xShape[1], xShape[2], true), Ops::new);
        INDArray dx = NativeOps.empty(DataType.FLOAT, xShape);
        synchronized (o) {
            handle(o.bDiffDst, address(dyh));
            handle(o.bDiffSrc, address(dx));
            if (o.bWs != null) {
                handle(o.bWs, address(workspace));
            }
            o.bwd.run();
        }
        return dx;
    }
}
