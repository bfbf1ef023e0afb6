package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.blockscope.analysis.NodeStats;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Node;

/**
 * One node on the canvas: a header with its name (coloured by category for named blocks), its
 * kind, key parameters and output shape, input ports on the left and the output port on the right.
 * Updated in place from immutable values; each setter returns early when nothing changed.
 */
final class NodeSkin extends Region {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    static final PseudoClass FILLED = PseudoClass.getPseudoClass("filled");

    /** A port circle; {@code index} is -1 for the output. */
    static final class Port extends Circle {
        final NodeSkin skin;
        final int index;

        Port(NodeSkin skin, int index) {
            this.skin = skin;
            this.index = index;
            getStyleClass().addAll("port", index < 0 ? "port-out" : "port-in");
        }

        boolean isOutput() {
            return index < 0;
        }
    }

    private final String name;
    private final Region header = new Region();
    private final SkinText title = new SkinText("node-title");
    private final SkinText kind = new SkinText("node-kind");
    private final SkinText cost = new SkinText("node-cost");
    private final SkinText params = new SkinText("node-params");
    private final SkinText shape = new SkinText("node-shape");
    private final List<Port> inputs = new ArrayList<>();
    private final Port output;
    private SkinGeometry geometry;
    private Node node;
    private NodeStats stats;
    private List<Diagnostic> diagnostics = List.of();
    private Tooltip tooltip;
    private double height;
    private Detail detail = Detail.FULL;
    private double outlineFont = SkinGeometry.NAME_FONT;

    NodeSkin(String name, SkinGeometry geometry) {
        this.name = name;
        this.geometry = geometry;
        getStyleClass().add("node-skin");
        header.getStyleClass().add("node-header");
        header.setManaged(false);
        output = new Port(this, -1);
        getChildren().addAll(header, title, kind, cost, params, shape, output);
        resize();
        setOnMouseEntered(e -> installTooltip());
    }

    String name() {
        return name;
    }

    /** Its box in document coordinates. */
    Box box() {
        return new Box(getLayoutX(), getLayoutY(), geometry.width(), height);
    }

    javafx.geometry.Bounds bounds() {
        Box b = box();
        return new javafx.geometry.BoundingBox(b.x(), b.y(), b.width(), b.height());
    }

    Node node() {
        return node;
    }

    double height() {
        return height;
    }

    SkinGeometry geometry() {
        return geometry;
    }

    List<Port> inputPorts() {
        return inputs;
    }

    Port outputPort() {
        return output;
    }

    /** Returns true when the node's box or its ports moved (so its edges need new curves). */
    boolean setNode(Node n, int portCount) {
        Node old = node;
        if (old == n && portCount == inputs.size()) {
            return false;
        }
        node = n;
        boolean geometryChanged = setPortCount(portCount);
        requestLayout();
        if (old == null || !old.kind().equals(n.kind())) {
            getStyleClass().removeIf(s -> s.startsWith("cat-") || s.equals("composite"));
            getStyleClass()
                    .add("cat-"
                            + n.kind()
                                    .category()
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'));
            if (n.kind().composite()) {
                getStyleClass().add("composite");
            }
            kind.setFull(n.kind().displayName());
        }
        if (old == null || !old.params().equals(n.params()) || old.kind() != n.kind() || old.body() != n.body()) {
            params.setFull(NodeText.keyParams(n));
        }
        title.setFull(n.name());
        if (old == null || !old.position().equals(n.position())) {
            relocate(n.position().x(), n.position().y());
            geometryChanged = true;
        }
        return geometryChanged || old == null;
    }

    private boolean setPortCount(int count) {
        if (count == inputs.size()) {
            return false;
        }
        while (inputs.size() > count) {
            getChildren().remove(inputs.remove(inputs.size() - 1));
        }
        while (inputs.size() < count) {
            Port p = new Port(this, inputs.size());
            inputs.add(p);
            getChildren().add(p);
        }
        resize();
        return true;
    }

    boolean setGeometry(SkinGeometry g) {
        if (g.equals(geometry)) {
            return false;
        }
        geometry = g;
        resize();
        return true;
    }

    private void resize() {
        height = geometry.height(inputs.size());
        setPrefSize(geometry.width(), height);
        setMinSize(geometry.width(), height);
        setMaxSize(geometry.width(), height);
        resize(geometry.width(), height);
        requestLayout();
    }

    void setStats(NodeStats s) {
        if (Objects.equals(s, stats)) {
            return;
        }
        stats = s;
        shape.setFull(s == null ? "?" : s.output().toString());
        long p = s == null ? 0 : s.cost().params();
        cost.setFull(p == 0 ? "" : Numbers.compact(p));
        requestLayout();
    }

    void setDiagnostics(List<Diagnostic> d) {
        if (d.equals(diagnostics)) {
            return;
        }
        diagnostics = d;
        boolean error = d.stream().anyMatch(Diagnostic::isError);
        pseudoClassStateChanged(ERROR, error);
        pseudoClassStateChanged(WARNING, !error && !d.isEmpty());
        if (!d.isEmpty()) {
            installTooltip(); // problems are worth showing at once, not on hover only
        }
    }

    /**
     * Semantic zoom: every line at FULL, name and shape larger at NAME, the name alone at OUTLINE
     * in {@code outlineFont} (document units, so that it is readable on screen).
     */
    void setDetail(Detail d, double outlineFont) {
        if (d == detail && (d != Detail.OUTLINE || Math.abs(outlineFont - this.outlineFont) < 0.01)) {
            return;
        }
        detail = d;
        this.outlineFont = outlineFont;
        boolean full = d == Detail.FULL;
        kind.want(full);
        cost.want(full);
        params.want(full);
        shape.want(d != Detail.OUTLINE);
        title.want(true);
        for (Port p : inputs) {
            p.setVisible(d != Detail.OUTLINE);
        }
        requestLayout();
    }

    Detail detail() {
        return detail;
    }

    /** The visible lines of text (for tests: their size on screen). */
    List<SkinText> texts() {
        return List.of(title, kind, cost, params, shape);
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    String shapeText() {
        return shape.full();
    }

    String tooltipText() {
        StringBuilder sb = new StringBuilder();
        if (!diagnostics.isEmpty()) {
            sb.append(diagnostics.stream()
                            .map(d -> (d.isError() ? "⛔ " : "⚠ ") + d.message())
                            .collect(Collectors.joining("\n")))
                    .append("\n\n");
        }
        sb.append(node.name()).append(" — ").append(node.kind().displayName());
        if (stats != null) {
            sb.append("\noutput ")
                    .append(stats.output())
                    .append("\nparams ")
                    .append(Numbers.grouped(stats.cost().params()))
                    .append("   MACs ")
                    .append(Numbers.compact(stats.cost().macs()));
        }
        sb.append("\n").append(node.kind().tooltip());
        return sb.toString();
    }

    /** Tooltips are made lazily: hundreds of skins should not each carry a popup. */
    private void installTooltip() {
        if (node == null) {
            return;
        }
        if (tooltip == null) {
            tooltip = new Tooltip();
            tooltip.setShowDelay(Duration.millis(350));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.getStyleClass().add("node-tooltip");
            tooltip.setOnShowing(e -> tooltip.setText(tooltipText()));
            Tooltip.install(this, tooltip);
        }
        tooltip.setText(tooltipText());
    }

    @Override
    protected void layoutChildren() {
        double w = geometry.width();
        double pad = 7;
        double hh = geometry.header();
        double lh = geometry.line();
        // zoomed out, the header colour fills the box: the name stands on it as on the header
        header.resizeRelocate(0, 0, w, detail == Detail.FULL ? hh : height);
        header.pseudoClassStateChanged(FILLED, detail != Detail.FULL);
        pseudoClassStateChanged(FILLED, detail != Detail.FULL); // the texts take the filled header's colours
        switch (detail) {
            case FULL -> {
                title.font(SkinGeometry.TITLE_FONT, true, false);
                for (SkinText t : List.of(kind, cost, params)) {
                    t.font(SkinGeometry.TEXT_FONT, false, false);
                }
                shape.font(SkinGeometry.TEXT_FONT, true, true);
                title.place(pad, 0, hh, w - 2 * pad);
                double y = hh + 4;
                double costW = Math.min(70, cost.getLayoutBounds().getWidth());
                cost.place(w - pad - costW, y, lh, 70);
                kind.place(pad, y, lh, w - 2 * pad - costW - 4);
                params.place(pad, y + lh, lh, w - 2 * pad);
                shape.place(pad, y + 2 * lh, lh, w - 2 * pad);
            }
            case NAME -> {
                shape.font(SkinGeometry.NAME_SHAPE_FONT, true, true);
                double body = height - 4;
                double nameH = body * 0.62; // room for a name in two lines
                boolean two = title.placeName(
                        pad / 2, 2, body / 2, nameH, w - pad, SkinGeometry.NAME_FONT, SkinGeometry.NAME_SHAPE_FONT);
                double top = two ? nameH : body / 2;
                shape.placeCentred(pad / 2, 2 + top, body - top, w - pad);
            }
            case OUTLINE -> {
                title.font(outlineFont, true, false);
                title.placeCentred(2, 0, height, w - 4);
            }
        }
        double r = geometry.portRadius();
        Box box = new Box(0, 0, w, height);
        for (Port p : inputs) {
            Point at = geometry.input(box, p.index, inputs.size());
            p.setRadius(r);
            p.setCenterX(at.x());
            p.setCenterY(at.y());
        }
        Point out = geometry.output(box);
        output.setVisible(node != null && SkinGeometry.hasOutput(node) && detail != Detail.OUTLINE);
        output.setRadius(r);
        output.setCenterX(out.x());
        output.setCenterY(out.y());
    }

    @Override
    protected double computePrefWidth(double h) {
        return geometry.width();
    }

    @Override
    protected double computePrefHeight(double w) {
        return height;
    }
}
