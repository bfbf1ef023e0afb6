package org.blockscope.engine.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loops on channels-last FLOAT arrays [N, H, W, C] written with the Vector API, reading and writing the arrays'
 * native buffers directly (no heap copies). Only {@link Simd#available()} callers reach this class: it links
 * against {@code jdk.incubator.vector}. Each method handles one image, so that callers split images over
 * {@link Workers}.
 */
final class VectorLoops {
    private VectorLoops() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Pixels summed in float before the partial sum is added to a double accumulator. */
    private static final int BLOCK = 64;

    static String describe() {
        return F.vectorBitSize() + "-bit vectors";
    }

    /** Whether the arrays are dense FLOAT arrays whose bytes a ByteBuffer can address (below 2 GB). */
    static boolean fits(INDArray... as) {
        for (INDArray a : as) {
            if (a.dataType() != DataType.FLOAT
                    || a.isView()
                    || a.ordering() != 'c'
                    || a.isEmpty()
                    || a.length() * Float.BYTES > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** The array's whole native buffer, in native byte order. */
    static ByteBuffer bytes(INDArray a) {
        return a.data().asNio().order(NATIVE);
    }

    /**
     * SE scaling's backward for image img: dx = dy·s[img, c] and ds[img, c] = Σ over the hw pixels of dy·x, in
     * one pass over dy and x. Partial sums run in float over {@link #BLOCK} pixels and add up in double.
     */
    static void scaleBackward(
            ByteBuffer x, ByteBuffer dy, ByteBuffer dx, float[] s, float[] ds, int img, int hw, int c) {
        long base = (long) img * hw * c;
        double[] acc = new double[c];
        float[] lanes = new float[L];
        int vectorEnd = c - c % L; // channels [vectorEnd, c) go through the scalar loop
        for (int j0 = 0; j0 < vectorEnd; j0 += L) {
            FloatVector sv = FloatVector.fromArray(F, s, img * c + j0);
            for (int start = 0; start < hw; start += BLOCK) {
                FloatVector a = FloatVector.zero(F);
                for (int i = start, end = Math.min(hw, start + BLOCK); i < end; i++) {
                    int off = (int) ((base + (long) i * c + j0) * Float.BYTES);
                    FloatVector d = FloatVector.fromByteBuffer(F, dy, off, NATIVE);
                    a = d.fma(FloatVector.fromByteBuffer(F, x, off, NATIVE), a);
                    d.mul(sv).intoByteBuffer(dx, off, NATIVE);
                }
                a.intoArray(lanes, 0);
                for (int k = 0; k < L; k++) {
                    acc[j0 + k] += lanes[k];
                }
            }
        }
        if (vectorEnd < c) {
            for (int start = 0; start < hw; start += BLOCK) {
                for (int j = vectorEnd; j < c; j++) {
                    float a = 0;
                    float sj = s[img * c + j];
                    for (int i = start, end = Math.min(hw, start + BLOCK); i < end; i++) {
                        int off = (int) ((base + (long) i * c + j) * Float.BYTES);
                        float d = dy.getFloat(off);
                        a += d * x.getFloat(off);
                        dx.putFloat(off, d * sj);
                    }
                    acc[j] += a;
                }
            }
        }
        for (int j = 0; j < c; j++) {
            ds[img * c + j] = (float) acc[j];
        }
    }

    /**
     * values repeated to the smallest length that is a multiple of both c and the vector length: at any flat
     * index k of a channels-last array that is a multiple of the vector length, the lanes of channels
     * k % c, k % c + 1, ... start at {@code k % period} of it. A whole chunk then runs in full vectors.
     */
    static float[] tile(float[] values, int c) {
        int period = c / gcd(c, L) * L;
        float[] t = new float[period];
        for (int k = 0; k < period; k++) {
            t[k] = values[k % c];
        }
        return t;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * y[k] = x[k]·scale[k % c] + shift[k % c], then max(y, 0) when relu, for flat indices [from, to) of a
     * channels-last FLOAT array with c channels (batch norm at inference); scale and shift come
     * {@link #tile}d, from is a multiple of the vector length.
     */
    static void affine(ByteBuffer x, ByteBuffer y, float[] scale, float[] shift, boolean relu, int from, int to) {
        int period = scale.length;
        int k = from;
        int at = from % period; // a multiple of L: callers start ranges at multiples of the vector length
        FloatVector zero = FloatVector.zero(F);
        for (; k + L <= to; k += L) {
            int off = k * Float.BYTES;
            FloatVector v = FloatVector.fromByteBuffer(F, x, off, NATIVE)
                    .fma(FloatVector.fromArray(F, scale, at), FloatVector.fromArray(F, shift, at));
            if (relu) {
                v = v.max(zero);
            }
            v.intoByteBuffer(y, off, NATIVE);
            at += L;
            if (at == period) {
                at = 0;
            }
        }
        for (; k < to; k++) {
            int j = k % period;
            float v = x.getFloat(k * Float.BYTES) * scale[j] + shift[j];
            y.putFloat(k * Float.BYTES, relu ? Math.max(v, 0f) : v);
        }
    }

    /** The vector length in floats. */
    static int lanes() {
        return L;
    }
}
