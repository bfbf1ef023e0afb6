package org.blockscope.engine.train;

/** Which optimiser and its hyper-parameters (PyTorch definitions and defaults). */
public sealed interface OptimizerConfig {

    double weightDecay();

    /** SGD with momentum μ (0 = plain), optionally Nesterov; weight decay as L2 added to the gradient. */
    record Sgd(double momentum, boolean nesterov, double weightDecay) implements OptimizerConfig {}

    /** Adam (Kingma and Ba 2015), weight decay as L2 added to the gradient (PyTorch Adam). */
    record Adam(double beta1, double beta2, double eps, double weightDecay) implements OptimizerConfig {
        public static Adam defaults() {
            return new Adam(0.9, 0.999, 1e-8, 0);
        }
    }
}
