package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout with drop probability p: training y = x * mask, mask = keep / (1 - p) where
 * keep ~ Bernoulli(1 - p) drawn from a generator seeded by {@code seed}; inference y = x.
 * Backward: dx = dy * mask.
 */
public final class DropoutKernel {
    private DropoutKernel() {}

    public record TrainOut(INDArray y, INDArray mask) {}

    public static TrainOut forwardTrain(double p, long seed, INDArray x) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout p must be in [0, 1): " + p);
        }
        INDArray mask;
        try (Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
            INDArray u = Nd4j.rand(x.ulike(), rng);
            mask = u.gte(p).castTo(x.dataType()).divi(1.0 - p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new TrainOut(x.mul(mask), mask);
    }

    public static INDArray forwardInference(INDArray x) {
        return x;
    }

    public static INDArray backward(INDArray mask, INDArray dy) {
        return dy.mul(mask);
    }
}
