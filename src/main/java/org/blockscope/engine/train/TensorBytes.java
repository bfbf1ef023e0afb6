package org.blockscope.engine.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads one checkpoint tensor: exactly the declared number of bytes, every value finite. */
final class TensorBytes {

    private TensorBytes() {}

    static INDArray read(CheckpointZip zip, CheckpointManifest.TensorEntry t) throws CheckpointException {
        String where = zip.file() + ": " + t.file();
        byte[] data = zip.require(t.file(), t.bytes(), t.bytes() + " bytes of " + t.name());
        if (data.length != t.bytes()) {
            throw new CheckpointException(where + ": " + data.length + " bytes, expected " + t.bytes() + " for "
                    + t.name() + " " + t.shapeText() + (t.f64() ? " float64" : " float32"));
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) t.elements();
        if (t.f64()) {
            double[] d = new double[n];
            buf.asDoubleBuffer().get(d);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(d[i])) {
                    throw notFinite(where, t, i, d[i]);
                }
            }
            return Nd4j.create(d, t.shape(), 'c');
        }
        float[] f = new float[n];
        buf.asFloatBuffer().get(f);
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(f[i])) {
                throw notFinite(where, t, i, f[i]);
            }
        }
        return Nd4j.create(f, t.shape(), 'c');
    }

    private static CheckpointException notFinite(String where, CheckpointManifest.TensorEntry t, int i, double v) {
        return new CheckpointException(where + ": " + t.name() + " holds " + v + " (value " + i
                + "): the run that saved it had diverged; train again with a lower learning rate");
    }
}
