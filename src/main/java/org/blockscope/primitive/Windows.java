package org.blockscope.primitive;

import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** What convolutions and pools have in common: a k×k window slid with a stride. */
final class Windows {

    private Windows() {}

    static ShapeResult conv(Params p, Shape x, int filters, int groups, String what) {
        if (x.vector()) {
            return ShapeResult.error(
                    what + " needs a feature map C×H×W, got the vector " + x + " (use Fully connected on vectors)");
        }
        if (x.channels() % groups != 0) {
            return ShapeResult.error("input channels " + x.channels() + " are not divisible by groups " + groups);
        }
        if (filters % groups != 0) {
            return ShapeResult.error("filters " + filters + " are not divisible by groups " + groups);
        }
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        int d = p.getInt("dilation");
        int pad = Padding.pad(p);
        int h = Padding.convOut(x.height(), k, s, pad, d);
        int w = Padding.convOut(x.width(), k, s, pad, d);
        if (h <= 0 || w <= 0) {
            return ShapeResult.error("output size " + h + "×" + w + " ≤ 0: input " + x + " is smaller than kernel " + k
                    + (d > 1 ? " with dilation " + d : "") + " and padding " + pad);
        }
        return ShapeResult.ok(Shape.map(filters, h, w));
    }

    static ShapeResult pool(Params p, Shape x, String what) {
        if (x.vector()) {
            return ShapeResult.error(what + " needs a feature map C×H×W, got the vector " + x);
        }
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        int pad = Padding.pad(p);
        if (pad > k / 2) {
            return ShapeResult.error("padding " + pad + " is more than half the kernel " + k);
        }
        boolean ceil = p.getBool("ceilMode");
        int h = Padding.poolOut(x.height(), k, s, pad, ceil);
        int w = Padding.poolOut(x.width(), k, s, pad, ceil);
        if (h <= 0 || w <= 0) {
            return ShapeResult.error(
                    "output size " + h + "×" + w + " ≤ 0: input " + x + " is smaller than the window " + k);
        }
        return ShapeResult.ok(Shape.map(x.channels(), h, w));
    }

    static ReceptiveField through(PrimitiveNode n, ReceptiveField in) {
        Params q = n.params();
        int d = q.has("dilation") ? q.getInt("dilation") : 1;
        return in.through(q.getInt("kernel"), q.getInt("stride"), d);
    }

    /** The same window per output position (what {@link #through} summarises as size and jump). */
    static ReceptiveSpan span(PrimitiveNode n, ReceptiveSpan in, int outSize) {
        Params q = n.params();
        int d = q.has("dilation") ? q.getInt("dilation") : 1;
        return in.window(outSize, q.getInt("kernel"), q.getInt("stride"), Padding.pad(q), d);
    }

    static String convSize(PrimitiveNode n) {
        Shape in = n.inputShapes().get(0);
        Shape out = n.output();
        Params q = n.params();
        int k = q.getInt("kernel");
        int s = q.getInt("stride");
        int d = q.getInt("dilation");
        int pad = Padding.pad(q);
        String h = convLine(in.height(), k, s, pad, d, out.height());
        String w = convLine(in.width(), k, s, pad, d, out.width());
        return (in.height() == in.width() ? h : "height " + h + "; width " + w) + "  →  " + out;
    }

    static String poolSize(PrimitiveNode n) {
        Shape in = n.inputShapes().get(0);
        Shape out = n.output();
        Params q = n.params();
        int k = q.getInt("kernel");
        int s = q.getInt("stride");
        int pad = Padding.pad(q);
        boolean ceil = q.getBool("ceilMode");
        String h = poolLine(in.height(), k, s, pad, ceil, out.height());
        String w = poolLine(in.width(), k, s, pad, ceil, out.width());
        return (in.height() == in.width() ? h : "height " + h + "; width " + w) + "  →  " + out;
    }

    // out = floor((in + 2p - d(k-1) - 1) / s) + 1   (PyTorch Conv2d docs)
    static String convLine(int in, int k, int s, int p, int d, int out) {
        String num = d == 1 ? in + " + 2·" + p + " − " + k : in + " + 2·" + p + " − " + d + "·(" + k + " − 1) − 1";
        String body = s == 1 ? "(" + num + ")" : "⌊(" + num + ")/" + s + "⌋";
        return "out = " + body + " + 1 = " + out;
    }

    // out = floor-or-ceil((in + 2p - k) / s) + 1   (PyTorch MaxPool2d docs)
    static String poolLine(int in, int k, int s, int p, boolean ceil, int out) {
        String num = in + " + 2·" + p + " − " + k;
        String body = s == 1 ? "(" + num + ")" : (ceil ? "⌈(" : "⌊(") + num + ")/" + s + (ceil ? "⌉" : "⌋");
        return "out = " + body + " + 1 = " + out;
    }

    // r_out = r_in + (k_eff − 1)·j_in,  j_out = j_in·s   (Araujo et al. 2019, Distill)
    static String rf(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        Params q = n.params();
        int k = q.getInt("kernel");
        int d = q.has("dilation") ? q.getInt("dilation") : 1;
        int s = q.getInt("stride");
        String keff = d == 1 ? Integer.toString(k) : d + "·(" + k + " − 1) + 1";
        return "r = " + in.size() + " + (" + keff + " − 1)·" + in.jump() + " = " + out.size() + " px;  jump = "
                + in.jump() + "·" + s + " = " + out.jump();
    }

    /** A layer that sees the whole map (global pool, flatten, fully connected). */
    static ReceptiveField whole(PrimitiveNode n, ReceptiveField in) {
        Shape s = n.inputShapes().get(0);
        return s.vector() ? in : in.whole(Math.max(s.height(), s.width()));
    }

    static String wholeRf(PrimitiveNode n, ReceptiveField out) {
        return n.inputShapes().get(0).vector()
                ? "r = " + out.size() + " px (unchanged)"
                : "sees the whole map: r = " + out.size() + " px";
    }
}
