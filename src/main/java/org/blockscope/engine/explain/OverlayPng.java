package org.blockscope.engine.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.blockscope.engine.inspect.FeatureMapImages;

/**
 * An overlay ({@link Overlay#argb}) as a picture for a file: enlarged with hard pixel edges to at least
 * 224 pixels, a title above, and the colour scale with its end values below. Plain AWT, so the command
 * line writes it without a display.
 */
public final class OverlayPng {

    private OverlayPng() {}

    public static BufferedImage render(int[] argb, int w, int h, String title, float lo, float hi) {
        int scale = Math.max(1, (int) Math.ceil(224.0 / Math.max(w, h)));
        int top = 22;
        int bottom = 34;
        int width = Math.max(w * scale, 300) + 16;
        BufferedImage img = new BufferedImage(width, top + h * scale + bottom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, 8, 15);
        int x0 = (width - w * scale) / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g.setColor(new Color(argb[y * w + x] & 0xFFFFFF));
                g.fillRect(x0 + x * scale, top + y * scale, scale, scale);
            }
        }
        int barY = top + h * scale + 8;
        int barW = 160;
        int barX = (width - barW) / 2;
        for (int i = 0; i < barW; i++) {
            g.setColor(new Color(FeatureMapImages.colour(i / (float) (barW - 1))));
            g.fillRect(barX + i, barY, 1, 10);
        }
        g.setColor(Color.DARK_GRAY);
        String l = String.format(Locale.ROOT, "%.3g", lo);
        String r = String.format(Locale.ROOT, "%.3g", hi);
        g.drawString(l, barX - 6 - g.getFontMetrics().stringWidth(l), barY + 10);
        g.drawString(r, barX + barW + 6, barY + 10);
        g.dispose();
        return img;
    }
}
