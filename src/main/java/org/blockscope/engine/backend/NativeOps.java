package org.blockscope.engine.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Thin helper around libnd4j custom ops: outputs are allocated here, so no native shape call is made. */
public final class NativeOps {
    private NativeOps() {}

    /** Runs custom op {@code name} writing into {@code outputs}; inputs must not be null. */
    public static void exec(String name, INDArray[] inputs, INDArray[] outputs, int[] iArgs, double... tArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name)
                .addInputs(inputs)
                .addOutputs(outputs)
                .addIntegerArguments(iArgs);
        if (tArgs.length > 0) {
            Double[] t = new Double[tArgs.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = tArgs[i];
            }
            b.addFloatingPointArguments(t);
        }
        Nd4j.exec(b.build());
    }

    /**
     * Runs an op with libnd4j platform helpers (oneDNN) switched off. The switch is process-wide; other
     * threads running ops meanwhile just take the generic path. Workaround for oneDNN conv2d with
     * dilation > 1 in 1.0.0-M2.1 ("could not create a descriptor for a dilated convolution").
     */
    public static synchronized void execWithoutHelpers(
            String name, INDArray[] inputs, INDArray[] outputs, int[] iArgs, double... tArgs) {
        var env = Nd4j.getEnvironment();
        boolean before = env.helpersAllowed();
        env.allowHelpers(false);
        try {
            exec(name, inputs, outputs, iArgs, tArgs);
        } finally {
            env.allowHelpers(before);
        }
    }

    /**
     * The values of vector a as floats (what INDArray.toFloatVector gives). A dense FLOAT vector is read in one
     * bulk copy from its native buffer (toFloatVector and toDoubleVector cost 18-38 us a call here, this
     * 0.2-0.3 us for 16 to 64 values: per-channel parameters and statistics, read every pass); anything else
     * goes through toFloatVector.
     */
    public static float[] floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT
                || !a.isVector()
                || a.isView()
                || a.offset() != 0
                || a.ordering() != 'c'
                || a.length() > Integer.MAX_VALUE) {
            return a.toFloatVector();
        }
        float[] f = new float[(int) a.length()];
        a.data().asNioFloat().get(0, f, 0, f.length);
        return f;
    }

    /** The values of vector a as doubles (what INDArray.toDoubleVector gives): a FLOAT one through {@link #floats}. */
    public static double[] doubles(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            return a.toDoubleVector();
        }
        float[] f = floats(a);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Uninitialised output array (recycled from {@link BufferPool} when possible). */
    public static INDArray empty(DataType type, long... shape) {
        return BufferPool.take(type, shape);
    }

    /** Contiguous c-order array (no copy if already one). */
    public static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }
}
