package org.blockscope.app.inspect;

import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** A small histogram of a tensor's values (TensorStats bins), with min and max under it. */
public final class HistogramView extends Canvas {

    public HistogramView(double w, double h) {
        super(w, h);
    }

    public void show(TensorStats s) {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (s == null || s.count() == 0) {
            return;
        }
        int max = 1;
        for (int v : s.histogram()) {
            max = Math.max(max, v);
        }
        double plotH = getHeight() - 14;
        double bw = getWidth() / s.histogram().length;
        g.setFill(Color.web("#0072B2"));
        for (int i = 0; i < s.histogram().length; i++) {
            double h = plotH * s.histogram()[i] / max;
            g.fillRect(i * bw + 1, plotH - h, bw - 2, h);
        }
        if (s.min() < 0 && s.max() > 0) {
            double x = getWidth() * (-s.min()) / (s.max() - s.min());
            g.setStroke(Color.web("#D55E00"));
            g.strokeLine(x, 0, x, plotH);
        }
        g.setFill(Color.web("#333333"));
        g.fillText(String.format(Locale.ROOT, "%.3g", s.min()), 0, getHeight() - 2);
        String hi = String.format(Locale.ROOT, "%.3g", s.max());
        g.fillText(hi, getWidth() - 7 * hi.length(), getHeight() - 2);
    }
}
