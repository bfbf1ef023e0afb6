package org.blockscope.engine.kernel;

/** Pointwise activations with PyTorch definitions. */
public enum Activation {
    /** max(0, x); gradient 0 at x = 0 */
    RELU,
    /** min(max(0, x), 6) */
    RELU6,
    /** 1 / (1 + e^-x) */
    SIGMOID,
    TANH,
    /** x * sigmoid(x) (SiLU / Swish) */
    SILU,
    /** x * relu6(x + 3) / 6 (Howard et al. 2019, MobileNetV3) */
    HARDSWISH
}
