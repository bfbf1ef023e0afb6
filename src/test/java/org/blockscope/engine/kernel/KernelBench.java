package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.backend.ConvSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Micro-benchmark (not a test): conv2d forward / backward, FLOAT, x 64x32x32x32 -> 32 channels, 3x3,
 * stride 1, pad 1, with bias; plus a few other kernels at the same size. Compare with ENGINE_NOTES
 * (13.8 ms forward, 21.5 ms backward). Run on a quiet machine:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.blockscope.engine.kernel.KernelBench}
 */
public final class KernelBench {
    public static void main(String[] args) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 32, 32, 32);
        INDArray w = Nd4j.rand(DataType.FLOAT, 32, 32, 3, 3).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 32);
        var spec = ConvSpec.of(3, 1, 1);
        INDArray y = Conv2dKernel.forward(spec, x, w, b);
        INDArray dy = Nd4j.rand(DataType.FLOAT, y.shape());
        time("conv2d forward", reps, () -> Conv2dKernel.forward(spec, x, w, b));
        time("conv2d backward", reps, () -> Conv2dKernel.backward(spec, x, w, b, dy));
        var g2 = new ConvSpec(3, 1, 1, 1, 1, 2, true);
        INDArray w2 = Nd4j.rand(DataType.FLOAT, 32, 16, 3, 3);
        time("conv2d groups=2 forward", reps, () -> Conv2dKernel.forward(g2, x, w2, b));
        time("conv2d groups=2 backward", reps, () -> Conv2dKernel.backward(g2, x, w2, b, dy));
        var d2 = new ConvSpec(3, 1, 2, 2, 2, 1, true);
        time("conv2d dilation=2 forward (no oneDNN)", Math.max(3, reps / 5), () -> Conv2dKernel.forward(d2, x, w, b));
        time(
                "conv2d dilation=2 backward (no oneDNN)",
                Math.max(3, reps / 5),
                () -> Conv2dKernel.backward(d2, x, w, b, dy));
        var dw = new DepthwiseConv2dKernel.Spec(3, 1, 1, 1, 1, true);
        INDArray wd = Nd4j.rand(DataType.FLOAT, 32, 1, 3, 3);
        time("depthwise forward", reps, () -> DepthwiseConv2dKernel.forward(dw, x, wd, b));
        time("depthwise backward", reps, () -> DepthwiseConv2dKernel.backward(dw, x, wd, b, dy));
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 32), beta = Nd4j.zeros(DataType.FLOAT, 32);
        INDArray rm = Nd4j.zeros(DataType.FLOAT, 32), rv = Nd4j.ones(DataType.FLOAT, 32);
        var bn = BatchNormKernel.forwardTrain(x, gamma, beta, rm, rv, 0.1, 1e-5);
        time("batchnorm train forward", reps, () -> BatchNormKernel.forwardTrain(x, gamma, beta, rm, rv, 0.1, 1e-5));
        time("batchnorm backward", reps, () -> BatchNormKernel.backward(bn.saved(), gamma, dy));
        time("relu forward", reps, () -> ActivationKernel.forward(Activation.RELU, x));
        time("relu backward", reps, () -> ActivationKernel.backward(Activation.RELU, x, dy));
        var pool = new PoolSpec(2, 2, 0, false);
        INDArray py = MaxPool2dKernel.forward(pool, x);
        time("maxpool 2x2 forward", reps, () -> MaxPool2dKernel.forward(pool, x));
        time("maxpool 2x2 backward", reps, () -> MaxPool2dKernel.backward(pool, x, py));
        INDArray s = Nd4j.rand(DataType.FLOAT, 64, 32);
        time("scale forward", reps, () -> ScaleKernel.forward(x, s));
        time("scale backward", reps, () -> ScaleKernel.backward(x, s, dy));
    }

    /** Times r; its outputs go back to the {@link BufferPool} after each call, as a model's do. */
    private static void time(String what, int reps, java.util.function.Supplier<Object> r) {
        for (int i = 0; i < 3; i++) {
            recycle(r.get());
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Object out = r.get();
            t[i] = (System.nanoTime() - t0) / 1e6;
            recycle(out);
        }
        java.util.Arrays.sort(t);
        System.out.printf("%-40s median %7.2f ms  min %7.2f ms%n", what, t[reps / 2], t[0]);
    }

    private static void recycle(Object o) {
        if (o instanceof INDArray a) {
            BufferPool.give(a.data());
        } else if (o instanceof ParamGrads g) {
            recycle(g.dx());
        } else if (o instanceof BatchNormKernel.TrainOut b) {
            recycle(b.y());
        }
    }
}
