package org.blockscope.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One mini-batch: images x [N, C, H, W] and class labels, labels[i] for image i. */
public record Batch(INDArray x, int[] labels) {
    public Batch {
        if (x.size(0) != labels.length) {
            throw new IllegalArgumentException("batch of " + x.size(0) + " images but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
