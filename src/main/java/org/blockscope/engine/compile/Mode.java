package org.blockscope.engine.compile;

/**
 * How a forward pass runs. TRAINING: batch norm uses batch statistics and updates its running
 * statistics, dropout drops, training-only classifier heads are evaluated. INFERENCE: running
 * statistics, no dropout, training-only heads skipped.
 */
public enum Mode {
    INFERENCE,
    TRAINING
}
