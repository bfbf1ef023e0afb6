package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.ChannelsLastBatchNorm;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.backend.OneDnnBatchNorm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training batch norm of a channels-last FLOAT map [N, H, W, C], with the ReLU after it optionally fused
 * (its gradient mask applied in the backward), the same rule as {@link BatchNormKernel}: batch mean and
 * biased variance, the full batch-statistics backward. oneDNN's jit kernel when C is a multiple of its
 * vector width (8 floats on AVX2, 16 on AVX-512), else Java loops ({@link ChannelsLastBatchNorm}): its
 * reference kernel took 10-30x longer.
 */
public final class BatchNormChannelsLast {
    private BatchNormChannelsLast() {}

    /** What the backward needs: the input, and the output when a ReLU was fused (its mask). */
    public record Saved(
            INDArray x, INDArray y, double[] mean, double[] invStd, OneDnnBatchNorm.Saved oneDnn, boolean relu) {}

    /** y, the batch's mean and biased variance (for the running statistics), and what the backward needs. */
    public record Out(INDArray y, double[] mean, double[] variance, Saved saved) {}

    /** Whether oneDNN's jit kernel takes C channels. */
    static boolean oneDnnFast(long c) {
        return OneDnn.available() && c % (OneDnn.isa().startsWith("avx512") ? 16 : 8) == 0;
    }

    public static Out forwardTrain(INDArray xh, INDArray gamma, INDArray beta, double eps, boolean relu) {
        long c = xh.size(3);
        if (oneDnnFast(c) && OneDnnBatchNorm.handles(xh)) {
            OneDnnBatchNorm.Out o = OneDnnBatchNorm.forwardTraining(xh, true, gamma, beta, eps, relu);
            double[] mean = NativeOps.doubles(o.saved().mean()),
                    var = NativeOps.doubles(o.saved().variance());
            return new Out(o.y(), mean, var, new Saved(xh, null, mean, invStd(var, eps), o.saved(), relu));
        }
        INDArray y = NativeOps.empty(DataType.FLOAT, xh.shape());
        ChannelsLastBatchNorm.Stats s = ChannelsLastBatchNorm.forwardTraining(
                xh, y, NativeOps.floats(gamma), NativeOps.floats(beta), eps, relu);
        return new Out(
                y,
                s.mean(),
                s.variance(),
                new Saved(xh, relu ? y : null, s.mean(), invStd(s.variance(), eps), null, relu));
    }

    private static double[] invStd(double[] var, double eps) {
        double[] is = new double[var.length];
        for (int i = 0; i < is.length; i++) {
            is[i] = 1 / Math.sqrt(var[i] + eps);
        }
        return is;
    }

    /** dx (channels-last), dγ (as dw) and dβ (as db); dyh is the gradient of the output after the fused ReLU. */
    public static ParamGrads backward(Saved s, INDArray gamma, INDArray beta, INDArray dyh) {
        if (s.oneDnn() != null) {
            OneDnnBatchNorm.Grads g = OneDnnBatchNorm.backward(s.oneDnn(), true, gamma, beta, dyh);
            return new ParamGrads(g.dx(), g.dgamma(), g.dbeta());
        }
        INDArray d = OneDnn.dense(dyh);
        INDArray dx = NativeOps.empty(DataType.FLOAT, s.x().shape());
        int c = (int) s.x().size(3);
        double[] dg = new double[c], db = new double[c];
        ChannelsLastBatchNorm.backward(s.x(), s.y(), d, s.mean(), s.invStd(), NativeOps.floats(gamma), dx, dg, db);
        return new ParamGrads(
                dx,
                Nd4j.createFromArray(dg).castTo(DataType.FLOAT),
                Nd4j.createFromArray(db).castTo(DataType.FLOAT));
    }
}
