package org.blockscope.engine.compile;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named array owned by a model: trainable parameters ({@code path/weight}, {@code path/bias},
 * {@code path/gamma}, {@code path/beta}) and state ({@code path/running_mean},
 * {@code path/running_var}). Values are updated in place, so the reference stays valid.
 */
public record Tensor(String name, INDArray value, boolean trainable) {}
