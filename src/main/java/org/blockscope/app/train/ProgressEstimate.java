package org.blockscope.app.train;

import java.util.Locale;

/**
 * How far a run is and how long it still needs: time left = elapsed / done × (total − done), the
 * running average over the whole run (steadier than the last iteration's speed, which jumps at
 * validation passes).
 */
public record ProgressEstimate(long done, long total, double elapsedSeconds, double imagesPerSecond) {

    public double fraction() {
        return total <= 0 ? 0 : Math.min(1, done / (double) total);
    }

    /** Seconds left, or NaN before the first iteration. */
    public double secondsLeft() {
        if (done <= 0 || total <= 0) {
            return Double.NaN;
        }
        return Math.max(0, elapsedSeconds / done * (total - done));
    }

    public String text() {
        String speed =
                imagesPerSecond > 0 ? String.format(Locale.ROOT, "%,.0f images/s", imagesPerSecond) : "– images/s";
        double left = secondsLeft();
        String eta = Double.isNaN(left) ? "estimating time left…" : clock(Math.round(left)) + " left";
        return String.format(Locale.ROOT, "iteration %,d of %,d · %s · %s", done, total, speed, eta);
    }

    public static String clock(long s) {
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
