package org.blockscope.engine.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;

/**
 * Where each output value of each primitive looks on the input image: for every position of its output,
 * the rectangle of input pixels it depends on, clipped at the image borders. Worked out per axis by
 * following the windows of every convolution and pooling back to the input (a window that hangs over the
 * border sees only the pixels inside it), and the union over the inputs of merges. Away from the borders
 * the rectangle's side is the cost model's receptive-field size r and neighbouring outputs are its jump j
 * apart (r_out = r_in + (k_eff − 1)·j_in, j_out = j_in·s: Araujo et al. 2019, Distill); a squeeze-and-excitation
 * gate or a global pooling makes an output see the whole image.
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

    /** Per output position along one axis: the first and last input pixel seen. */
    private record Axis(int[] lo, int[] hi) {
        int size() {
            return lo.length;
        }

        static Axis identity(int n) {
            int[] lo = new int[n];
            for (int i = 0; i < n; i++) {
                lo[i] = i;
            }
            return new Axis(lo, lo.clone());
        }

        /** The union of every position: what a vector computed from the whole map sees. */
        Axis whole() {
            int l = Integer.MAX_VALUE;
            int h = Integer.MIN_VALUE;
            for (int i = 0; i < size(); i++) {
                l = Math.min(l, lo[i]);
                h = Math.max(h, hi[i]);
            }
            return new Axis(new int[] {l}, new int[] {h});
        }

        /** Output i of a window of k taps, stride s, padding pad, dilation d sees the taps inside the input. */
        Axis window(int outSize, int k, int s, int pad, int d) {
            int[] l = new int[outSize];
            int[] h = new int[outSize];
            for (int i = 0; i < outSize; i++) {
                l[i] = Integer.MAX_VALUE;
                h[i] = Integer.MIN_VALUE;
                for (int t = 0; t < k; t++) {
                    int q = i * s - pad + t * d;
                    if (q >= 0 && q < size()) {
                        l[i] = Math.min(l[i], lo[q]);
                        h[i] = Math.max(h[i], hi[q]);
                    }
                }
            }
            return new Axis(l, h);
        }

        /** Union with another input, position by position (a one-value axis is a vector: it joins every position). */
        Axis union(Axis o, int outSize) {
            int[] l = new int[outSize];
            int[] h = new int[outSize];
            for (int i = 0; i < outSize; i++) {
                int a = size() == 1 ? 0 : Math.min(i, size() - 1);
                int b = o.size() == 1 ? 0 : Math.min(i, o.size() - 1);
                l[i] = Math.min(lo[a], o.lo[b]);
                h[i] = Math.max(hi[a], o.hi[b]);
            }
            return new Axis(l, h);
        }
    }

    private final Map<String, Axis> rows;
    private final Map<String, Axis> cols;
    private final Shape image;

    private ReceptiveFields(Map<String, Axis> rows, Map<String, Axis> cols, Shape image) {
        this.rows = rows;
        this.cols = cols;
        this.image = image;
    }

    public static ReceptiveFields of(ExpandedGraph g) {
        Map<String, Axis> rows = new HashMap<>();
        Map<String, Axis> cols = new HashMap<>();
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

    /** One primitive along one axis, given its inputs' axes; {@code outSize} is its output's extent. */
    private static Axis through(PrimitiveNode p, List<Axis> in, int outSize) {
        Params q = p.params();
        return switch (p.kind()) {
            case INPUT -> Axis.identity(outSize);
            case CONV2D, DEPTHWISE_CONV2D ->
                in.get(0).window(outSize, q.getInt("kernel"), q.getInt("stride"), Padding.pad(q), dilation(q));
            // the learned offsets move each tap by any amount, depending on the image: no rectangle
            // smaller than the image bounds what a deformable conv may see
            case DEFORM_CONV2D -> in.get(0).whole().union(in.get(0).whole(), outSize);
            case MAX_POOL, AVG_POOL ->
                in.get(0).window(outSize, q.getInt("kernel"), q.getInt("stride"), Padding.pad(q), 1);
            case BATCH_NORM, ACTIVATION, DROPOUT, CHANNEL_SHUFFLE, CHANNEL_SPLIT -> in.get(0);
            case GLOBAL_AVG_POOL, FLATTEN, FULLY_CONNECTED, CLASSIFIER ->
                in.get(0).whole();
            case ADD, CONCAT, SCALE -> {
                Axis a = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    a = a.union(in.get(i), a.size());
                }
                yield a;
            }
        };
    }

    private static int dilation(Params q) {
        return q.has("dilation") ? q.getInt("dilation") : 1;
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
        Axis r = axis(rows, path);
        Axis c = axis(cols, path);
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

    private static Axis axis(Map<String, Axis> m, String path) {
        Axis a = m.get(path);
        if (a == null) {
            throw new IllegalArgumentException("no primitive '" + path + "'");
        }
        return a;
    }
}
