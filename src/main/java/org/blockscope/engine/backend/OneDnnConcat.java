package org.blockscope.engine.backend;

import static org.blockscope.engine.backend.OneDnn.*;
import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A concatenation of channels-last maps [N, H, W, Ci] along C, and its gradient's split, as oneDNN
 * primitives (FLOAT, dense arrays): the concat primitive, and per part a reorder from the part's
 * sub-memory of dy (strided: ΣCi floats a pixel) into a dense array. They replace Java loops that copied
 * every image through heap arrays (DenseNet-BC 40, which concatenates at every layer: 26 ms of a
 * training iteration's forward, 24 of its backward). Primitives are made once per shape.
 */
public final class OneDnnConcat {
    private OneDnnConcat() {}

    private record Key(String kind, long n, long h, long w, String channels) {}

    private static final Map<Key, OneDnnPlanes.Op> OPS = new ConcurrentHashMap<>();

    /** Whether oneDNN takes these arrays: FLOAT, dense, rank 4, with the same N, H and W. */
    public static boolean handles(INDArray... xhs) {
        if (!OneDnnPlanes.handles(xhs)) {
            return false;
        }
        for (INDArray x : xhs) {
            if (x.rank() != 4
                    || x.size(0) != xhs[0].size(0)
                    || x.size(1) != xhs[0].size(1)
                    || x.size(2) != xhs[0].size(2)) {
                return false;
            }
        }
        return true;
    }

    /** The channels-last inputs joined along C: [N, H, W, ΣCi]. */
    public static INDArray concat(INDArray... xhs) {
        long n = xhs[0].size(0), h = xhs[0].size(1), w = xhs[0].size(2);
        long[] cs = new long[xhs.length];
        long total = 0;
        for (int i = 0; i < xhs.length; i++) {
            cs[i] = xhs[i].size(3);
            total += cs[i];
        }
        long ctot = total;
        OneDnnPlanes.Op op = OPS.computeIfAbsent(new Key("concat", n, h, w, Arrays.toString(cs)), k -> {
            int parts = cs.length;
            dnnl_memory_desc_t srcs = new dnnl_memory_desc_t(parts);
            dnnl_memory_desc_t[] each = new dnnl_memory_desc_t[parts + 1];
            int[] ids = new int[parts + 1];
            for (int i = 0; i < parts; i++) {
                check(
                        dnnl_memory_desc_init_by_tag(
                                srcs.position(i), 4, new long[] {n, cs[i], h, w}, dnnl_f32, dnnl_nhwc),
                        "memory_desc_init concat");
                each[i] = md(dnnl_nhwc, n, cs[i], h, w);
                ids[i] = DNNL_ARG_MULTIPLE_SRC + i;
            }
            dnnl_memory_desc_t dst = md(dnnl_nhwc, n, ctot, h, w);
            each[parts] = dst;
            ids[parts] = DNNL_ARG_DST;
            PointerPointer<dnnl_primitive_desc> pp = new PointerPointer<>(1);
            check(
                    dnnl_concat_primitive_desc_create(pp, dst, parts, 1, srcs.position(0), null, engine()),
                    "concat_primitive_desc_create");
            return new OneDnnPlanes.Op(pp.get(dnnl_primitive_desc.class, 0), ids, each);
        });
        INDArray y = NativeOps.empty(DataType.FLOAT, n, h, w, ctot);
        INDArray[] args = Arrays.copyOf(xhs, xhs.length + 1);
        args[xhs.length] = y;
        op.run(args);
        return y;
    }

    /** dyh [N, H, W, ΣCi] split along C into dense parts [N, H, W, Ci]. */
    public static INDArray[] split(INDArray dyh, long[] channels) {
        long n = dyh.size(0), h = dyh.size(1), w = dyh.size(2), ctot = dyh.size(3);
        INDArray[] parts = new INDArray[channels.length];
        long from = 0;
        for (int i = 0; i < channels.length; i++) {
            long c = channels[i], at = from;
            OneDnnPlanes.Op op = OPS.computeIfAbsent(new Key("split", n, h, w, ctot + "@" + at + "+" + c), k -> {
                dnnl_memory_desc_t whole = md(dnnl_nhwc, n, ctot, h, w), part = new dnnl_memory_desc_t();
                check(
                        dnnl_memory_desc_init_submemory(part, whole, new long[] {n, c, h, w}, new long[] {0, at, 0, 0}),
                        "memory_desc_init_submemory");
                dnnl_memory_desc_t dense = md(dnnl_nhwc, n, c, h, w);
                return new OneDnnPlanes.Op(
                        OneDnn.reorder(part, dense), new int[] {DNNL_ARG_FROM, DNNL_ARG_TO}, part, dense);
            });
            parts[i] = NativeOps.empty(DataType.FLOAT, n, h, w, c);
            op.run(dyh, parts[i]);
            from += c;
        }
        return parts;
    }
}
