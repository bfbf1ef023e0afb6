package org.blockscope.app.model;

import java.util.Locale;
import java.util.Map;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Diagram;
import org.blockscope.app.diagram.Direction;
import org.blockscope.app.diagram.Route;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * The network as a standalone SVG drawing, made from the graph model alone with the canvas's own
 * boxes and edge routes ({@link Diagram}): a rounded box per node (name, kind, output shape), a
 * path per edge in its role's colour, and a title line with the totals. {@code scale} 1.5 gives
 * the presenter sizes. Pure Java.
 */
public final class SvgExport {

    /** Node sizes are the canvas's own ({@link SkinGeometry#NORMAL}), so the drawing matches the screen. */
    public static final double NODE_WIDTH = SkinGeometry.NORMAL.width();

    public static final double NODE_HEIGHT = SkinGeometry.NORMAL.height(1);
    private static final double MARGIN = 24;
    private static final double TITLE = 34;

    private SvgExport() {}

    public static String svg(Graph g, NetworkAnalysis a) {
        return svg(g, a, Direction.infer(g), 1, "");
    }

    /** The drawing at {@code scale} (1 normal, 1.5 presenter), with {@code title} and the totals above it. */
    public static String svg(Graph g, NetworkAnalysis a, Direction dir, double scale, String title) {
        SkinGeometry geo = SkinGeometry.NORMAL.withDirection(dir);
        Map<String, Box> boxes = Diagram.boxes(g, geo);
        Map<Edge, Route> routes = Diagram.routes(g, geo, boxes);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Box b : boxes.values()) {
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.maxX());
            maxY = Math.max(maxY, b.maxY());
        }
        for (Route r : routes.values()) {
            for (var p : r.points()) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
            }
        }
        if (boxes.isEmpty()) {
            minX = minY = maxX = maxY = 0;
        }
        minX -= MARGIN;
        minY -= MARGIN + TITLE;
        maxX += MARGIN;
        maxY += MARGIN;
        double w = Math.max(maxX - minX, 420);
        double h = maxY - minY;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(f(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"%.1f %.1f %.1f %.1f\" "
                        + "font-family=\"DejaVu Sans, Segoe UI, Helvetica, sans-serif\">\n",
                w * scale, h * scale, minX, minY, w, h));
        sb.append(f(
                "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\"/>\n", minX, minY, w, h));
        sb.append(f(
                "  <text x=\"%.1f\" y=\"%.1f\" font-size=\"16\" font-weight=\"bold\" fill=\"#1f2933\">%s</text>\n",
                minX + MARGIN, minY + 24, escape(headline(title, a))));
        sb.append("  <g fill=\"none\" stroke-width=\"1.8\">\n");
        for (Route r : routes.values()) {
            sb.append(
                    f("    <path d=\"%s\" stroke=\"%s\"/>\n", r.svg(), r.role().colour()));
        }
        sb.append("  </g>\n");
        for (Node n : g.nodes()) {
            node(sb, n, boxes.get(n.name()), a);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** "ResNet-20 — 272,474 parameters · 40.8 M MACs per image". */
    public static String headline(String title, NetworkAnalysis a) {
        String totals = Numbers.grouped(a.total().params()) + " parameters · "
                + Numbers.compact(a.total().macs()) + " MACs per image";
        return title.isBlank() ? totals : title + " — " + totals;
    }

    private static void node(StringBuilder sb, Node n, Box b, NetworkAnalysis a) {
        boolean error =
                a.diagnostics().stream().anyMatch(d -> d.isError() && n.name().equals(d.node()));
        String shape =
                a.node(n.name()).map(NodeStats::output).map(Object::toString).orElse("?");
        String cost = a.node(n.name())
                .map(s -> s.cost().params() == 0
                        ? ""
                        : "  ·  " + Numbers.compact(s.cost().params()) + " params")
                .orElse("");
        sb.append(f("  <g class=\"node\" id=\"%s\">\n", escape(n.name())));
        sb.append(f(
                "    <rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                b.x(),
                b.y(),
                b.width(),
                b.height(),
                BlockColours.fill(n.kind().category()),
                error ? "#d32f2f" : BlockColours.stroke(n.kind().category())));
        sb.append(f(
                "    <text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\" fill=\"#1f2933\">%s</text>\n",
                b.x() + 10, b.y() + 18, escape(n.name())));
        sb.append(f(
                "    <text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#52606d\">%s</text>\n",
                b.x() + 10, b.y() + 38, escape(n.kind().displayName())));
        sb.append(f(
                "    <text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1f2933\">%s</text>\n",
                b.x() + 10, b.y() + 56, escape(shape + cost)));
        sb.append("  </g>\n");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
