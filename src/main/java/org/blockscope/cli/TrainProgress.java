package org.blockscope.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.blockscope.engine.train.TrainingEvent;

/** A one-line progress bar with images/s and time left (only on a terminal). */
final class TrainProgress {
    private final PrintWriter err;
    private final int epochs;
    private final int perEpoch;
    private final boolean tty;
    private double rate;
    private long lastPrint;
    private final long started = System.currentTimeMillis();

    TrainProgress(PrintWriter err, int epochs, int perEpoch, boolean tty) {
        this.err = err;
        this.epochs = epochs;
        this.perEpoch = perEpoch;
        this.tty = tty;
    }

    void iteration(TrainingEvent.IterationDone it) {
        rate = rate == 0 ? it.imagesPerSecond() : 0.9 * rate + 0.1 * it.imagesPerSecond();
        long now = System.currentTimeMillis();
        if (!tty || now - lastPrint < 200) {
            return;
        }
        lastPrint = now;
        long done = it.iteration() + 1;
        long total = (long) epochs * perEpoch;
        double frac = Math.min(1, done / (double) total);
        int width = 30;
        int filled = (int) Math.round(frac * width);
        double elapsed = (now - started) / 1000.0;
        long secondsLeft = Math.round(elapsed / done * (total - done));
        err.printf(
                Locale.ROOT,
                "\r[%s%s] epoch %d/%d  loss %.4f  %.0f img/s  ETA %s   ",
                "#".repeat(filled),
                ".".repeat(width - filled),
                it.epoch() + 1,
                epochs,
                it.loss(),
                rate,
                eta(secondsLeft));
        err.flush();
    }

    double imagesPerSecond() {
        return rate;
    }

    void clear() {
        if (tty) {
            err.print("\r" + " ".repeat(90) + "\r");
            err.flush();
        }
    }

    private static String eta(long s) {
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
