package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.JavaLoops;
import org.blockscope.engine.backend.NativeOps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward of {@link Activation}s on arrays of any shape. Backward takes the forward
 * input x (not the output). ReLU on contiguous FLOAT/DOUBLE arrays is a Java loop ({@link JavaLoops}),
 * and so is sigmoid on small contiguous FLOAT arrays (SE gates); otherwise ReLU, ReLU6, sigmoid and tanh backward are the native
 * {@code relu_bp}, {@code relu6_bp}, {@code sigmoid_bp}, {@code tanh_bp}; SiLU and hard-swish are
 * INDArray arithmetic.
 */
public final class ActivationKernel {
    private ActivationKernel() {}

    public static INDArray forward(Activation a, INDArray x) {
        if (a == Activation.RELU && JavaLoops.applicable(x)) {
            return JavaLoops.relu(x);
        }
        if (a == Activation.SIGMOID && smallFloats(x)) {
            return sigmoidLoop(x, null);
        }
        return switch (a) {
            case RELU -> Transforms.relu(x, true);
            case RELU6 -> Transforms.relu6(x, true);
            case SIGMOID -> Transforms.sigmoid(x, true);
            case TANH -> Transforms.tanh(x, true);
            case SILU -> Transforms.sigmoid(x, true).muli(x);
            case HARDSWISH -> Transforms.relu6(x.add(3.0), false).muli(x).divi(6.0);
        };
    }

    public static INDArray backward(Activation a, INDArray x, INDArray dy) {
        if (a == Activation.RELU && JavaLoops.applicable(x, dy)) {
            return JavaLoops.reluBackward(x, dy);
        }
        if (a == Activation.SIGMOID && smallFloats(x, dy)) {
            return sigmoidLoop(x, dy);
        }
        return switch (a) {
            case RELU -> nativeBp("relu_bp", x, dy, 0.0);
            case RELU6 -> nativeBp("relu6_bp", x, dy, 0.0);
            case SIGMOID -> nativeBp("sigmoid_bp", x, dy);
            case TANH -> nativeBp("tanh_bp", x, dy);
            case SILU -> {
                // d/dx x*s(x) = s * (1 + x * (1 - s))
                INDArray s = Transforms.sigmoid(x, true);
                yield s.rsub(1.0).muli(x).addi(1.0).muli(s).muli(dy);
            }
            case HARDSWISH -> {
                // PyTorch hardswish_backward: 0 for x < -3, x/3 + 1/2 for -3 <= x <= 3, 1 for x > 3
                INDArray g = Transforms.min(Transforms.max(x, -3.0, true), 3.0, false)
                        .divi(3.0)
                        .addi(0.5);
                g.addi(x.lt(-3.0).castTo(x.dataType()).muli(0.5));
                g.subi(x.gt(3.0).castTo(x.dataType()).muli(0.5));
                yield g.muli(dy);
            }
        };
    }

    private static INDArray nativeBp(String op, INDArray x, INDArray dy, double... tArgs) {
        INDArray dx = NativeOps.empty(x.dataType(), x.shape());
        NativeOps.exec(op, new INDArray[] {x, dy}, new INDArray[] {dx}, new int[0], tArgs);
        return dx;
    }

    /**
     * Arrays up to this many values run sigmoid as one Java loop: SE blocks' gates ([N, C], a few thousand
     * values), where ND4J's per-call cost dominated (48-87 us for 4,096 values, forward alone).
     */
    static final int SMALL = 1 << 16;

    private static boolean smallFloats(INDArray... as) {
        return JavaLoops.applicable(as) && as[0].dataType() == DataType.FLOAT && as[0].length() <= SMALL;
    }

    /** σ(x) when dy is null, else dy σ(x) (1 − σ(x)), σ in double per value, on contiguous FLOAT arrays. */
    private static INDArray sigmoidLoop(INDArray x, INDArray dy) {
        int n = (int) x.length();
        float[] v = new float[n];
        x.data().asNioFloat().get(0, v, 0, n);
        if (dy == null) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) (1 / (1 + Math.exp(-v[i])));
            }
        } else {
            float[] d = new float[n];
            dy.data().asNioFloat().get(0, d, 0, n);
            for (int i = 0; i < n; i++) {
                double s = 1 / (1 + Math.exp(-v[i]));
                v[i] = (float) (d[i] * s * (1 - s));
            }
        }
        INDArray y = NativeOps.empty(DataType.FLOAT, x.shape());
        y.data().asNioFloat().put(0, v, 0, n);
        return y;
    }
}
