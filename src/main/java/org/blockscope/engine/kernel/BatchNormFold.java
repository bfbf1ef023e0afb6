package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.NativeOps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A batch norm at inference (running statistics) folded into the convolution before it. */
public final class BatchNormFold {
    private BatchNormFold() {}

    /**
     * Batch norm at inference folded into the convolution before it: w' = w * g, b' = (b - mean) * g +
     * beta with g = gamma / sqrt(var + eps) per output channel. Returns {w', b'} (new arrays).
     */
    public static INDArray[] intoConv(
            INDArray w, INDArray b, INDArray gamma, INDArray beta, INDArray mean, INDArray var, double eps) {
        int cout = (int) w.size(0);
        if (w.dataType() == DataType.FLOAT && !w.isView() && (b == null || !b.isView())) {
            // float arrays straight from the buffers: about 10x faster than via double vectors (it runs per pass)
            float[] wv = new float[(int) w.length()];
            w.data().asNioFloat().get(0, wv);
            float[] g = NativeOps.floats(gamma),
                    be = NativeOps.floats(beta),
                    m = NativeOps.floats(mean),
                    v = NativeOps.floats(var);
            float[] bias = b == null ? new float[cout] : NativeOps.floats(b);
            int per = wv.length / cout;
            float[] nb = new float[cout];
            for (int o = 0; o < cout; o++) {
                float k = (float) (g[o] / Math.sqrt((double) v[o] + eps));
                for (int i = o * per, end = i + per; i < end; i++) {
                    wv[i] *= k;
                }
                nb[o] = (bias[o] - m[o]) * k + be[o];
            }
            INDArray fw = NativeOps.empty(DataType.FLOAT, w.shape()), fb = NativeOps.empty(DataType.FLOAT, cout);
            fw.data().asNioFloat().put(0, wv);
            fb.data().asNioFloat().put(0, nb);
            return new INDArray[] {fw, fb};
        }
        double[] g = gamma.toDoubleVector(),
                be = beta.toDoubleVector(),
                m = mean.toDoubleVector(),
                v = var.toDoubleVector();
        double[] bias = b == null ? new double[cout] : b.toDoubleVector();
        double[] wv = w.dup('c').data().asDouble();
        int per = wv.length / cout;
        double[] nb = new double[cout];
        for (int o = 0; o < cout; o++) {
            double k = g[o] / Math.sqrt(v[o] + eps);
            for (int i = 0; i < per; i++) {
                wv[o * per + i] *= k;
            }
            nb[o] = (bias[o] - m[o]) * k + be[o];
        }
        return new INDArray[] {
            Nd4j.create(wv, w.shape(), 'c').castTo(w.dataType()),
            Nd4j.createFromArray(nb).castTo(w.dataType())
        };
    }
}
