package org.blockscope.primitive;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/**
 * One primitive of the fully expanded network. {@code path} is unique ({@code res2a/conv1}),
 * {@code inputs} are the paths of the primitives feeding it in port order, {@code owner} is the
 * top-level node it came from.
 */
public record PrimitiveNode(
        String path,
        Primitive kind,
        Params params,
        List<String> inputs,
        List<Shape> inputShapes,
        Shape output,
        String owner) {

    /** The path below its owner ({@code conv1} for {@code res2a/conv1}), or the name itself. */
    public String localName() {
        return path.equals(owner) ? path : path.substring(owner.length() + 1);
    }
}
