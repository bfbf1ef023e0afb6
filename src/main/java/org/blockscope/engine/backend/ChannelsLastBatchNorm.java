package org.blockscope.engine.backend;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training batch norm on channels-last FLOAT maps [N, H, W, C] as Java loops, for the channel counts
 * oneDNN's jit kernel does not take (C not a multiple of its vector width: DenseNet's 36, 60, 84, ...
 * channels fell to its reference kernel, 10-30x slower). The pixels are cut into {@link #GROUPS} fixed
 * ranges (so sums do not depend on the number of threads); each chunk of pixels is read once into a
 * scratch array and its per-channel loops run across C, which the JIT vectorises. Statistics are
 * shifted by the first pixel's values (no cancellation) and summed in double.
 */
public final class ChannelsLastBatchNorm {
    private ChannelsLastBatchNorm() {}

    private static final int GROUPS = 16;
    private static final int CHUNK_VALUES = 4096;

    /** Per-channel batch mean and biased variance. */
    public record Stats(double[] mean, double[] variance) {}

    public static boolean handles(INDArray... as) {
        for (INDArray a : as) {
            if (a.rank() != 4 || a.dataType() != DataType.FLOAT || !OneDnn.isDense(a)) {
                return false;
            }
        }
        return true;
    }

    private static int rows(int c) {
        return Math.max(1, CHUNK_VALUES / c);
    }

    /** Runs body(group, fromPixel, toPixel) for each of the fixed pixel groups, in parallel. */
    private interface GroupBody {
        void run(int group, long from, long to);
    }

    private static void groups(long pixels, long values, GroupBody body) {
        int g = (int) Math.min(GROUPS, pixels);
        Workers.forEach(g, values, i -> body.run(i, pixels * i / g, pixels * (i + 1) / g));
    }

    /** y = γ (x - mean) / sqrt(var + eps) + β with the batch's statistics, then max(y, 0) when relu. */
    public static Stats forwardTraining(
            INDArray xh, INDArray y, float[] gamma, float[] beta, double eps, boolean relu) {
        int c = (int) xh.size(3);
        long pixels = xh.length() / c;
        FloatBuffer in = xh.data().asNioFloat(), out = y.data().asNioFloat();
        float[] k = new float[c];
        in.get(0, k, 0, c);
        int g = (int) Math.min(GROUPS, pixels);
        double[][] sum = new double[g][c], sq = new double[g][c];
        int rows = rows(c);
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] p = ChannelPlanes.fscratch(0, rows * c);
            float[] s = ChannelPlanes.fscratch(1, c), q = ChannelPlanes.fscratch(2, c);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r);
                in.get((int) (r * c), p, 0, n * c);
                java.util.Arrays.fill(s, 0, c, 0f);
                java.util.Arrays.fill(q, 0, c, 0f);
                for (int i = 0; i < n * c; i += c) {
                    for (int j = 0; j < c; j++) {
                        float d = p[i + j] - k[j];
                        s[j] += d;
                        q[j] += d * d;
                    }
                }
                for (int j = 0; j < c; j++) {
                    sum[grp][j] += s[j];
                    sq[grp][j] += q[j];
                }
            }
        });
        double[] mean = new double[c], var = new double[c];
        float[] scale = new float[c], shift = new float[c];
        for (int j = 0; j < c; j++) {
            double s = 0, q = 0;
            for (int i = 0; i < g; i++) {
                s += sum[i][j];
                q += sq[i][j];
            }
            double sm = s / pixels;
            mean[j] = k[j] + sm;
            var[j] = Math.max(0, q / pixels - sm * sm); // biased
            double is = 1 / Math.sqrt(var[j] + eps);
            scale[j] = (float) (gamma[j] * is);
            shift[j] = (float) (beta[j] - mean[j] * gamma[j] * is);
        }
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] p = ChannelPlanes.fscratch(0, rows * c);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r);
                in.get((int) (r * c), p, 0, n * c);
                for (int i = 0; i < n * c; i += c) {
                    for (int j = 0; j < c; j++) {
                        p[i + j] = p[i + j] * scale[j] + shift[j];
                    }
                }
                if (relu) {
                    for (int i = 0; i < n * c; i++) {
                        p[i] = Math.max(p[i], 0f);
                    }
                }
                out.put((int) (r * c), p, 0, n * c);
            }
        });
        return new Stats(mean, var);
    }

    /**
     * The full batch-statistics backward, dx = γ invStd / M (M dy - Σdy - x̂ Σ(dy x̂)), writing dx and
     * dγ, dβ; with yh (the forward's output after a fused ReLU) dy is first masked where yh is not positive.
     */
    public static void backward(
            INDArray xh,
            INDArray yh,
            INDArray dyh,
            double[] mean,
            double[] invStd,
            float[] gamma,
            INDArray dx,
            double[] dgamma,
            double[] dbeta) {
        int c = (int) xh.size(3);
        long pixels = xh.length() / c;
        FloatBuffer x = xh.data().asNioFloat(),
                d = dyh.data().asNioFloat(),
                out = dx.data().asNioFloat();
        FloatBuffer y = yh == null ? null : yh.data().asNioFloat();
        float[] mu = new float[c];
        for (int j = 0; j < c; j++) {
            mu[j] = (float) mean[j];
        }
        int g = (int) Math.min(GROUPS, pixels);
        double[][] sdy = new double[g][c], sdx = new double[g][c];
        int rows = rows(c);
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] px = ChannelPlanes.fscratch(0, rows * c), pd = ChannelPlanes.fscratch(1, rows * c);
            float[] py = ChannelPlanes.fscratch(2, rows * c);
            float[] a = new float[c], b = new float[c]; // two arrays: the JIT vectorises the channel loop
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r);
                x.get((int) (r * c), px, 0, n * c);
                d.get((int) (r * c), pd, 0, n * c);
                if (y != null) {
                    y.get((int) (r * c), py, 0, n * c);
                    mask(pd, py, n * c);
                }
                java.util.Arrays.fill(a, 0f);
                java.util.Arrays.fill(b, 0f);
                for (int i = 0; i < n * c; i += c) {
                    for (int j = 0; j < c; j++) {
                        float dv = pd[i + j];
                        a[j] += dv;
                        b[j] += dv * (px[i + j] - mu[j]);
                    }
                }
                for (int j = 0; j < c; j++) {
                    sdy[grp][j] += a[j];
                    sdx[grp][j] += b[j];
                }
            }
        });
        float[] kk = new float[c], ax = new float[c], a0 = new float[c];
        for (int j = 0; j < c; j++) {
            double sy = 0, sx = 0;
            for (int i = 0; i < g; i++) {
                sy += sdy[i][j];
                sx += sdx[i][j];
            }
            double is = invStd[j], dg = sx * is; // Σ dy x̂
            dgamma[j] = dg;
            dbeta[j] = sy;
            double k = gamma[j] * is;
            // dx = k dy - k dg is / M (x - mu) - k Σdy / M
            kk[j] = (float) k;
            ax[j] = (float) (-k * dg * is / pixels);
            a0[j] = (float) (-k * sy / pixels);
        }
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] px = ChannelPlanes.fscratch(0, rows * c), pd = ChannelPlanes.fscratch(1, rows * c);
            float[] py = ChannelPlanes.fscratch(2, rows * c);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r);
                x.get((int) (r * c), px, 0, n * c);
                d.get((int) (r * c), pd, 0, n * c);
                if (y != null) {
                    y.get((int) (r * c), py, 0, n * c);
                    mask(pd, py, n * c);
                }
                for (int i = 0; i < n * c; i += c) {
                    for (int j = 0; j < c; j++) {
                        pd[i + j] = kk[j] * pd[i + j] + ax[j] * (px[i + j] - mu[j]) + a0[j];
                    }
                }
                out.put((int) (r * c), pd, 0, n * c);
            }
        });
    }

    /** d = 0 where y is not positive (the ReLU's gradient; y = max(·, 0) is never negative). */
    private static void mask(float[] d, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            d[i] = y[i] > 0f ? d[i] : 0f;
        }
    }
}
