package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deformable convolution (Dai et al. 2017; modulated, v2: Zhu et al. 2019), as
 * {@code torchvision.ops.deform_conv2d} with one offset group and no conv groups. Tap (i, j) of
 * output (oy, ox) reads channel c at (oy·s − p + i·d + Δy, ox·s − p + j·d + Δx) by bilinear
 * sampling, Δy = offset[2(i·k+j)], Δx = offset[2(i·k+j)+1]; v2 multiplies the sample by
 * mask[i·k+j], which port 1 carries after the 2k² offsets. The samples form columns
 * [C·k², Ho·Wo] and the weights [F, C·k²] multiply them (im2col).
 */
public final class DeformConv2dKernel {
    private DeformConv2dKernel() {}

    public record Spec(int kernel, int stride, int pad, int dilation, boolean modulated, boolean bias) {}

    /** Gradients: input, offsets (and mask), weight, bias (null without one). */
    public record Grads(INDArray dx, INDArray doffset, INDArray dw, INDArray db) {}

    /** Geometry of one call, from the arrays. */
    private record Dims(int n, int c, int h, int w, int f, int ho, int wo, int kk) {
        static Dims of(Spec s, INDArray x, INDArray off, INDArray w) {
            return new Dims(
                    (int) x.size(0),
                    (int) x.size(1),
                    (int) x.size(2),
                    (int) x.size(3),
                    (int) w.size(0),
                    (int) off.size(2),
                    (int) off.size(3),
                    s.kernel() * s.kernel());
        }

        int plane() {
            return ho * wo;
        }
    }

    public static INDArray forward(Spec s, INDArray x, INDArray off, INDArray w, INDArray b) {
        Dims d = Dims.of(s, x, off, w);
        check(s, d, x, off, w);
        double[] xs = flat(x);
        double[] os = flat(off);
        DataType t = x.dataType();
        INDArray w2 = w.reshape('c', d.f(), (long) d.c() * d.kk()).castTo(DataType.DOUBLE);
        double[] y = new double[d.n() * d.f() * d.plane()];
        for (int n = 0; n < d.n(); n++) {
            double[] cols = columns(s, d, xs, os, n);
            INDArray yn = w2.mmul(Nd4j.create(cols, new long[] {(long) d.c() * d.kk(), d.plane()}, 'c'));
            double[] v = yn.dup('c').data().asDouble();
            System.arraycopy(v, 0, y, n * d.f() * d.plane(), v.length);
        }
        INDArray out = Nd4j.create(y, new long[] {d.n(), d.f(), d.ho(), d.wo()}, 'c');
        if (b != null) {
            out.addi(b.castTo(DataType.DOUBLE).reshape(1, d.f(), 1, 1));
        }
        return out.castTo(t);
    }

    public static Grads backward(Spec s, INDArray x, INDArray off, INDArray w, INDArray b, INDArray dy) {
        Dims d = Dims.of(s, x, off, w);
        double[] xs = flat(x);
        double[] os = flat(off);
        double[] dys = flat(dy);
        int ck = d.c() * d.kk();
        INDArray w2 = w.reshape('c', d.f(), ck).castTo(DataType.DOUBLE);
        INDArray dw2 = Nd4j.zeros(DataType.DOUBLE, d.f(), ck);
        double[] dx = new double[xs.length];
        double[] doff = new double[os.length];
        for (int n = 0; n < d.n(); n++) {
            double[] dyn = new double[d.f() * d.plane()];
            System.arraycopy(dys, n * dyn.length, dyn, 0, dyn.length);
            INDArray dyArr = Nd4j.create(dyn, new long[] {d.f(), d.plane()}, 'c');
            INDArray cols = Nd4j.create(columns(s, d, xs, os, n), new long[] {ck, d.plane()}, 'c');
            dw2.addi(dyArr.mmul(cols.transpose()));
            double[] dcols = w2.transpose().mmul(dyArr).dup('c').data().asDouble();
            scatterColumns(s, d, xs, os, n, dcols, dx, doff);
        }
        DataType t = x.dataType();
        INDArray db = b == null
                ? null
                : Nd4j.create(dys, new long[] {d.n(), d.f(), d.plane()}, 'c')
                        .sum(0, 2)
                        .castTo(t);
        return new Grads(
                Nd4j.create(dx, x.shape(), 'c').castTo(t),
                Nd4j.create(doff, off.shape(), 'c').castTo(t),
                dw2.reshape('c', w.shape()).castTo(t),
                db);
    }

    /** Sampling position of tap kk of output (oy, ox) of image n: {y, x}. */
    private static double[] position(Spec s, Dims d, double[] os, int n, int kk, int oy, int ox) {
        int i = kk / s.kernel();
        int j = kk % s.kernel();
        int channels = (s.modulated() ? 3 : 2) * d.kk();
        int base = (n * channels + 2 * kk) * d.plane() + oy * d.wo() + ox;
        return new double[] {
            oy * s.stride() - s.pad() + i * s.dilation() + os[base],
            ox * s.stride() - s.pad() + j * s.dilation() + os[base + d.plane()]
        };
    }

    private static double mask(Spec s, Dims d, double[] os, int n, int kk, int p) {
        if (!s.modulated()) {
            return 1;
        }
        return os[(n * 3 * d.kk() + 2 * d.kk() + kk) * d.plane() + p];
    }

    /** The sampled (and modulated) columns [C·k², Ho·Wo] of image n. */
    private static double[] columns(Spec s, Dims d, double[] xs, double[] os, int n) {
        double[] cols = new double[d.c() * d.kk() * d.plane()];
        for (int kk = 0; kk < d.kk(); kk++) {
            for (int p = 0; p < d.plane(); p++) {
                double[] yx = position(s, d, os, n, kk, p / d.wo(), p % d.wo());
                double m = mask(s, d, os, n, kk, p);
                for (int c = 0; c < d.c(); c++) {
                    int plane = (n * d.c() + c) * d.h() * d.w();
                    cols[(c * d.kk() + kk) * d.plane() + p] =
                            m * Bilinear.sample(xs, plane, d.h(), d.w(), yx[0], yx[1]);
                }
            }
        }
        return cols;
    }

    /** The adjoint of {@link #columns}: column gradients into the input, the offsets and the mask. */
    private static void scatterColumns(
            Spec s, Dims d, double[] xs, double[] os, int n, double[] dcols, double[] dx, double[] doff) {
        int channels = (s.modulated() ? 3 : 2) * d.kk();
        for (int kk = 0; kk < d.kk(); kk++) {
            for (int p = 0; p < d.plane(); p++) {
                double[] yx = position(s, d, os, n, kk, p / d.wo(), p % d.wo());
                double m = mask(s, d, os, n, kk, p);
                double gy = 0;
                double gx = 0;
                double gm = 0;
                for (int c = 0; c < d.c(); c++) {
                    int plane = (n * d.c() + c) * d.h() * d.w();
                    double g = dcols[(c * d.kk() + kk) * d.plane() + p];
                    if (g == 0) {
                        continue;
                    }
                    Bilinear.scatter(dx, plane, d.h(), d.w(), yx[0], yx[1], g * m);
                    gy += g * m * Bilinear.slope(xs, plane, d.h(), d.w(), yx[0], yx[1], true);
                    gx += g * m * Bilinear.slope(xs, plane, d.h(), d.w(), yx[0], yx[1], false);
                    if (s.modulated()) {
                        gm += g * Bilinear.sample(xs, plane, d.h(), d.w(), yx[0], yx[1]);
                    }
                }
                int base = (n * channels + 2 * kk) * d.plane() + p;
                doff[base] += gy;
                doff[base + d.plane()] += gx;
                if (s.modulated()) {
                    doff[(n * channels + 2 * d.kk() + kk) * d.plane() + p] += gm;
                }
            }
        }
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void check(Spec s, Dims d, INDArray x, INDArray off, INDArray w) {
        int channels = (s.modulated() ? 3 : 2) * d.kk();
        if (x.rank() != 4
                || off.rank() != 4
                || off.size(0) != d.n()
                || off.size(1) != channels
                || w.size(1) != d.c()
                || w.size(2) != s.kernel()
                || w.size(3) != s.kernel()) {
            throw new IllegalArgumentException("deform_conv2d " + s + ": x " + java.util.Arrays.toString(x.shape())
                    + ", offsets " + java.util.Arrays.toString(off.shape()) + ", w "
                    + java.util.Arrays.toString(w.shape()));
        }
    }
}
