package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected layer, y = x W^T + b (PyTorch Linear).
 * <ul>
 *   <li>x: [N, in]</li>
 *   <li>w: [out, in] (PyTorch layout)</li>
 *   <li>b: [out] or null</li>
 *   <li>y: [N, out]</li>
 * </ul>
 * GEMM calls; small FLOAT layers (SE blocks' squeeze and excitation, under {@link #SMALL} MACs) run as
 * Java loops instead: a GEMM call costs about 0.3 ms here whatever its size, which made SE-ResNet-20's
 * eighteen tiny FC layers cost more than its three stages of ReLUs.
 */
public final class FullyConnectedKernel {
    private FullyConnectedKernel() {}

    /** Multiply-adds below which a FLOAT layer runs as Java loops. */
    static final long SMALL = 1 << 16;

    private static boolean small(INDArray x, INDArray w, INDArray b) {
        return x.size(0) * w.size(0) * w.size(1) < SMALL
                && x.dataType() == DataType.FLOAT
                && w.dataType() == DataType.FLOAT
                && (b == null || b.dataType() == DataType.FLOAT);
    }

    public static INDArray forward(INDArray x, INDArray w, INDArray b) {
        if (x.rank() != 2 || w.rank() != 2 || x.size(1) != w.size(1)) {
            throw new IllegalArgumentException("fc: x " + Conv2dKernel.shape(x) + ", w " + Conv2dKernel.shape(w));
        }
        if (small(x, w, b)) {
            int n = (int) x.size(0), out = (int) w.size(0), in = (int) w.size(1);
            float[] xv = floats(x), wv = floats(w), bv = b == null ? new float[out] : floats(b);
            float[] y = new float[n * out];
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    float acc = 0;
                    for (int k = 0; k < in; k++) {
                        acc += xv[i * in + k] * wv[o * in + k];
                    }
                    y[i * out + o] = acc + bv[o];
                }
            }
            return Nd4j.create(y, new long[] {n, out}, 'c');
        }
        INDArray y = Nd4j.gemm(x, w, false, true);
        if (b != null) {
            y.addiRowVector(b);
        }
        return y;
    }

    public static ParamGrads backward(INDArray x, INDArray w, INDArray b, INDArray dy) {
        if (small(x, w, b) && dy.dataType() == DataType.FLOAT) {
            int n = (int) x.size(0), out = (int) w.size(0), in = (int) w.size(1);
            float[] xv = floats(x), wv = floats(w), d = floats(dy);
            float[] dx = new float[n * in], dw = new float[out * in], db = new float[out];
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    float g = d[i * out + o];
                    db[o] += g;
                    for (int k = 0; k < in; k++) {
                        dx[i * in + k] += g * wv[o * in + k];
                        dw[o * in + k] += g * xv[i * in + k];
                    }
                }
            }
            return new ParamGrads(
                    Nd4j.create(dx, new long[] {n, in}, 'c'),
                    Nd4j.create(dw, new long[] {out, in}, 'c'),
                    b == null ? null : Nd4j.create(db, new long[] {out}, 'c').reshape(b.shape()));
        }
        INDArray dx = Nd4j.gemm(dy, w, false, false); // [N,out] x [out,in]
        INDArray dw = Nd4j.gemm(dy, x, true, false); // [out,N] x [N,in]
        INDArray db = b == null ? null : dy.sum(0);
        return new ParamGrads(dx, dw, db);
    }

    private static float[] floats(INDArray a) {
        return (a.isView() || a.ordering() != 'c' ? a.dup('c') : a).data().asFloat();
    }
}
