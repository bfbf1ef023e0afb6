package org.blockscope.app.train;

import java.util.Locale;
import java.util.Optional;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Schedule;
import org.blockscope.engine.train.TrainingConfig;

/** What the user chose in the training panel; {@link #toConfig()} builds the engine's config (as the CLI does). */
public record TrainingSettings(
        Optimiser optimiser,
        double learningRate,
        LrSchedule schedule,
        int batchSize,
        int epochs,
        double valFraction,
        long seed,
        boolean augment) {

    public enum Optimiser {
        ADAM("Adam"),
        SGD("SGD (momentum 0.9)");

        private final String text;

        Optimiser(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public enum LrSchedule {
        CONSTANT("constant"),
        STEP("step (×0.1 every third of the epochs)"),
        COSINE("cosine");

        private final String text;

        LrSchedule(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(Optimiser.ADAM, 0.001, LrSchedule.CONSTANT, 64, 1, 0.2, 1, false);
    }

    /** Why these settings cannot train, quoting the bad value. */
    public Optional<String> problem() {
        if (epochs < 1) {
            return Optional.of("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            return Optional.of("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            return Optional.of("the learning rate must be positive, got " + learningRate);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            return Optional.of("the validation split must be in [0, 1), got " + valFraction);
        }
        return Optional.empty();
    }

    public TrainingConfig toConfig() {
        OptimizerConfig opt = optimiser == Optimiser.ADAM
                ? new OptimizerConfig.Adam(0.9, 0.999, 1e-8, 0)
                : new OptimizerConfig.Sgd(0.9, false, 0);
        Schedule s = switch (schedule) {
            case CONSTANT -> new Schedule.Constant();
            case STEP -> new Schedule.Step(Math.max(1, epochs / 3), 0.1);
            case COSINE -> new Schedule.Cosine();
        };
        return new TrainingConfig(opt, learningRate, s, batchSize, epochs, seed);
    }

    public Augmentation augmentation(boolean colour) {
        return !augment ? Augmentation.NONE : colour ? Augmentation.cropAndFlip() : Augmentation.cropOnly();
    }

    /** One line for the run list and the CSV header. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s lr %s (%s), batch %d, %d epoch%s, val %.0f%%, seed %d%s",
                optimiser == Optimiser.ADAM ? "Adam" : "SGD",
                learningRate,
                schedule.name().toLowerCase(Locale.ROOT),
                batchSize,
                epochs,
                epochs == 1 ? "" : "s",
                valFraction * 100,
                seed,
                augment ? ", augmented" : "");
    }
}
