package org.blockscope.analysis;

import java.util.Locale;
import org.blockscope.cost.Counting;

/** Number formats shared by the summary table and the app's labels. */
public final class Numbers {

    /** How a count beyond 64 bits is printed (see {@link Counting}). */
    static final String TOO_LARGE = "too large to count";

    private Numbers() {}

    /** {@code 25,557,032}. */
    public static String grouped(long n) {
        if (n == Counting.OVERFLOW) {
            return TOO_LARGE;
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 4.09 G}, {@code 272.5 K}, {@code 950}. */
    public static String compact(long n) {
        if (n == Counting.OVERFLOW) {
            return TOO_LARGE;
        }
        double v = n;
        String[] units = {"", " K", " M", " G", " T"};
        int u = 0;
        while (Math.abs(v) >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? Long.toString(n) : String.format(Locale.ROOT, v >= 100 ? "%.1f%s" : "%.2f%s", v, units[u]);
    }

    /** {@code 12.3 MB} (base 1024). */
    public static String bytes(long n) {
        if (n == Counting.OVERFLOW) {
            return TOO_LARGE;
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
