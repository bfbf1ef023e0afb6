package org.blockscope.app.inspect;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;

/**
 * Where a deformable conv looked: for one output position, each tap's regular grid point and the
 * point its learned offset moved it to (Dai et al. 2017, figure 5), with the tap's mask (v2), in
 * the coordinates of the conv's input map and of the probe image. Pure logic: no JavaFX.
 */
public final class DeformSampling {

    private DeformSampling() {}

    /** One tap: grid point and sampled point (y, x) in input-map pixels, and its mask (1 for v1). */
    public record Tap(double gridY, double gridX, double y, double x, double mask) {}

    /** The taps of output position (oy, ox), given the 2k² offsets (then k² mask values) of that position. */
    public static List<Tap> taps(Params p, int oy, int ox, double[] values) {
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        int d = p.getInt("dilation");
        int pad = Padding.pad(p);
        boolean modulated = p.getBool("modulated");
        List<Tap> taps = new ArrayList<>();
        for (int kk = 0; kk < k * k; kk++) {
            // tap (i, j) of output (oy, ox) reads (oy·s − p + i·d + Δy, ox·s − p + j·d + Δx)  (torchvision
            // deform_conv2d)
            double gy = oy * s - pad + (kk / k) * d;
            double gx = ox * s - pad + (kk % k) * d;
            taps.add(new Tap(
                    gy, gx, gy + values[2 * kk], gx + values[2 * kk + 1], modulated ? values[2 * k * k + kk] : 1));
        }
        return taps;
    }

    /** A map coordinate in image pixels: pixel centres line up ((y + ½)·H_image/H_map − ½). */
    public static double toImage(double v, int mapSize, int imageSize) {
        return (v + 0.5) * imageSize / mapSize - 0.5;
    }

    /** The output position whose grid centre lies nearest the image pixel (y, x) (for clicks on the image). */
    public static int[] outputAt(PrimitiveNode n, Shape image, double y, double x) {
        Shape in = n.inputShapes().get(0);
        Shape out = n.output();
        Params p = n.params();
        int s = p.getInt("stride");
        int centre = p.getInt("dilation") * (p.getInt("kernel") - 1) / 2 - Padding.pad(p);
        double my = (y + 0.5) * in.height() / image.height() - 0.5;
        double mx = (x + 0.5) * in.width() / image.width() - 0.5;
        int oy = (int) Math.round((my - centre) / s);
        int ox = (int) Math.round((mx - centre) / s);
        return new int[] {Math.max(0, Math.min(out.height() - 1, oy)), Math.max(0, Math.min(out.width() - 1, ox))};
    }

    /** The deformable convs of a network, in order. */
    public static List<PrimitiveNode> convs(ExpandedGraph g) {
        return g.nodes().stream()
                .filter(p -> p.kind() == Primitive.DEFORM_CONV2D)
                .toList();
    }
}
