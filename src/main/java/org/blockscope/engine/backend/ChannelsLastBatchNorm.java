package org.blockscope.engine.backend;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training batch norm on channels-last FLOAT maps [N, H, W, C] as Java loops, for the channel counts
 * oneDNN's jit kernel does not take (C not a multiple of its vector width: DenseNet's 36, 60, 84, ...
 * channels fell to its reference kernel, 10-30x slower). The pixels are cut into {@link #GROUPS} fixed
 * ranges (so sums do not depend on the number of threads); each chunk of pixels is read once into a
 * scratch array and every loop runs over the whole chunk (per-channel factors tiled to the chunk's
 * layout, sums kept per position and folded to channels once per group), long loops the JIT
 * vectorises where a loop over C alone is too short. Statistics are shifted by the first pixel's values
 * (no cancellation) and summed in double.
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

    /** values tiled rows times: a per-channel factor laid out like a chunk of pixels. */
    private static float[] tile(float[] values, int rows) {
        int c = values.length;
        float[] t = new float[rows * c];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, 0, t, r * c, c);
        }
        return t;
    }

    /** Adds the per-position accumulator acc (rows x c) into the group's per-channel double sums. */
    private static void fold(float[] acc, int rows, int c, double[] into) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < c; j++) {
                into[j] += acc[r * c + j];
            }
        }
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
        int rows = rows(c), len = rows * c;
        float[] kt = tile(k, rows);
        groups(pixels, xh.length(), (grp, from, to) -> {
            // per-position accumulators over the whole chunk: one long loop the JIT vectorises
            float[] p = ChannelPlanes.fscratch(0, len);
            float[] s = ChannelPlanes.fscratch(1, len), q = ChannelPlanes.fscratch(2, len);
            java.util.Arrays.fill(s, 0, len, 0f);
            java.util.Arrays.fill(q, 0, len, 0f);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r) * c;
                in.get((int) (r * c), p, 0, n);
                for (int i = 0; i < n; i++) {
                    float d = p[i] - kt[i];
                    s[i] += d;
                    q[i] += d * d;
                }
            }
            fold(s, rows, c, sum[grp]);
            fold(q, rows, c, sq[grp]);
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
        float[] st = tile(scale, rows), ht = tile(shift, rows);
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] p = ChannelPlanes.fscratch(0, len);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r) * c;
                in.get((int) (r * c), p, 0, n);
                for (int i = 0; i < n; i++) {
                    p[i] = p[i] * st[i] + ht[i];
                }
                if (relu) {
                    for (int i = 0; i < n; i++) {
                        p[i] = Math.max(p[i], 0f);
                    }
                }
                out.put((int) (r * c), p, 0, n);
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
        int rows = rows(c), len = rows * c;
        float[] mt = tile(mu, rows);
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] px = ChannelPlanes.fscratch(0, len), pd = ChannelPlanes.fscratch(1, len);
            float[] a = ChannelPlanes.fscratch(2, len), b = ChannelPlanes.fscratch(3, len);
            float[] py = y == null ? null : new float[len];
            java.util.Arrays.fill(a, 0, len, 0f);
            java.util.Arrays.fill(b, 0, len, 0f);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r) * c;
                x.get((int) (r * c), px, 0, n);
                d.get((int) (r * c), pd, 0, n);
                if (py != null) {
                    y.get((int) (r * c), py, 0, n);
                    mask(pd, py, n);
                }
                for (int i = 0; i < n; i++) {
                    float dv = pd[i];
                    a[i] += dv;
                    b[i] += dv * (px[i] - mt[i]);
                }
            }
            fold(a, rows, c, sdy[grp]);
            fold(b, rows, c, sdx[grp]);
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
        float[] kt = tile(kk, rows), at = tile(ax, rows), zt = tile(a0, rows);
        groups(pixels, xh.length(), (grp, from, to) -> {
            float[] px = ChannelPlanes.fscratch(0, len), pd = ChannelPlanes.fscratch(1, len);
            float[] py = y == null ? null : ChannelPlanes.fscratch(2, len);
            for (long r = from; r < to; r += rows) {
                int n = (int) Math.min(rows, to - r) * c;
                x.get((int) (r * c), px, 0, n);
                d.get((int) (r * c), pd, 0, n);
                if (py != null) {
                    y.get((int) (r * c), py, 0, n);
                    mask(pd, py, n);
                }
                for (int i = 0; i < n; i++) {
                    pd[i] = kt[i] * pd[i] + at[i] * (px[i] - mt[i]) + zt[i];
                }
                out.put((int) (r * c), pd, 0, n);
            }
        });
    }

    /** 2^126: y * BIG * BIG is at least 1 for every positive float y, the smallest subnormal included. */
    private static final float BIG = 0x1p126f;

    /**
     * d = 0 where y is not positive (the ReLU's gradient; y = max(·, 0) is never negative), as a product
     * with min(y 2^252, 1) instead of a comparison: x86 has no branch-free float select, so the comparison
     * was a branch mispredicted on about half the values; the product is a loop the JIT vectorises.
     */
    private static void mask(float[] d, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            d[i] *= Math.min(y[i] * BIG * BIG, 1f);
        }
    }
}
