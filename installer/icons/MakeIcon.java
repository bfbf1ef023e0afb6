import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the Blockscope application icon: three stacked feature-map "blocks" in perspective (a
 * small CNN) under a magnifying lens. Writes blockscope.png (256x256), blockscope.ico (Windows,
 * PNG-compressed entries 256/48/32/16) and blockscope.icns (macOS, PNG entries 256/128/32/16).
 *
 * <p>Run with the plain JDK, headless, no dependencies:
 * {@code java -Djava.awt.headless=true installer/icons/MakeIcon.java installer/icons}
 */
public final class MakeIcon {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        BufferedImage big = draw(256);
        ImageIO.write(big, "png", dir.resolve("blockscope.png").toFile());
        int[] icoSizes = {256, 48, 32, 16};
        byte[][] ico = new byte[icoSizes.length][];
        for (int i = 0; i < icoSizes.length; i++) {
            ico[i] = png(draw(icoSizes[i]));
        }
        Files.write(dir.resolve("blockscope.ico"), ico(icoSizes, ico));
        Files.write(dir.resolve("blockscope.icns"), icns(new String[] {"ic08", "ic07", "ic11", "ic04"},
                new byte[][] {png(draw(256)), png(draw(128)), png(draw(32)), png(draw(16))}));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = size / 256.0;
        g.scale(s, s);

        // background: rounded square, deep blue gradient
        g.setPaint(new GradientPaint(0, 0, new Color(0x1E3A8A), 0, 256, new Color(0x0F172A)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        // three feature-map slabs, drawn back to front, getting smaller and deeper (like a CNN)
        Color[] faces = {new Color(0x38BDF8), new Color(0x34D399), new Color(0xFBBF24)};
        double[][] slabs = { // x, y, width, height, depth
            {34, 58, 58, 120, 14}, {92, 76, 46, 90, 22}, {146, 92, 34, 62, 30}};
        for (int i = 0; i < slabs.length; i++) {
            slab(g, slabs[i], faces[i]);
        }

        // magnifying lens over the last slab
        g.setColor(new Color(255, 255, 255, 60));
        g.fill(new Ellipse2D.Double(128, 100, 88, 88));
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0xF8FAFC));
        g.draw(new Ellipse2D.Double(128, 100, 88, 88));
        g.setStroke(new BasicStroke(20, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(203, 175, 226, 206));
        g.dispose();
        return img;
    }

    /** A box seen from the front-right: front face, top face, right face. */
    private static void slab(Graphics2D g, double[] r, Color face) {
        double x = r[0], y = r[1], w = r[2], h = r[3], d = r[4];
        Path2D top = new Path2D.Double();
        top.moveTo(x, y);
        top.lineTo(x + d, y - d * 0.6);
        top.lineTo(x + w + d, y - d * 0.6);
        top.lineTo(x + w, y);
        top.closePath();
        Path2D side = new Path2D.Double();
        side.moveTo(x + w, y);
        side.lineTo(x + w + d, y - d * 0.6);
        side.lineTo(x + w + d, y + h - d * 0.6);
        side.lineTo(x + w, y + h);
        side.closePath();
        g.setColor(face.brighter());
        g.fill(top);
        g.setColor(face.darker());
        g.fill(side);
        g.setColor(face);
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x0F172A));
        g.draw(top);
        g.draw(side);
        g.draw(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed images (supported since Windows Vista). */
    static byte[] ico(int[] sizes, byte[][] pngs) {
        int n = sizes.length;
        int total = 6 + 16 * n;
        for (byte[] p : pngs) {
            total += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) n);
        int offset = 6 + 16 * n;
        for (int i = 0; i < n; i++) {
            int sz = sizes[i] >= 256 ? 0 : sizes[i];
            b.put((byte) sz).put((byte) sz).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32);
            b.putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        for (byte[] p : pngs) {
            b.put(p);
        }
        return b.array();
    }

    /** ICNS with PNG entries (ic08 256, ic07 128, ic11 32 (16@2x), ic04 16). */
    static byte[] icns(String[] types, byte[][] pngs) {
        int total = 8;
        for (byte[] p : pngs) {
            total += 8 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(total);
        for (int i = 0; i < types.length; i++) {
            b.put(types[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + pngs[i].length).put(pngs[i]);
        }
        return b.array();
    }
}
