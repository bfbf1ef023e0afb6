package org.blockscope.graph;

import java.util.Objects;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;

/**
 * One block on the canvas. The name is unique in its graph and is how edges, diagnostics and the
 * file refer to it. {@code body} is set only for user-made groups ({@link org.blockscope.kind.Structural#GROUP}).
 */
public record Node(String name, BlockKind kind, Params params, Position position, Subgraph body) {

    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(position, "position");
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("node name must be non-blank and contain no '/': '" + name + "'");
        }
        if ((kind == Structural.GROUP) != (body != null)) {
            throw new IllegalArgumentException("a body is given exactly for GROUP nodes: " + name);
        }
    }

    /** A node with the kind's default parameters overridden by {@code params}. */
    public static Node of(String name, BlockKind kind, Params params) {
        return new Node(name, kind, kind.defaults().withAll(params), Position.ORIGIN, null);
    }

    public static Node of(String name, BlockKind kind) {
        return of(name, kind, Params.EMPTY);
    }

    public Node withParams(Params p) {
        return new Node(name, kind, p, position, body);
    }

    public Node withPosition(Position p) {
        return new Node(name, kind, params, p, body);
    }

    public Node withName(String n) {
        return new Node(n, kind, params, position, body);
    }

    /** Number of input ports this node currently shows (variadic kinds grow with their edges). */
    public int inputPortCount(int connected) {
        return kind.inputPorts(connected);
    }
}
