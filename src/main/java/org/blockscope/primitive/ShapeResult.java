package org.blockscope.primitive;

import org.blockscope.graph.Shape;

/** A primitive's output shape, or the user's mistake in words quoting the values (never an exception). */
public record ShapeResult(Shape shape, String error) {

    public static ShapeResult ok(Shape s) {
        return new ShapeResult(s, null);
    }

    public static ShapeResult error(String message) {
        return new ShapeResult(null, message);
    }

    public boolean ok() {
        return error == null;
    }
}
