package org.blockscope.shape;

import java.util.List;
import org.blockscope.block.BlockKind;
import org.blockscope.graph.Params;
import org.blockscope.graph.Shape;

/**
 * Output shape of every primitive from its parameters and input shapes. A user mistake comes back
 * as {@link Result#error} with a message quoting the values; nothing here throws for bad input.
 */
public final class ShapeRules {

    private ShapeRules() {}

    public record Result(Shape shape, String error) {
        static Result ok(Shape s) {
            return new Result(s, null);
        }

        static Result error(String message) {
            return new Result(null, message);
        }

        public boolean ok() {
            return error == null;
        }
    }

    public static Result infer(BlockKind kind, Params p, List<Shape> in) {
        return switch (kind) {
            case INPUT -> Result.ok(Shape.map(p.getInt("channels"), p.getInt("height"), p.getInt("width")));
            case CONV2D -> conv(p, in.get(0), p.getInt("filters"), p.getInt("groups"), "Conv");
            case DEPTHWISE_CONV2D ->
                conv(
                        p,
                        in.get(0),
                        in.get(0).channels() * p.getInt("multiplier"),
                        in.get(0).channels(),
                        "Depthwise conv");
            case MAX_POOL, AVG_POOL -> pool(p, in.get(0), kind.displayName());
            case BATCH_NORM, ACTIVATION, DROPOUT -> Result.ok(in.get(0));
            case GLOBAL_AVG_POOL ->
                in.get(0).vector()
                        ? Result.error("needs a feature map C×H×W, got the vector " + in.get(0))
                        : Result.ok(Shape.vector(in.get(0).channels()));
            case FLATTEN -> Result.ok(flat(in.get(0)));
            case FULLY_CONNECTED -> Result.ok(Shape.vector(p.getInt("units")));
            case ADD -> add(in);
            case CONCAT -> concat(in);
            case SCALE -> scale(in);
            case CHANNEL_SHUFFLE -> shuffle(p, in.get(0));
            case CLASSIFIER ->
                in.get(0).vector() || in.get(0).elements() == in.get(0).channels()
                        ? Result.ok(Shape.vector(in.get(0).channels()))
                        : Result.error("needs class scores (a vector), got " + in.get(0)
                                + ": add Global avg pool or Flatten, then Fully connected");
            default -> throw new IllegalArgumentException(kind + " is not a primitive");
        };
    }

    private static Shape flat(Shape s) {
        long n = s.elements();
        return Shape.vector((int) Math.min(Integer.MAX_VALUE, n));
    }

    private static Result conv(Params p, Shape x, int filters, int groups, String what) {
        if (x.vector()) {
            return Result.error(
                    what + " needs a feature map C×H×W, got the vector " + x + " (use Fully connected on vectors)");
        }
        if (x.channels() % groups != 0) {
            return Result.error("input channels " + x.channels() + " are not divisible by groups " + groups);
        }
        if (filters % groups != 0) {
            return Result.error("filters " + filters + " are not divisible by groups " + groups);
        }
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        int d = p.getInt("dilation");
        int pad = Padding.pad(p);
        int h = Padding.convOut(x.height(), k, s, pad, d);
        int w = Padding.convOut(x.width(), k, s, pad, d);
        if (h <= 0 || w <= 0) {
            return Result.error("output size " + h + "×" + w + " ≤ 0: input " + x + " is smaller than kernel " + k
                    + (d > 1 ? " with dilation " + d : "") + " and padding " + pad);
        }
        return Result.ok(Shape.map(filters, h, w));
    }

    private static Result pool(Params p, Shape x, String what) {
        if (x.vector()) {
            return Result.error(what + " needs a feature map C×H×W, got the vector " + x);
        }
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        int pad = Padding.pad(p);
        if (pad > k / 2) {
            return Result.error("padding " + pad + " is more than half the kernel " + k);
        }
        boolean ceil = p.getBool("ceilMode");
        int h = Padding.poolOut(x.height(), k, s, pad, ceil);
        int w = Padding.poolOut(x.width(), k, s, pad, ceil);
        if (h <= 0 || w <= 0) {
            return Result.error("output size " + h + "×" + w + " ≤ 0: input " + x + " is smaller than the window " + k);
        }
        return Result.ok(Shape.map(x.channels(), h, w));
    }

    private static Result add(List<Shape> in) {
        Shape first = in.get(0);
        for (Shape s : in) {
            if (!s.equals(first)) {
                String hint = s.vector() == first.vector() ? " (use a projection shortcut)" : "";
                return Result.error("inputs differ, " + first + " vs " + s + hint);
            }
        }
        return Result.ok(first);
    }

    private static Result concat(List<Shape> in) {
        Shape first = in.get(0);
        int c = 0;
        for (Shape s : in) {
            if (s.vector() != first.vector()) {
                return Result.error("cannot concatenate a vector and a feature map: " + first + " and " + s);
            }
            if (!s.sameSpatial(first)) {
                return Result.error(
                        "inputs differ in height×width, " + first + " vs " + s + " (concat joins channels only)");
            }
            c += s.channels();
        }
        return Result.ok(first.vector() ? Shape.vector(c) : Shape.map(c, first.height(), first.width()));
    }

    private static Result scale(List<Shape> in) {
        Shape x = in.get(0);
        Shape gate = in.get(1);
        if (gate.elements() != gate.channels()) {
            return Result.error("port 1 needs one weight per channel (a vector), got " + gate);
        }
        if (gate.channels() != x.channels()) {
            return Result.error("the map has " + x.channels() + " channels but the weights have " + gate.channels());
        }
        return Result.ok(x);
    }

    private static Result shuffle(Params p, Shape x) {
        int g = p.getInt("groups");
        if (x.vector()) {
            return Result.error("needs a feature map C×H×W, got the vector " + x);
        }
        if (x.channels() % g != 0) {
            return Result.error("channels " + x.channels() + " are not divisible by groups " + g);
        }
        return Result.ok(x);
    }
}
