package org.blockscope.engine.train;

/** What a running {@link Trainer} reports to its listeners; immutable, delivered on the trainer's thread. */
public sealed interface TrainingEvent {

    /** @param iteration 0-based within the run; {@code imagesPerSecond} over this iteration */
    record IterationDone(double loss, double lr, double imagesPerSecond, int epoch, long iteration)
            implements TrainingEvent {}

    /** Means over the epoch's training batches (training mode) and over the validation set (NaN without one). */
    record EpochDone(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc)
            implements TrainingEvent {}

    record Finished(int epochs, long iterations) implements TrainingEvent {}

    record Failed(String reason) implements TrainingEvent {}

    record Paused(int epoch, long iteration) implements TrainingEvent {}

    record Resumed(int epoch, long iteration) implements TrainingEvent {}

    record Stopped(int epoch, long iteration) implements TrainingEvent {}
}
