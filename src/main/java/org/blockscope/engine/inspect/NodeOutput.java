package org.blockscope.engine.inspect;

import org.blockscope.graph.Shape;
import org.blockscope.kind.BlockKind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output of one primitive for one image: {@code value} is a private copy, [C, H, W] for a
 * feature map, [C] for a vector.
 */
public record NodeOutput(String path, BlockKind kind, String owner, Shape shape, INDArray value) {}
