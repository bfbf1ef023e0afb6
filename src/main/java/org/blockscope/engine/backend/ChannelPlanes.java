package org.blockscope.engine.backend;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct per-channel access to contiguous c-order [N, C, H, W] (or [N, C]) FLOAT/DOUBLE arrays, for
 * fused per-channel kernels written as plain Java loops. Channel c of image n is the contiguous plane
 * of H*W values at (n*C + c)*H*W. libnd4j's broadcast and pairwise ops cost 5-25 ms per pass over
 * 2M floats here (allocation, strided TADs); a fused Java loop reads each channel once from memory
 * and then from L2.
 *
 * <p>Planes are copied into small per-thread double scratch arrays with absolute bulk gets on the
 * array's own native buffer (no copy of the whole array), so one code path serves FLOAT and DOUBLE,
 * and all arithmetic is in double.
 */
public final class ChannelPlanes {
    public final INDArray array;
    public final int n;
    public final int c;
    public final int hw;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    /** @param a contiguous c-order array (see {@link #contiguous}) */
    public ChannelPlanes(INDArray a) {
        if (a.isView() || a.ordering() != 'c' || (a.rank() != 4 && a.rank() != 2)) {
            throw new IllegalArgumentException(
                    "need a contiguous [N,C,H,W] or [N,C] array, got " + java.util.Arrays.toString(a.shape()));
        }
        array = a;
        n = (int) a.size(0);
        c = (int) a.size(1);
        hw = a.rank() == 4 ? (int) (a.size(2) * a.size(3)) : 1;
        if (a.dataType() == DataType.FLOAT) {
            floats = a.data().asNioFloat();
            doubles = null;
        } else if (a.dataType() == DataType.DOUBLE) {
            floats = null;
            doubles = a.data().asNioDouble();
        } else {
            throw new IllegalArgumentException("FLOAT or DOUBLE only, got " + a.dataType());
        }
    }

    public static INDArray contiguous(INDArray a) {
        return NativeOps.contiguous(a);
    }

    /** Values per channel: N*H*W. */
    public int perChannel() {
        return n * hw;
    }

    private static final ThreadLocal<float[]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[1024]);

    private static float[] floatScratch(int len) {
        float[] f = FLOAT_SCRATCH.get();
        if (f.length < len) {
            f = new float[len];
            FLOAT_SCRATCH.set(f);
        }
        return f;
    }

    /** dst[0..hw) = plane (img, ch) */
    public void get(int img, int ch, double[] dst) {
        int off = (img * c + ch) * hw;
        if (doubles != null) {
            doubles.get(off, dst, 0, hw);
        } else {
            float[] f = floatScratch(hw);
            floats.get(off, f, 0, hw);
            for (int i = 0; i < hw; i++) {
                dst[i] = f[i];
            }
        }
    }

    /** plane (img, ch) = src[0..hw) */
    public void put(int img, int ch, double[] src) {
        int off = (img * c + ch) * hw;
        if (doubles != null) {
            doubles.put(off, src, 0, hw);
        } else {
            float[] f = floatScratch(hw);
            for (int i = 0; i < hw; i++) {
                f[i] = (float) src[i];
            }
            floats.put(off, f, 0, hw);
        }
    }

    public boolean isFloat() {
        return floats != null;
    }

    /** FLOAT arrays only: dst[0..hw) = plane (img, ch), no conversion */
    public void getF(int img, int ch, float[] dst) {
        floats.get((img * c + ch) * hw, dst, 0, hw);
    }

    /** FLOAT arrays only: plane (img, ch) = src[0..hw) */
    public void putF(int img, int ch, float[] src) {
        floats.put((img * c + ch) * hw, src, 0, hw);
    }

    private static final ThreadLocal<float[][]> FSCRATCH = ThreadLocal.withInitial(() -> new float[6][1024]);

    /** Per-thread float scratch plane k (0..5) of at least len floats (distinct from get/put's own). */
    public static float[] fscratch(int k, int len) {
        float[][] s = FSCRATCH.get();
        if (s[k].length < len) {
            s[k] = new float[len];
        }
        return s[k];
    }

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][1024]);

    /** Per-thread scratch plane k (0..3) of at least len doubles. */
    public static double[] scratch(int k, int len) {
        double[][] s = SCRATCH.get();
        if (s[k].length < len) {
            s[k] = new double[len];
        }
        return s[k];
    }

    /** Runs body(c) for every channel, the channels split over {@link Workers}. */
    public static void forEachChannel(int channels, long valuesPerChannel, java.util.function.IntConsumer body) {
        Workers.forEach(channels, valuesPerChannel * channels, body);
    }
}
