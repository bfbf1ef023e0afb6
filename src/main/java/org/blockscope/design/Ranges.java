package org.blockscope.design;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The value ranges of a design space and how values are drawn from them. */
public final class Ranges {

    private Ranges() {}

    /** Whole numbers lo..hi (inclusive), drawn uniformly. */
    public record IntRange(int lo, int hi) {
        public IntRange {
            if (lo > hi) {
                throw new IllegalArgumentException("range [" + lo + ", " + hi + "] is empty");
            }
        }

        int draw(Random rng) {
            return lo + rng.nextInt(hi - lo + 1);
        }

        /** A multiple of {@code m} in the range, uniformly among them. */
        int drawMultiple(Random rng, int m) {
            int first = (lo + m - 1) / m;
            int last = hi / m;
            if (first > last) {
                throw new IllegalArgumentException("range [" + lo + ", " + hi + "] holds no multiple of " + m);
            }
            return m * (first + rng.nextInt(last - first + 1));
        }

        @Override
        public String toString() {
            return lo == hi ? Integer.toString(lo) : lo + "…" + hi;
        }
    }

    /** Numbers lo..hi, drawn uniformly (or log-uniformly) and rounded to two decimals. */
    public record RealRange(double lo, double hi, boolean log) {
        public RealRange {
            if (!(lo <= hi) || (log && lo <= 0)) {
                throw new IllegalArgumentException(
                        "range [" + lo + ", " + hi + "] is empty" + (log ? " or not positive" : ""));
            }
        }

        double draw(Random rng) {
            double u = rng.nextDouble();
            double v = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
            return Math.round(v * 100) / 100.0;
        }

        @Override
        public String toString() {
            return lo == hi ? text(lo) : text(lo) + "…" + text(hi);
        }
    }

    static <T> T choose(List<T> choices, Random rng) {
        return choices.get(rng.nextInt(choices.size()));
    }

    static String text(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
