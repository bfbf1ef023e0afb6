package org.blockscope.engine.backend;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elementwise loops in Java over the arrays' native buffers (contiguous c-order FLOAT or DOUBLE).
 * Measured on 2M floats: ReLU 0.9 ms here against 5.4 ms for {@code Transforms.relu} (which also
 * allocates); the output allocation itself is cheap once buffers are freed and reused by malloc.
 */
public final class JavaLoops {
    private JavaLoops() {}

    /** Whether all arrays are contiguous c-order, of one type FLOAT or DOUBLE, and of equal length. */
    public static boolean applicable(INDArray... as) {
        DataType t = as[0].dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return false;
        }
        for (INDArray a : as) {
            if (a.isView()
                    || a.ordering() != 'c'
                    || a.dataType() != t
                    || a.length() != as[0].length()
                    || a.length() > Integer.MAX_VALUE
                    || a.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static final int CHUNK = 4096;

    /** Runs body over [0, n) in index ranges split between the {@link Workers} (whole chunks of 4096). */
    private static void chunks(int n, Workers.Range body) {
        int tasks = (n + CHUNK - 1) / CHUNK;
        Workers.forRanges(tasks, n, (from, to) -> body.run(from * CHUNK, (int) Math.min(n, (long) to * CHUNK)));
    }

    /** y = max(x, 0) */
    public static INDArray relu(INDArray x) {
        INDArray y = NativeOps.empty(x.dataType(), x.shape());
        int n = (int) x.length();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer a = x.data().asNioFloat(), b = y.data().asNioFloat();
            chunks(n, (from, to) -> {
                float[] p = ChannelPlanes.fscratch(0, CHUNK);
                for (int c = from; c < to; c += CHUNK) {
                    int len = Math.min(CHUNK, to - c);
                    a.get(c, p, 0, len);
                    for (int i = 0; i < len; i++) {
                        p[i] = Math.max(p[i], 0f); // vectorised (vmaxps)
                    }
                    b.put(c, p, 0, len);
                }
            });
        } else {
            DoubleBuffer a = x.data().asNioDouble(), b = y.data().asNioDouble();
            chunks(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    b.put(i, Math.max(a.get(i), 0.0));
                }
            });
        }
        return y;
    }

    /** dx = dy where x > 0, else 0 (PyTorch: gradient 0 at x = 0) */
    public static INDArray reluBackward(INDArray x, INDArray dy) {
        INDArray dx = NativeOps.empty(dy.dataType(), dy.shape());
        int n = (int) x.length();
        if (x.dataType() == DataType.FLOAT) {
            // the floats read as ints: the mask is pure int arithmetic, which the JIT vectorises
            IntBuffer a = ints(x), d = ints(dy), b = ints(dx);
            chunks(n, (from, to) -> {
                int[] p = ISCRATCH.get()[0], q = ISCRATCH.get()[1];
                for (int c = from; c < to; c += CHUNK) {
                    int len = Math.min(CHUNK, to - c);
                    a.get(c, p, 0, len);
                    d.get(c, q, 0, len);
                    for (int i = 0; i < len; i++) {
                        // keep dy iff x > 0, i.e. x's bits are a positive int (-0.0f and negatives give mask 0);
                        // branch-free: signs are random, a branch mispredicts half the time
                        int bits = p[i];
                        q[i] &= (-bits >> 31) & ~(bits >> 31);
                    }
                    b.put(c, q, 0, len);
                }
            });
        } else {
            DoubleBuffer a = x.data().asNioDouble(),
                    d = dy.data().asNioDouble(),
                    b = dx.data().asNioDouble();
            chunks(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    long bits = Double.doubleToRawLongBits(a.get(i));
                    long mask = (-bits >> 63) & ~(bits >> 63);
                    b.put(i, Double.longBitsToDouble(Double.doubleToRawLongBits(d.get(i)) & mask));
                }
            });
        }
        return dx;
    }

    private static final ThreadLocal<int[][]> ISCRATCH = ThreadLocal.withInitial(() -> new int[2][CHUNK]);

    /** The FLOAT array's native buffer seen as ints (same bits). */
    private static IntBuffer ints(INDArray a) {
        return a.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
    }

    /** y = a + b */
    public static INDArray add(INDArray a, INDArray b) {
        return add(a, b, false);
    }

    /** y = a + b, then max(y, 0) when relu */
    public static INDArray add(INDArray a, INDArray b, boolean relu) {
        INDArray y = NativeOps.empty(a.dataType(), a.shape());
        addInto(a, b, y, relu);
        return y;
    }

    /** a += b in place, then max(a, 0) when relu */
    public static void addInPlace(INDArray a, INDArray b, boolean relu) {
        addInto(a, b, a, relu);
    }

    /** a += b in place */
    public static void addInPlace(INDArray a, INDArray b) {
        addInto(a, b, a, false);
    }

    /** r = a + b (r may be a), then max(r, 0) when relu */
    private static void addInto(INDArray a, INDArray b, INDArray y, boolean relu) {
        int n = (int) a.length();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer p = a.data().asNioFloat(),
                    q = b.data().asNioFloat(),
                    r = y.data().asNioFloat();
            chunks(n, (from, to) -> {
                float[] u = ChannelPlanes.fscratch(0, CHUNK), v = ChannelPlanes.fscratch(1, CHUNK);
                for (int c = from; c < to; c += CHUNK) {
                    int len = Math.min(CHUNK, to - c);
                    p.get(c, u, 0, len);
                    q.get(c, v, 0, len);
                    for (int i = 0; i < len; i++) {
                        u[i] += v[i];
                    }
                    if (relu) {
                        for (int i = 0; i < len; i++) {
                            u[i] = Math.max(u[i], 0f);
                        }
                    }
                    r.put(c, u, 0, len);
                }
            });
        } else {
            DoubleBuffer p = a.data().asNioDouble(),
                    q = b.data().asNioDouble(),
                    r = y.data().asNioDouble();
            chunks(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    r.put(i, relu ? Math.max(p.get(i) + q.get(i), 0.0) : p.get(i) + q.get(i));
                }
            });
        }
    }

    /**
     * Copies, for every image n, the contiguous block of {@code len} values at {@code from + n*fromStride}
     * of {@code src} to {@code to + n*toStride} of {@code dst} (bulk copies on the native buffers).
     */
    public static void copyBlocks(
            INDArray src, long from, long fromStride, INDArray dst, long to, long toStride, long len, int images) {
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer a = src.data().asNioFloat(), b = dst.data().asNioFloat();
            for (int n = 0; n < images; n++) {
                b.put((int) (to + n * toStride), a, (int) (from + n * fromStride), (int) len);
            }
        } else {
            DoubleBuffer a = src.data().asNioDouble(), b = dst.data().asNioDouble();
            for (int n = 0; n < images; n++) {
                b.put((int) (to + n * toStride), a, (int) (from + n * fromStride), (int) len);
            }
        }
    }

    /** Whether arrays are contiguous c-order FLOAT/DOUBLE of one type (lengths may differ). */
    public static boolean contiguousSameType(INDArray... as) {
        DataType t = as[0].dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return false;
        }
        for (INDArray a : as) {
            if (a.isView()
                    || a.ordering() != 'c'
                    || a.dataType() != t
                    || a.length() > Integer.MAX_VALUE
                    || a.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
