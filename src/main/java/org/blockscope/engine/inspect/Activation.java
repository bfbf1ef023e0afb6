package org.blockscope.engine.inspect;

import org.blockscope.graph.Shape;

/** The output of one primitive for one image, as plain values: [C, H, W] or [C]. */
public record Activation(String path, String owner, Shape shape, Planes value) {}
