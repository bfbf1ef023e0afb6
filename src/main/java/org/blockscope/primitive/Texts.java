package org.blockscope.primitive;

import java.util.Locale;
import org.blockscope.kind.Params;

/** Small text helpers shared by the rules. */
final class Texts {

    private Texts() {}

    static String window(Params p) {
        return square(p.getInt("kernel")) + stride(p);
    }

    static String stride(Params p) {
        int s = p.getInt("stride");
        return s > 1 ? " /" + s : "";
    }

    static String square(int k) {
        return k + "×" + k;
    }

    /** {@code 2} for 2.0, {@code 0.5} for 0.5. */
    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    static String padding(Params q) {
        return switch (q.getString("padding")) {
            case "same" -> ", 'same' padding";
            case "explicit" -> ", padding " + q.getInt("pad");
            default -> ", no padding";
        };
    }

    static double mean(Observed o) {
        return o == null ? Double.NaN : o.mean();
    }

    static double std(Observed o) {
        return o == null ? Double.NaN : o.std();
    }

    static Observed first(java.util.List<Observed> ins) {
        return ins.isEmpty() ? null : ins.get(0);
    }
}
