package org.blockscope.app.model;

import java.util.Locale;
import java.util.Optional;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * The network as a standalone SVG drawing, made from the graph model alone: a rounded box per
 * node at its document position (name, kind, output shape), and a cubic curve per edge from the
 * right side of the source to the left side of the target. Pure Java.
 */
public final class SvgExport {

    /** Node sizes are the canvas's own ({@link SkinGeometry#NORMAL}), so the drawing matches the screen. */
    public static final double NODE_WIDTH = SkinGeometry.NORMAL.width();

    public static final double NODE_HEIGHT = SkinGeometry.NORMAL.height(1);
    private static final double MARGIN = 24;

    private SvgExport() {}

    public static String svg(Graph g, NetworkAnalysis a) {
        double minX =
                g.nodes().stream().mapToDouble(n -> n.position().x()).min().orElse(0) - MARGIN;
        double minY =
                g.nodes().stream().mapToDouble(n -> n.position().y()).min().orElse(0) - MARGIN;
        double maxX =
                g.nodes().stream().mapToDouble(n -> n.position().x()).max().orElse(0) + NODE_WIDTH + MARGIN;
        double maxY = g.nodes().stream()
                        .mapToDouble(n -> n.position().y() + height(g, n))
                        .max()
                        .orElse(0)
                + MARGIN;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"%.1f %.1f %.1f %.1f\" "
                        + "font-family=\"DejaVu Sans, Segoe UI, Helvetica, sans-serif\">\n",
                maxX - minX,
                maxY - minY,
                minX,
                minY,
                maxX - minX,
                maxY - minY));
        sb.append(String.format(
                Locale.ROOT,
                "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\"/>\n",
                minX,
                minY,
                maxX - minX,
                maxY - minY));
        sb.append("  <g fill=\"none\" stroke=\"#7a8699\" stroke-width=\"1.6\">\n");
        for (Edge e : g.edges()) {
            Optional<Node> from = g.find(e.from());
            Optional<Node> to = g.find(e.to());
            if (from.isEmpty() || to.isEmpty()) {
                continue;
            }
            double x1 = from.get().position().x() + NODE_WIDTH;
            double y1 = from.get().position().y() + SkinGeometry.NORMAL.outputY(height(g, from.get()));
            double x2 = to.get().position().x();
            int ports = SkinGeometry.inputPorts(g, to.get());
            double y2 = to.get().position().y()
                    + SkinGeometry.NORMAL.inputY(Math.min(e.toPort(), ports - 1), ports, height(g, to.get()));
            double[] c = SkinGeometry.edgeControls(x1, y1, x2, y2);
            sb.append(String.format(
                    Locale.ROOT,
                    "    <path d=\"M %.1f %.1f C %.1f %.1f, %.1f %.1f, %.1f %.1f\"/>\n",
                    x1,
                    y1,
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    x2,
                    y2));
        }
        sb.append("  </g>\n");
        for (Node n : g.nodes()) {
            double x = n.position().x();
            double y = n.position().y();
            boolean error = a.diagnostics().stream()
                    .anyMatch(d -> d.isError() && n.name().equals(d.node()));
            String shape = a.node(n.name())
                    .map(NodeStats::output)
                    .map(Object::toString)
                    .orElse("?");
            String cost = a.node(n.name())
                    .map(s -> s.cost().params() == 0
                            ? ""
                            : "  ·  " + Numbers.compact(s.cost().params()) + " params")
                    .orElse("");
            sb.append(String.format(Locale.ROOT, "  <g class=\"node\" id=\"%s\">\n", escape(n.name())));
            sb.append(String.format(
                    Locale.ROOT,
                    "    <rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                    x,
                    y,
                    NODE_WIDTH,
                    height(g, n),
                    BlockColours.fill(n.kind().category()),
                    error ? "#d32f2f" : BlockColours.stroke(n.kind().category())));
            sb.append(String.format(
                    Locale.ROOT,
                    "    <text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\" fill=\"#1f2933\">%s</text>\n",
                    x + 10,
                    y + 22,
                    escape(n.name())));
            sb.append(String.format(
                    Locale.ROOT,
                    "    <text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#52606d\">%s</text>\n",
                    x + 10,
                    y + 39,
                    escape(n.kind().displayName())));
            sb.append(String.format(
                    Locale.ROOT,
                    "    <text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#1f2933\">%s</text>\n",
                    x + 10,
                    y + 55,
                    escape(shape + cost)));
            sb.append("  </g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double height(Graph g, Node n) {
        return SkinGeometry.NORMAL.height(Math.max(1, SkinGeometry.inputPorts(g, n)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
