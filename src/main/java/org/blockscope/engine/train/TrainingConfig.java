package org.blockscope.engine.train;

/**
 * Settings of one training run.
 *
 */
public record TrainingConfig(
        OptimizerConfig optimizer, double learningRate, Schedule schedule, int batchSize, int epochs, long seed) {
    public TrainingConfig {
        if (learningRate <= 0 || batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("bad training config " + this);
        }
    }

    public static TrainingConfig sgd(double lr, int batchSize, int epochs) {
        return new TrainingConfig(
                new OptimizerConfig.Sgd(0.9, false, 5e-4), lr, new Schedule.Constant(), batchSize, epochs, 1);
    }

    public static TrainingConfig adam(double lr, int batchSize, int epochs) {
        return new TrainingConfig(OptimizerConfig.Adam.defaults(), lr, new Schedule.Constant(), batchSize, epochs, 1);
    }

    public TrainingConfig withSchedule(Schedule s) {
        return new TrainingConfig(optimizer, learningRate, s, batchSize, epochs, seed);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(optimizer, learningRate, schedule, batchSize, epochs, s);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(optimizer, learningRate, schedule, batchSize, e, seed);
    }
}
