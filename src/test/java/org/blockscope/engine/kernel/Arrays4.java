package org.blockscope.engine.kernel;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test data helpers: seeded random arrays and flat double views. */
final class Arrays4 {
    private Arrays4() {}

    static INDArray rand(long seed, DataType type, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] d = new double[(int) n];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble() * 2 - 1;
        }
        return Nd4j.create(d, shape, 'c').castTo(type);
    }

    static INDArray rand(long seed, long... shape) {
        return rand(seed, DataType.DOUBLE, shape);
    }

    static double[] flat(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    static INDArray of(double[] d, long... shape) {
        return Nd4j.create(d, shape, 'c');
    }

    /** max |a - b| / max(1, |b|) */
    static double maxRelDiff(INDArray a, INDArray b) {
        double[] x = flat(a), y = flat(b);
        if (x.length != y.length) {
            throw new AssertionError("lengths " + x.length + " vs " + y.length);
        }
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
        }
        return m;
    }
}
