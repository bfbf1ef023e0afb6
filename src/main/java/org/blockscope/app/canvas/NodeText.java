package org.blockscope.app.canvas;

import org.blockscope.graph.Node;
import org.blockscope.kind.Structural;

/**
 * The one-line summary of a node's key parameters shown on its skin, e.g. {@code 64 filters 3×3 /2},
 * {@code L=6 k=32} or {@code r=16}: each kind's table row states it; a group shows its size.
 */
public final class NodeText {

    private NodeText() {}

    public static String keyParams(Node n) {
        if (n.kind() == Structural.GROUP) {
            return n.body().graph().size() + " nodes";
        }
        return n.kind().keyParams(n.params());
    }
}
