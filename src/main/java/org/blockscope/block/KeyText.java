package org.blockscope.block;

import java.util.Locale;
import org.blockscope.kind.Params;

/** Small text helpers for the key parameters of named blocks. */
final class KeyText {

    private KeyText() {}

    static String stride(Params p) {
        int s = p.getInt("stride");
        return s > 1 ? " /" + s : "";
    }

    static String square(int k) {
        return k + "×" + k;
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
