package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a primitive with one input and (up to) two parameter tensors.
 *
 * @param dx gradient w.r.t. the input, same shape as the input
 * @param dw gradient w.r.t. the weight (or BN gamma), same shape and layout as the weight
 * @param db gradient w.r.t. the bias (or BN beta), or null when the primitive has no bias
 */
public record ParamGrads(INDArray dx, INDArray dw, INDArray db) {}
