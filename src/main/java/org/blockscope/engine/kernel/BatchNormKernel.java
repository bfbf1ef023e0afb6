package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.ChannelPlanes;
import org.blockscope.engine.backend.NativeOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation over channel axis 1, PyTorch BatchNorm2d (x [N, C, H, W]) and BatchNorm1d
 * (x [N, C]). gamma, beta, runningMean, runningVar: [C].
 *
 * <p>Training: normalise with the batch mean and biased batch variance; update the running stats in
 * place, running = (1 - momentum) * running + momentum * batch, with the unbiased variance
 * (PyTorch BatchNorm docs). Inference: normalise with the running stats.
 *
 * <p>Fused per-channel Java loops ({@link ChannelPlanes}), statistics accumulated in double: the
 * training forward reads each channel twice (statistics in one pass, shifted by the channel's first
 * value; then the output, from L2), the backward twice. The backward rule is the full batch-statistics gradient,
 * dx = gamma * invStd / M * (M dy - sum(dy) - xhat * sum(dy xhat)), with xhat recomputed from the
 * saved input, mean and invStd (no normalised copy is kept).
 */
public final class BatchNormKernel {
    private BatchNormKernel() {}

    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    /**
     * What the forward keeps for the backward rule: the (contiguous) input x, and per channel the mean
     * and 1/sqrt(var + eps) used to normalise (batch statistics in training, running ones at inference).
     */
    public record Saved(INDArray x, double[] mean, double[] invStd) {}

    public record TrainOut(INDArray y, Saved saved) {}

    public static TrainOut forwardTrain(
            INDArray x,
            INDArray gamma,
            INDArray beta,
            INDArray runningMean,
            INDArray runningVar,
            double momentum,
            double eps) {
        return forwardTrain(x, gamma, beta, runningMean, runningVar, momentum, eps, false);
    }

    /** Training forward; with relu, the output is max(bn(x), 0) (a following ReLU fused in, same loop). */
    public static TrainOut forwardTrain(
            INDArray x,
            INDArray gamma,
            INDArray beta,
            INDArray runningMean,
            INDArray runningVar,
            double momentum,
            double eps,
            boolean relu) {
        check(x);
        ChannelPlanes in = new ChannelPlanes(ChannelPlanes.contiguous(x));
        INDArray y = NativeOps.empty(x.dataType(), x.shape());
        ChannelPlanes out = new ChannelPlanes(y);
        double[] g = gamma.toDoubleVector(), b = beta.toDoubleVector();
        int c = in.c, hw = in.hw;
        long m = in.perChannel();
        double[] mean = new double[c], var = new double[c], invStd = new double[c];
        ChannelPlanes.forEachChannel(c, m, ch -> {
            double[] st = stats(in, ch); // [sum, sum of squares], shifted by st[2]
            double sm = st[0] / m;
            double mu = st[2] + sm;
            double v = Math.max(0, st[1] - sm * sm * m) / m; // biased
            double is = 1.0 / Math.sqrt(v + eps);
            double scale = g[ch] * is;
            affine(in, out, ch, scale, b[ch] - mu * scale, relu);
            mean[ch] = mu;
            var[ch] = v;
            invStd[ch] = is;
        });
        if (runningMean != null) {
            double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
            double[] rm = runningMean.toDoubleVector(), rv = runningVar.toDoubleVector();
            for (int ch = 0; ch < c; ch++) {
                rm[ch] = (1 - momentum) * rm[ch] + momentum * mean[ch];
                rv[ch] = (1 - momentum) * rv[ch] + momentum * var[ch] * unbias;
            }
            runningMean.assign(Nd4j.createFromArray(rm).castTo(runningMean.dataType()));
            runningVar.assign(Nd4j.createFromArray(rv).castTo(runningVar.dataType()));
        }
        return new TrainOut(y, new Saved(in.array, mean, invStd));
    }

    /** y = (x - runningMean) / sqrt(runningVar + eps) * gamma + beta, as one scale and shift per channel. */
    public static INDArray forwardInference(
            INDArray x, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVar, double eps) {
        return forwardInferenceSaved(x, gamma, beta, runningMean, runningVar, eps)
                .y();
    }

    /** Inference forward that also returns what {@link #backwardInference} needs. */
    public static TrainOut forwardInferenceSaved(
            INDArray x, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVar, double eps) {
        check(x);
        ChannelPlanes in = new ChannelPlanes(ChannelPlanes.contiguous(x));
        INDArray y = NativeOps.empty(x.dataType(), x.shape());
        ChannelPlanes out = new ChannelPlanes(y);
        double[] g = gamma.toDoubleVector(), b = beta.toDoubleVector();
        double[] mean = runningMean.toDoubleVector(), var = runningVar.toDoubleVector();
        int c = in.c, hw = in.hw;
        double[] invStd = new double[c];
        for (int ch = 0; ch < c; ch++) {
            invStd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
        }
        ChannelPlanes.forEachChannel(c, in.perChannel(), ch -> {
            double scale = g[ch] * invStd[ch];
            affine(in, out, ch, scale, b[ch] - mean[ch] * scale, false);
        });
        return new TrainOut(y, new Saved(in.array, mean, invStd));
    }

    /** Training-mode backward: dx, dgamma (as dw), dbeta (as db). */
    public static ParamGrads backward(Saved saved, INDArray gamma, INDArray dy) {
        return backward(saved, gamma, dy, true);
    }

    /** Inference-mode backward (running statistics are constants): dx = dy * gamma * invStd. */
    public static ParamGrads backwardInference(Saved saved, INDArray gamma, INDArray dy) {
        return backward(saved, gamma, dy, false);
    }

    private static ParamGrads backward(Saved saved, INDArray gamma, INDArray dy, boolean batchStats) {
        ChannelPlanes x = new ChannelPlanes(saved.x());
        ChannelPlanes d = new ChannelPlanes(ChannelPlanes.contiguous(dy));
        if (x.n != d.n || x.c != d.c || x.hw != d.hw) {
            throw new IllegalArgumentException(
                    "batchnorm backward: dy " + Conv2dKernel.shape(dy) + " vs x " + Conv2dKernel.shape(saved.x()));
        }
        INDArray dx = NativeOps.empty(dy.dataType(), dy.shape());
        ChannelPlanes out = new ChannelPlanes(dx);
        double[] g = gamma.toDoubleVector();
        double[] mean = saved.mean(), invStd = saved.invStd();
        int c = x.c, hw = x.hw;
        long m = x.perChannel();
        double[] dgamma = new double[c], dbeta = new double[c];
        ChannelPlanes.forEachChannel(c, m, ch -> {
            double mu = mean[ch], is = invStd[ch];
            double[] sums = backwardSums(x, d, ch, mu); // [sum(dy), sum(dy * (x - mu))]
            double sdy = sums[0];
            double dg = sums[1] * is; // sum(dy * xhat)
            dgamma[ch] = dg;
            dbeta[ch] = sdy;
            double k = g[ch] * is;
            if (!batchStats) {
                affine(d, out, ch, k, 0, false);
                return;
            }
            // dx = k * (dy - sdy/M - xhat * dg/M), xhat = (x - mu) * is:  dx = k dy + ax (x - mu) + a0
            backwardOut(x, d, out, ch, k, -k * dg * is / m, mu, -k * sdy / m);
        });
        INDArray dg = Nd4j.createFromArray(dgamma).castTo(dy.dataType());
        INDArray db = Nd4j.createFromArray(dbeta).castTo(dy.dataType());
        return new ParamGrads(dx, dg, db);
    }

    /** [sum(x - k), sum((x - k)^2), k] of one channel, k = its first value (no cancellation). */
    private static double[] stats(ChannelPlanes in, int ch) {
        int hw = in.hw;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        double k0;
        if (in.isFloat()) {
            // per-position float accumulators over the images (an elementwise loop the JIT vectorises),
            // reduced in double at the end; shifted by the first value so no cancellation
            float[] p = ChannelPlanes.fscratch(0, hw),
                    s = ChannelPlanes.fscratch(2, hw),
                    q = ChannelPlanes.fscratch(3, hw);
            java.util.Arrays.fill(s, 0, hw, 0f);
            java.util.Arrays.fill(q, 0, hw, 0f);
            in.getF(0, ch, p);
            float k = p[0];
            k0 = k;
            for (int i = 0; i < in.n; i++) {
                if (i > 0) {
                    in.getF(i, ch, p);
                }
                for (int j = 0; j < hw; j++) {
                    float d = p[j] - k;
                    s[j] += d;
                    q[j] += d * d;
                }
            }
            for (int j = 0; j < hw; j++) {
                s0 += s[j];
                q0 += q[j];
            }
        } else {
            double[] p = ChannelPlanes.scratch(0, hw);
            in.get(0, ch, p);
            k0 = p[0];
            for (int i = 0; i < in.n; i++) {
                if (i > 0) {
                    in.get(i, ch, p);
                }
                int j = 0;
                for (; j + 3 < hw; j += 4) {
                    double d0 = p[j] - k0, d1 = p[j + 1] - k0, d2 = p[j + 2] - k0, d3 = p[j + 3] - k0;
                    s0 += d0;
                    s1 += d1;
                    s2 += d2;
                    s3 += d3;
                    q0 += d0 * d0;
                    q1 += d1 * d1;
                    q2 += d2 * d2;
                    q3 += d3 * d3;
                }
                for (; j < hw; j++) {
                    double d = p[j] - k0;
                    s0 += d;
                    q0 += d * d;
                }
            }
        }
        return new double[] {s0 + s1 + s2 + s3, q0 + q1 + q2 + q3, k0};
    }

    /** out = in * scale + shift on one channel, then max(out, 0) with relu (float arithmetic for FLOAT arrays). */
    private static void affine(ChannelPlanes in, ChannelPlanes out, int ch, double scale, double shift, boolean relu) {
        int hw = in.hw;
        if (in.isFloat()) {
            float[] p = ChannelPlanes.fscratch(0, hw);
            float s = (float) scale, t = (float) shift;
            for (int i = 0; i < in.n; i++) {
                in.getF(i, ch, p);
                if (relu) {
                    for (int j = 0; j < hw; j++) {
                        p[j] = Math.max(p[j] * s + t, 0f);
                    }
                } else {
                    for (int j = 0; j < hw; j++) {
                        p[j] = p[j] * s + t;
                    }
                }
                out.putF(i, ch, p);
            }
        } else {
            double[] p = ChannelPlanes.scratch(0, hw);
            for (int i = 0; i < in.n; i++) {
                in.get(i, ch, p);
                for (int j = 0; j < hw; j++) {
                    p[j] = relu ? Math.max(p[j] * scale + shift, 0) : p[j] * scale + shift;
                }
                out.put(i, ch, p);
            }
        }
    }

    /** [sum(dy), sum(dy * (x - mu))] of one channel. */
    private static double[] backwardSums(ChannelPlanes x, ChannelPlanes d, int ch, double mu) {
        int hw = x.hw;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        if (x.isFloat()) {
            // vectorised per-position float accumulators, reduced in double (as in stats)
            float[] px = ChannelPlanes.fscratch(0, hw), pd = ChannelPlanes.fscratch(1, hw);
            float[] sa = ChannelPlanes.fscratch(2, hw), sb = ChannelPlanes.fscratch(3, hw);
            java.util.Arrays.fill(sa, 0, hw, 0f);
            java.util.Arrays.fill(sb, 0, hw, 0f);
            float mf = (float) mu;
            for (int i = 0; i < x.n; i++) {
                x.getF(i, ch, px);
                d.getF(i, ch, pd);
                for (int j = 0; j < hw; j++) {
                    float dv = pd[j];
                    sa[j] += dv;
                    sb[j] += dv * (px[j] - mf);
                }
            }
            for (int j = 0; j < hw; j++) {
                a0 += sa[j];
                b0 += sb[j];
            }
        } else {
            double[] px = ChannelPlanes.scratch(0, hw), pd = ChannelPlanes.scratch(1, hw);
            for (int i = 0; i < x.n; i++) {
                x.get(i, ch, px);
                d.get(i, ch, pd);
                int j = 0;
                for (; j + 3 < hw; j += 4) {
                    a0 += pd[j];
                    a1 += pd[j + 1];
                    a2 += pd[j + 2];
                    a3 += pd[j + 3];
                    b0 += pd[j] * (px[j] - mu);
                    b1 += pd[j + 1] * (px[j + 1] - mu);
                    b2 += pd[j + 2] * (px[j + 2] - mu);
                    b3 += pd[j + 3] * (px[j + 3] - mu);
                }
                for (; j < hw; j++) {
                    a0 += pd[j];
                    b0 += pd[j] * (px[j] - mu);
                }
            }
        }
        return new double[] {a0 + a1 + a2 + a3, b0 + b1 + b2 + b3};
    }

    /** out = k * dy + ax * (x - mu) + a0 on one channel. */
    private static void backwardOut(
            ChannelPlanes x, ChannelPlanes d, ChannelPlanes out, int ch, double k, double ax, double mu, double a0) {
        int hw = x.hw;
        if (x.isFloat()) {
            float[] px = ChannelPlanes.fscratch(0, hw), pd = ChannelPlanes.fscratch(1, hw);
            float kf = (float) k, af = (float) ax, mf = (float) mu, bf = (float) a0;
            for (int i = 0; i < x.n; i++) {
                x.getF(i, ch, px);
                d.getF(i, ch, pd);
                for (int j = 0; j < hw; j++) {
                    pd[j] = kf * pd[j] + af * (px[j] - mf) + bf;
                }
                out.putF(i, ch, pd);
            }
        } else {
            double[] px = ChannelPlanes.scratch(0, hw), pd = ChannelPlanes.scratch(1, hw);
            for (int i = 0; i < x.n; i++) {
                x.get(i, ch, px);
                d.get(i, ch, pd);
                for (int j = 0; j < hw; j++) {
                    pd[j] = k * pd[j] + ax * (px[j] - mu) + a0;
                }
                out.put(i, ch, pd);
            }
        }
    }

    private static void check(INDArray x) {
        if (x.rank() != 4 && x.rank() != 2) {
            throw new IllegalArgumentException("batchnorm expects [N,C] or [N,C,H,W], got " + Conv2dKernel.shape(x));
        }
    }
}
