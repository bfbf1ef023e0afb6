package org.blockscope.graph;

/** Where a node sits on the canvas (document space, not screen pixels). */
public record Position(double x, double y) {
    public static final Position ORIGIN = new Position(0, 0);

    public Position plus(double dx, double dy) {
        return new Position(x + dx, y + dy);
    }
}
