package org.blockscope.engine.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One mini-batch: {@code features} is a FLOAT {@code [N, C, H, W]} array of normalised (and, for
 * training, augmented) images; {@code labels[i]} is the class index of image {@code i} (sparse
 * labels, use {@link #oneHot} when a one-hot matrix is needed); {@code indices[i]} is its position
 * in the {@link Dataset}. The array is freshly allocated for this batch: the consumer may keep it.
 */
public record Batch(INDArray features, int[] labels, int[] indices) {

    public int size() {
        return labels.length;
    }

    /** FLOAT {@code [N, classes]} with a 1 in each row's label column. */
    public INDArray oneHot(int classes) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            out.putScalar(i, labels[i], 1f);
        }
        return out;
    }
}
