package org.blockscope.app.diagram;

import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/**
 * Where things sit on a node's box, in document units, and the font sizes drawn there. Fixed
 * numbers (not measured from CSS) so that ports, edges, hit tests, layout and the SVG agree
 * without waiting for a layout pass. Top to bottom, the inputs sit on the top edge and the output
 * in the middle of the bottom edge; left to right, on the left and right edges.
 */
public record SkinGeometry(double width, double header, double line, double portRadius, Direction direction) {

    public static final SkinGeometry NORMAL = new SkinGeometry(180, 24, 17, 5, Direction.DOWN);

    /** Title (bold) and the body lines, at full detail. */
    public static final double TITLE_FONT = 13;

    public static final double TEXT_FONT = 12;
    /** Name and shape when zoomed out (semantic zoom): larger, so they stay readable. */
    public static final double NAME_FONT = 22;

    public static final double NAME_SHAPE_FONT = 20;

    public SkinGeometry withDirection(Direction d) {
        return new SkinGeometry(width, header, line, portRadius, d);
    }

    /** Three body lines: kind, key parameters, output shape; left to right, room for every input port. */
    public double height(int inputPorts) {
        double base = header + 3 * line + 10;
        return direction == Direction.DOWN ? base : Math.max(base, header + (inputPorts + 1) * portGap());
    }

    private double portGap() {
        return 0.85 * line;
    }

    /** Centre of input port {@code i} of {@code count} of the node in {@code b}. */
    public Point input(Box b, int i, int count) {
        if (direction == Direction.DOWN) {
            return new Point(b.x() + b.width() * (i + 1) / (count + 1), b.y());
        }
        double body = b.height() - header;
        double y = count <= 1 ? header + body / 2 : header + body * (i + 1) / (count + 1);
        return new Point(b.x(), b.y() + y);
    }

    /** Centre of the output port of the node in {@code b}. */
    public Point output(Box b) {
        return direction == Direction.DOWN
                ? new Point(b.centreX(), b.maxY())
                : new Point(b.maxX(), b.y() + header + (b.height() - header) / 2);
    }

    /** Input ports drawn for {@code n}: variadic kinds show one free port after the highest used. */
    public static int inputPorts(Graph g, Node n) {
        if (n.kind() == Structural.GROUP) {
            return Math.max(1, (int) n.body().graph().nodes().stream()
                    .filter(x -> x.kind() == Structural.PORT)
                    .count());
        }
        int connected = g.inputs(n.name()).size();
        int highest = g.inputs(n.name()).stream().mapToInt(Edge::toPort).max().orElse(-1);
        return Math.max(n.kind().inputPorts(connected), n.kind().variadic() ? highest + 2 : 0);
    }

    /** Whether {@code n} has an output port (a Classifier ends the network). */
    public static boolean hasOutput(Node n) {
        return n.kind() != Primitive.CLASSIFIER;
    }

    /** The box of {@code n} at its position. */
    public Box box(Graph g, Node n) {
        return new Box(n.position().x(), n.position().y(), width, height(inputPorts(g, n)));
    }
}
