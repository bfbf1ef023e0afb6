package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.ChannelPlanes;
import org.blockscope.engine.backend.NativeOps;
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
 * GEMM calls; small FLOAT layers (SE blocks' squeeze and excitation, up to {@link #SMALL} MACs) run as
 * Java loops instead: a GEMM call costs 0.13-0.2 ms here whatever its size (SE-ResNet-20's 64->16 and
 * 16->64 layers at batch 64), most of it ND4J's array handling. The loops read and write the native buffers in
 * bulk and run along contiguous rows (y's row as a sum of W^T's rows, dx's and dW's rows as sums of
 * W's and x's rows), which the JIT vectorises.
 */
public final class FullyConnectedKernel {
    private FullyConnectedKernel() {}

    /** Multiply-adds up to which a FLOAT layer runs as Java loops. */
    static final long SMALL = 1 << 18;

    private static boolean small(INDArray x, INDArray w, INDArray b) {
        return x.size(0) * w.size(0) * w.size(1) <= SMALL
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
            float[] xv = floats(x, 0), wv = floats(w, 1), y = ChannelPlanes.fscratch(2, n * out);
            float[] bv = b == null ? null : floats(b, 4);
            float[] wt = ChannelPlanes.fscratch(3, in * out); // W^T [in, out]: y's row is a sum of its rows
            for (int o = 0; o < out; o++) {
                for (int k = 0; k < in; k++) {
                    wt[k * out + o] = wv[o * in + k];
                }
            }
            for (int i = 0; i < n; i++) {
                int row = i * out;
                if (bv == null) {
                    java.util.Arrays.fill(y, row, row + out, 0f);
                } else {
                    System.arraycopy(bv, 0, y, row, out);
                }
                for (int k = 0; k < in; k++) {
                    float a = xv[i * in + k];
                    int col = k * out;
                    for (int o = 0; o < out; o++) {
                        y[row + o] += a * wt[col + o];
                    }
                }
            }
            return array(y, n, out);
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
            float[] xv = floats(x, 0), wv = floats(w, 1), d = floats(dy, 2);
            float[] dx = ChannelPlanes.fscratch(3, n * in), dw = new float[out * in], db = new float[out];
            java.util.Arrays.fill(dx, 0, n * in, 0f);
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    float g = d[i * out + o];
                    db[o] += g;
                    int xr = i * in, wr = o * in;
                    for (int k = 0; k < in; k++) { // dx[i, :] += g W[o, :] and dW[o, :] += g x[i, :]
                        dx[xr + k] += g * wv[wr + k];
                        dw[wr + k] += g * xv[xr + k];
                    }
                }
            }
            return new ParamGrads(
                    array(dx, n, in),
                    array(dw, out, in),
                    b == null ? null : array(db, out).reshape(b.shape()));
        }
        INDArray dx = Nd4j.gemm(dy, w, false, false); // [N,out] x [out,in]
        INDArray dw = Nd4j.gemm(dy, x, true, false); // [out,N] x [N,in]
        INDArray db = b == null ? null : dy.sum(0);
        return new ParamGrads(dx, dw, db);
    }

    /**
     * Squeeze-and-excitation's gate from the pooled x [N, C] in one call: sigmoid(W2·relu(W1·x + b1) + b2),
     * [N, C']. The four steps' arithmetic (FLOAT, as the small-layer loops and the sigmoid loop compute it),
     * without three intermediate arrays. Null unless every array is FLOAT and both layers are small.
     */
    public static INDArray excitation(INDArray x, INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        if (x.rank() != 2
                || w1.rank() != 2
                || w2.rank() != 2
                || x.size(1) != w1.size(1)
                || w2.size(1) != w1.size(0)
                || !small(x, w1, b1)
                || !small(x, w2, b2)) {
            return null;
        }
        int n = (int) x.size(0), in = (int) w1.size(1), hidden = (int) w1.size(0), out = (int) w2.size(0);
        float[] xv = floats(x, 0), w1v = floats(w1, 1), w2v = floats(w2, 2);
        float[] b1v = b1 == null ? null : floats(b1, 4), b2v = b2 == null ? null : floats(b2, 5);
        float[] h = new float[hidden], y = ChannelPlanes.fscratch(3, n * out);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < hidden; j++) {
                float acc = b1v == null ? 0f : b1v[j];
                for (int k = 0, xo = i * in, wo = j * in; k < in; k++) {
                    acc += xv[xo + k] * w1v[wo + k];
                }
                h[j] = Math.max(acc, 0f);
            }
            for (int o = 0; o < out; o++) {
                float acc = b2v == null ? 0f : b2v[o];
                for (int j = 0, wo = o * hidden; j < hidden; j++) {
                    acc += h[j] * w2v[wo + j];
                }
                y[i * out + o] = (float) (1 / (1 + Math.exp(-acc)));
            }
        }
        return array(y, n, out);
    }

    /** a's values in c order, read in bulk into scratch k (a copy first when a is a view or f-ordered). */
    private static float[] floats(INDArray a, int k) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        int len = (int) c.length();
        float[] v = ChannelPlanes.fscratch(k, len);
        c.data().asNioFloat().get(0, v, 0, len);
        return v;
    }

    /** A new FLOAT array of this shape holding v's first values (one bulk write into a pooled buffer). */
    private static INDArray array(float[] v, long... shape) {
        INDArray a = NativeOps.empty(DataType.FLOAT, shape);
        a.data().asNioFloat().put(0, v, 0, (int) a.length());
        return a;
    }
}
