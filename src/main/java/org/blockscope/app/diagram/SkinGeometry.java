package org.blockscope.app.diagram;

import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Structural;

/**
 * Where things sit on a node skin, in document units. Fixed numbers (not measured from CSS) so that
 * edge ends, hit tests and layout agree without waiting for a layout pass. Presenter mode uses a
 * larger variant to fit its larger fonts.
 */
public record SkinGeometry(double width, double header, double line, double portGap, double portRadius) {

    public static final SkinGeometry NORMAL = new SkinGeometry(160, 22, 16, 14, 5);
    public static final SkinGeometry PRESENTER = new SkinGeometry(188, 28, 21, 18, 7);

    /** Three body lines: kind, key parameters, output shape. */
    public double height(int inputPorts) {
        double base = header + 3 * line + 8;
        return Math.max(base, header + (inputPorts + 1) * portGap);
    }

    /** Centre of input port {@code i} of {@code count}, relative to the node's top. */
    public double inputY(int i, int count, double height) {
        double body = height - header;
        if (count == 1) {
            return header + body / 2;
        }
        return header + body * (i + 1) / (count + 1);
    }

    public double outputY(double height) {
        return header + (height - header) / 2;
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

    /**
     * Control points {c1x, c1y, c2x, c2y} of the cubic curve of an edge from an output port (x1, y1)
     * to an input port (x2, y2). Forward edges leave and enter horizontally. An edge back to the left
     * (the wrap from the end of one band of the layout to the start of the next) sweeps through the
     * gap between the two rows instead of cutting across the canvas; on one row it loops below.
     */
    public static double[] edgeControls(double x1, double y1, double x2, double y2) {
        if (x2 >= x1 - 20) {
            double dx = Math.max(40, Math.abs(x2 - x1) * 0.5);
            return new double[] {x1 + dx, y1, x2 - dx, y2};
        }
        if (Math.abs(y2 - y1) < 60) {
            double below = Math.max(y1, y2) + 80;
            return new double[] {x1 + 160, below, x2 - 160, below};
        }
        // down past the source's corner, across the gap between the rows, and into the target from its
        // left (the lower row's ports sit half a node down)
        double dy = y2 - y1;
        return new double[] {x1 + 140, y1 + 0.75 * dy, x2 - 220, y1 + 0.2 * dy};
    }
}
