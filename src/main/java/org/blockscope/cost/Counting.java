package org.blockscope.cost;

/**
 * Counts that never wrap around. A product or sum beyond {@code Long.MAX_VALUE} stays at
 * {@link #OVERFLOW}, which the analysis reports as an error on the node, instead of a negative
 * figure (a 4096×4096 input with 65,536 filters of 31×31 would otherwise print negative MACs).
 */
public final class Counting {

    /** Stands for "too large to count in 64 bits". */
    public static final long OVERFLOW = Long.MAX_VALUE;

    private Counting() {}

    public static long times(long... factors) {
        long p = 1;
        boolean overflow = false;
        for (long f : factors) {
            if (f == 0) {
                return 0;
            }
            if (overflow) {
                continue;
            }
            if (f == OVERFLOW) {
                overflow = true;
                continue;
            }
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        return overflow ? OVERFLOW : p;
    }

    public static long plus(long a, long b) {
        if (a == OVERFLOW || b == OVERFLOW) {
            return OVERFLOW;
        }
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return OVERFLOW;
        }
    }

    /** Same for receptive fields, counted in int. */
    static int clamp(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }
}
