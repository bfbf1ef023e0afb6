package org.blockscope.app.ui;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The exported picture: the network's drawing under a title line (name and totals). Plain AWT, off the UI thread. */
final class PngExport {

    private PngExport() {}

    /** {@code picture} with {@code title} above it, drawn at {@code scale} (the picture's own). */
    static BufferedImage withTitle(BufferedImage picture, String title, double scale) {
        int header = (int) Math.round(44 * scale);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(17 * scale));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        int textWidth = pg.getFontMetrics(font).stringWidth(title) + (int) (40 * scale);
        pg.dispose();
        BufferedImage out = new BufferedImage(
                Math.max(picture.getWidth(), textWidth), picture.getHeight() + header, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(0xf7, 0xf8, 0xfa));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x1f, 0x29, 0x33));
        g.setFont(font);
        g.drawString(title, (int) (20 * scale), (int) (29 * scale));
        g.drawImage(picture, 0, header, null);
        g.dispose();
        return out;
    }
}
