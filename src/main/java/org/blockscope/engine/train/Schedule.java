package org.blockscope.engine.train;

/** Learning rate over training, as a function of progress. */
public sealed interface Schedule {

    /** lr at {@code epoch} (0-based) plus {@code fraction} (0..1) of it, of {@code epochs} in all. */
    double lr(double baseLr, int epoch, double fraction, int epochs);

    record Constant() implements Schedule {
        @Override
        public double lr(double baseLr, int epoch, double fraction, int epochs) {
            return baseLr;
        }
    }

    /** lr × gamma^floor(epoch / every)   (PyTorch StepLR) */
    record Step(int every, double gamma) implements Schedule {
        public Step {
            if (every < 1) {
                throw new IllegalArgumentException("step every " + every + " epochs");
            }
        }

        @Override
        public double lr(double baseLr, int epoch, double fraction, int epochs) {
            return baseLr * Math.pow(gamma, epoch / every);
        }
    }

    /** lr × (1 + cos(π t / T)) / 2 per iteration, t = progress in epochs, T = epochs (SGDR without restarts). */
    record Cosine() implements Schedule {
        @Override
        public double lr(double baseLr, int epoch, double fraction, int epochs) {
            double t = Math.min(1.0, (epoch + fraction) / Math.max(1, epochs));
            return baseLr * 0.5 * (1 + Math.cos(Math.PI * t));
        }
    }
}
