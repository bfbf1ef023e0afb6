package org.blockscope.engine.data;

/**
 * Everything a training run needs from the data layer. The normalisation is fitted on the training
 * part only and used for both parts (and for probes); augmentation applies to training batches only.
 */
public record TrainingData(Split split, Normalization normalization, Augmentation augmentation) {

    public TrainingData {
        normalization.checkChannels(split.train().shape().channels());
    }

    /** Fits the normalisation on {@code split.train()}. */
    public static TrainingData prepare(Split split, Augmentation augmentation) {
        return new TrainingData(split, Normalization.fit(split.train()), augmentation);
    }

    public Batches trainingBatches(int batchSize, long seed) {
        return Batches.training(split.train(), batchSize, normalization, augmentation, seed);
    }

    public Batches validationBatches(int batchSize) {
        return Batches.evaluation(split.validation(), batchSize, normalization);
    }

    public DataSummary summary() {
        return DataSummary.of(this);
    }
}
