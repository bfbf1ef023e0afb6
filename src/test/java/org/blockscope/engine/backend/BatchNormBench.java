package org.blockscope.engine.backend;

import java.util.Arrays;
import java.util.function.Supplier;
import org.blockscope.engine.kernel.ParamGrads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Micro-benchmark (not a test): channels-last training batch norm with ReLU, oneDNN against Java loops. */
public final class BatchNormBench {
    public static void main(String[] args) {
        org.blockscope.engine.NativeThreads.configure();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        for (int c : new int[] {16, 36, 48, 64, 96}) {
            INDArray xh = Nd4j.rand(DataType.FLOAT, 64, 32, 32, c).subi(0.5);
            INDArray dyh = Nd4j.rand(DataType.FLOAT, 64, 32, 32, c).subi(0.5);
            INDArray g = Nd4j.ones(DataType.FLOAT, c), b = Nd4j.zeros(DataType.FLOAT, c);
            float[] gf = g.toFloatVector(), bf = b.toFloatVector();
            INDArray y = NativeOps.empty(DataType.FLOAT, xh.shape());
            time(c + "ch Java fwd", reps, () -> {
                ChannelsLastBatchNorm.forwardTraining(xh, y, gf, bf, 1e-5, true);
                return null;
            });
            var st = ChannelsLastBatchNorm.forwardTraining(xh, y, gf, bf, 1e-5, true);
            double[] is = new double[c];
            for (int i = 0; i < c; i++) {
                is[i] = 1 / Math.sqrt(st.variance()[i] + 1e-5);
            }
            INDArray dx = NativeOps.empty(DataType.FLOAT, xh.shape());
            time(c + "ch Java bwd", reps, () -> {
                ChannelsLastBatchNorm.backward(xh, y, dyh, st.mean(), is, gf, dx, new double[c], new double[c]);
                return null;
            });
            if (c % 8 == 0) {
                time(
                        c + "ch oneDNN fwd",
                        reps,
                        () -> OneDnnBatchNorm.forwardTraining(xh, true, g, b, 1e-5, true)
                                .y());
                var o = OneDnnBatchNorm.forwardTraining(xh, true, g, b, 1e-5, true);
                time(
                        c + "ch oneDNN bwd",
                        reps,
                        () -> OneDnnBatchNorm.backward(o.saved(), true, g, b, dyh)
                                .dx());
            }
            time(c + "ch reorder to NCHW", reps, () -> ChannelsLast.toNchw(xh));
        }
    }

    private static void time(String what, int reps, Supplier<Object> r) {
        for (int i = 0; i < 5; i++) {
            recycle(r.get());
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Object out = r.get();
            t[i] = (System.nanoTime() - t0) / 1e6;
            recycle(out);
        }
        Arrays.sort(t);
        System.out.printf("  %-34s median %7.3f ms  min %7.3f ms%n", what, t[reps / 2], t[0]);
    }

    private static void recycle(Object o) {
        if (o instanceof INDArray a) {
            BufferPool.give(a.data());
        } else if (o instanceof ParamGrads g) {
            recycle(g.dx());
        }
    }
}
