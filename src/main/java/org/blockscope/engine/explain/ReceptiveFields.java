package org.blockscope.engine.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;

/**
 * Where each output value of each primitive looks on the input image: for every position of its output,
 * the rectangle of input pixels it depends on, clipped at the image borders. Each axis is followed from the
 * input through every primitive's own rule ({@link org.blockscope.primitive.PrimitiveRule#span}, the
 * per-position form of the cost model's receptive field size and jump), so the rectangles and the cost
 * model's figures come from the same place.
 */
public final class ReceptiveFields {

    /** Input pixels x0..x1, y0..y1 (inclusive). */
    public record Rect(int x0, int y0, int x1, int y1) {
        public int width() {
            return x1 - x0 + 1;
        }

        public int height() {
            return y1 - y0 + 1;
        }
    }

    private final Map<String, ReceptiveSpan> rows;
    private final Map<String, ReceptiveSpan> cols;
    private final Shape image;

    private ReceptiveFields(Map<String, ReceptiveSpan> rows, Map<String, ReceptiveSpan> cols, Shape image) {
        this.rows = rows;
        this.cols = cols;
        this.image = image;
    }

    public static ReceptiveFields of(ExpandedGraph g) {
        Map<String, ReceptiveSpan> rows = new HashMap<>();
        Map<String, ReceptiveSpan> cols = new HashMap<>();
        Shape image = null;
        for (PrimitiveNode p : g.nodes()) {
            Shape out = p.output();
            if (image == null && p.inputs().isEmpty()) {
                image = out;
            }
            rows.put(p.path(), through(p, p.inputs().stream().map(rows::get).toList(), out.height()));
            cols.put(p.path(), through(p, p.inputs().stream().map(cols::get).toList(), out.width()));
        }
        return new ReceptiveFields(rows, cols, image);
    }

    /** One primitive along one axis, given its inputs' spans; {@code outSize} is its output's extent. */
    private static ReceptiveSpan through(PrimitiveNode p, List<ReceptiveSpan> in, int outSize) {
        return p.kind().rule().span(p, in, outSize);
    }

    /** The image the rectangles lie on (the network's input shape). */
    public Shape image() {
        return image;
    }

    public boolean has(String path) {
        return rows.containsKey(path);
    }

    /** What output position (y, x) of primitive {@code path} sees ((0, 0) for a vector). */
    public Rect rect(String path, int y, int x) {
        ReceptiveSpan r = axis(rows, path);
        ReceptiveSpan c = axis(cols, path);
        if (y < 0 || y >= r.size() || x < 0 || x >= c.size()) {
            throw new IllegalArgumentException("position (" + y + ", " + x + ") outside the " + r.size() + "×"
                    + c.size() + " output of '" + path + "'");
        }
        return new Rect(c.lo()[x], r.lo()[y], c.hi()[x], r.hi()[y]);
    }

    /** The rectangle of the position under {@code (y, x)}, or empty if the path is unknown. */
    public Optional<Rect> find(String path, int y, int x) {
        return has(path) ? Optional.of(rect(path, y, x)) : Optional.empty();
    }

    private static ReceptiveSpan axis(Map<String, ReceptiveSpan> m, String path) {
        ReceptiveSpan a = m.get(path);
        if (a == null) {
            throw new IllegalArgumentException("no primitive '" + path + "'");
        }
        return a;
    }
}
