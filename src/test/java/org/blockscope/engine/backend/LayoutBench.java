package org.blockscope.engine.backend;

import java.util.Arrays;
import java.util.function.Supplier;
import org.blockscope.engine.kernel.Activation;
import org.blockscope.engine.kernel.ActivationKernel;
import org.blockscope.engine.kernel.BatchNormKernel;
import org.blockscope.engine.kernel.Conv2dKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Micro-benchmark (not a test): one conv-BN-ReLU layer of ResNet-20 at batch 64, forward and backward,
 * NCHW (convolutions reordered to oneDNN's blocked layout and back, batch norm and ReLU as Java loops)
 * against NHWC end to end (oneDNN convolutions and batch norm with the ReLU fused, no reorders).
 */
public final class LayoutBench {
    public static void main(String[] args) {
        org.blockscope.engine.NativeThreads.configure();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("ISA " + OneDnn.isa());
        for (int[] l : new int[][] {{16, 32}, {32, 16}, {64, 8}}) {
            int c = l[0], hw = l[1];
            INDArray x = Nd4j.rand(DataType.FLOAT, 64, c, hw, hw).subi(0.5);
            INDArray w = Nd4j.rand(DataType.FLOAT, c, c, 3, 3).subi(0.5).muli(0.2);
            INDArray g = Nd4j.ones(DataType.FLOAT, c), b = Nd4j.zeros(DataType.FLOAT, c);
            INDArray rm = Nd4j.zeros(DataType.FLOAT, c), rv = Nd4j.ones(DataType.FLOAT, c);
            INDArray dy = Nd4j.rand(DataType.FLOAT, 64, c, hw, hw).subi(0.5);
            ConvSpec s = new ConvSpec(3, 1, 1, 1, 1, 1, false);
            INDArray xh = ChannelsLast.fromNchw(x), dyh = ChannelsLast.fromNchw(dy);
            String name = c + "ch " + hw + "x" + hw;
            double a1 = time(name + " NCHW conv fwd", reps, () -> Conv2dKernel.forward(s, x, w, null));
            double a2 = time(
                    name + " NCHW bn+relu fwd (Java)",
                    reps,
                    () -> BatchNormKernel.forwardTrain(x, g, b, rm, rv, 0.1, 1e-5, true)
                            .y());
            var bn = BatchNormKernel.forwardTrain(x, g, b, rm, rv, 0.1, 1e-5, true);
            double a3 = time(
                    name + " NCHW relu bwd (Java)", reps, () -> ActivationKernel.backward(Activation.RELU, bn.y(), dy));
            double a4 = time(
                    name + " NCHW bn bwd (Java)",
                    reps,
                    () -> BatchNormKernel.backward(bn.saved(), g, dy).dx());
            double a5 = time(
                    name + " NCHW conv bwd",
                    reps,
                    () -> Conv2dKernel.backward(s, x, w, null, dy).dx());
            double a6 = time(
                    name + " NCHW bn+relu fwd (oneDNN)",
                    reps,
                    () -> OneDnnBatchNorm.forwardTraining(x, false, g, b, 1e-5, true)
                            .y());
            var bno = OneDnnBatchNorm.forwardTraining(x, false, g, b, 1e-5, true);
            double a7 = time(
                    name + " NCHW bn+relu bwd (oneDNN)",
                    reps,
                    () -> OneDnnBatchNorm.backward(bno.saved(), false, g, b, dy).dx());
            double b1 =
                    time(name + " NHWC conv fwd", reps, () -> OneDnnConv.forwardTrainingChannelsLast(s, xh, w, null));
            double b2 = time(
                    name + " NHWC bn+relu fwd (oneDNN)",
                    reps,
                    () -> OneDnnBatchNorm.forwardTraining(xh, true, g, b, 1e-5, true)
                            .y());
            var bnh = OneDnnBatchNorm.forwardTraining(xh, true, g, b, 1e-5, true);
            double b3 = time(
                    name + " NHWC bn+relu bwd (oneDNN)",
                    reps,
                    () -> OneDnnBatchNorm.backward(bnh.saved(), true, g, b, dyh).dx());
            double b4 = time(name + " NHWC conv bwd", reps, () -> {
                INDArray dxh = NativeOps.empty(DataType.FLOAT, xh.shape());
                OneDnnConv.backwardChannelsLast(s, xh, w, dyh, dxh, NativeOps.empty(DataType.FLOAT, w.shape()), null);
                return dxh;
            });
            System.out.printf(
                    "%s: NCHW total %.2f ms (oneDNN BN: %.2f), NHWC total %.2f ms%n",
                    name, a1 + a2 + a3 + a4 + a5, a1 + a6 + a7 + a5, b1 + b2 + b3 + b4);
        }
    }

    private static double time(String what, int reps, Supplier<Object> r) {
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
        System.out.printf("  %-44s median %7.3f ms  min %7.3f ms%n", what, t[reps / 2], t[0]);
        return t[reps / 2];
    }

    private static void recycle(Object o) {
        if (o instanceof INDArray a) {
            BufferPool.give(a.data());
        } else if (o instanceof ParamGrads g) {
            recycle(g.dx());
        }
    }
}
