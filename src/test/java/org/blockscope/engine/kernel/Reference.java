package org.blockscope.engine.kernel;

/**
 * Naive loop-based reference implementations on flat c-order double arrays, written from the PyTorch
 * docs, independent of ND4J.
 */
final class Reference {
    private Reference() {}

    /** PyTorch Conv2d: x [n,cin,h,w], w [cout,cin/g,k,k], b [cout] or null. Returns [n,cout,ho,wo]. */
    static double[] conv2d(
            double[] x,
            int n,
            int cin,
            int h,
            int w,
            double[] wt,
            int cout,
            int k,
            int s,
            int ph,
            int pw,
            int d,
            int g,
            double[] b) {
        int ho = (h + 2 * ph - d * (k - 1) - 1) / s + 1;
        int wo = (w + 2 * pw - d * (k - 1) - 1) / s + 1;
        int cinG = cin / g, coutG = cout / g;
        double[] y = new double[n * cout * ho * wo];
        for (int b0 = 0; b0 < n; b0++) {
            for (int o = 0; o < cout; o++) {
                int grp = o / coutG;
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double acc = b == null ? 0 : b[o];
                        for (int ci = 0; ci < cinG; ci++) {
                            int c = grp * cinG + ci;
                            for (int ki = 0; ki < k; ki++) {
                                for (int kj = 0; kj < k; kj++) {
                                    int r = i * s - ph + ki * d, q = j * s - pw + kj * d;
                                    if (r < 0 || r >= h || q < 0 || q >= w) {
                                        continue;
                                    }
                                    acc += x[((b0 * cin + c) * h + r) * w + q]
                                            * wt[((o * cinG + ci) * k + ki) * k + kj];
                                }
                            }
                        }
                        y[((b0 * cout + o) * ho + i) * wo + j] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** PyTorch pooling_output_shape */
    static int poolOut(int in, int k, int s, int p, boolean ceil) {
        int num = in + 2 * p - k;
        int out = (ceil ? (int) Math.ceil(num / (double) s) : num / s) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }

    /** PyTorch MaxPool2d / AvgPool2d(count_include_pad=True) with ceil_mode. Returns [n,c,ho,wo]. */
    static double[] pool(boolean max, double[] x, int n, int c, int h, int w, int k, int s, int p, boolean ceil) {
        int ho = poolOut(h, k, s, p, ceil), wo = poolOut(w, k, s, p, ceil);
        double[] y = new double[n * c * ho * wo];
        for (int nc = 0; nc < n * c; nc++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    int hs = i * s - p, ws = j * s - p;
                    int he = Math.min(hs + k, h + p), we = Math.min(ws + k, w + p);
                    int poolSize = (he - hs) * (we - ws);
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int r = Math.max(hs, 0); r < Math.min(he, h); r++) {
                        for (int q = Math.max(ws, 0); q < Math.min(we, w); q++) {
                            double v = x[(nc * h + r) * w + q];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(nc * ho + i) * wo + j] = max ? acc : acc / poolSize;
                }
            }
        }
        return y;
    }

    /** Training-mode BN over [n,c,hw] with biased batch variance. */
    static double[] batchNormTrain(
            double[] x,
            int n,
            int c,
            int hw,
            double[] gamma,
            double[] beta,
            double eps,
            double[] meanOut,
            double[] varOut) {
        double[] y = new double[x.length];
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < hw; i++) {
                    mean += x[(b * c + ch) * hw + i];
                }
            }
            mean /= m;
            double var = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < hw; i++) {
                    double t = x[(b * c + ch) * hw + i] - mean;
                    var += t * t;
                }
            }
            var /= m;
            meanOut[ch] = mean;
            varOut[ch] = var;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < hw; i++) {
                    int idx = (b * c + ch) * hw + i;
                    y[idx] = (x[idx] - mean) / Math.sqrt(var + eps) * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }
}
