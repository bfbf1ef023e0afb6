package org.blockscope.engine.memory;

import java.util.Locale;

/** Byte counts for messages, base 1024 like the summary table ({@code 12.3 MB}); saturating sums. */
public final class Bytes {

    private Bytes() {}

    public static String format(long n) {
        if (n == Long.MAX_VALUE) {
            return "more than 8 EB";
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code a × b}, or {@link Long#MAX_VALUE} when that does not fit (or either is negative: unknown). */
    static long times(long a, long b) {
        if (a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE}. */
    static long plus(long a, long b) {
        if (a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
