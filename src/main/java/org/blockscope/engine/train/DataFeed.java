package org.blockscope.engine.train;

/**
 * Makes the batch sources of a run for the batch size and seed of its configuration. The data layer
 * adapts as {@code (size, seed) -> adapt(trainingData.trainingBatches(size, seed))}.
 */
@FunctionalInterface
public interface DataFeed {
    BatchSource batches(int batchSize, long seed);
}
