package org.blockscope.design;

import java.util.Locale;

/** Budgets as people write them: {@code 2000000}, {@code 2M}, {@code 50K}, {@code 1.5G}, {@code 2,000,000}. */
public final class Counts {

    private Counts() {}

    /** The count, or {@code Long.MAX_VALUE} (no limit) for null or blank text. */
    public static long parse(String what, String text) {
        if (text == null || text.isBlank()) {
            return Long.MAX_VALUE;
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replace("_", "").replace(",", "");
        double mult = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            mult = t.endsWith("K") ? 1e3 : t.endsWith("M") ? 1e6 : 1e9;
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t) * mult;
            if (v >= 1 && v < 9e18) {
                return (long) v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + ": expected a count like 2000000, 2M or 50K, got '" + text + "'");
    }
}
