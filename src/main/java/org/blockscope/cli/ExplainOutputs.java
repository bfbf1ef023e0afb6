package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.explain.GradCam;
import org.blockscope.engine.explain.Heatmap;
import org.blockscope.engine.explain.Occlusion;
import org.blockscope.engine.explain.Overlay;
import org.blockscope.engine.explain.OverlayPng;
import org.blockscope.engine.explain.Saliency;
import org.blockscope.graph.Shape;

/**
 * The explanation files of {@code inspect}: for Grad-CAM, saliency and occlusion, the map laid over the
 * image as a PNG and the map itself as CSV (one line per row). Grad-CAM's CSV is at the node's resolution
 * (the map as defined), its overlay resized to the image; saliency is per pixel; occlusion's CSV holds one
 * drop of probability per square position.
 */
record ExplainOutputs(
        Model model, float[] image, float[] photo, List<String> classNames, Path out, PrintWriter stdout) {

    /** A class name or index, or the predicted class for null. */
    int classOf(String wanted, int predicted) {
        if (wanted == null) {
            return predicted;
        }
        int i = classNames.indexOf(wanted);
        if (i >= 0) {
            return i;
        }
        try {
            int k = Integer.parseInt(wanted);
            if (k >= 0 && k < model.classCount()) {
                return k;
            }
        } catch (NumberFormatException e) {
            // not an index either
        }
        throw new IllegalArgumentException("no class '" + wanted + "'; classes are " + String.join(", ", classNames)
                + " (or 0.." + (model.classCount() - 1) + ")");
    }

    void gradCam(String node, int cls) throws IOException {
        String path = model.expanded().outputOf(node).map(p -> p.path()).orElse(node);
        GradCam cam = GradCam.compute(model, image, path, cls);
        Shape s = model.inputShape();
        Heatmap onImage = cam.onImage(s.height(), s.width());
        String name = "gradcam-" + node.replace('/', '.');
        write(
                name,
                onImage,
                cam.map(),
                0,
                Math.max(cam.map().max(), 1e-12f),
                String.format(
                        Locale.ROOT,
                        "Grad-CAM of '%s' at %s for %s (p = %.3f)",
                        node,
                        path,
                        className(cls),
                        cam.probability()));
    }

    void saliency(int cls) throws IOException {
        Saliency sal = Saliency.compute(model, image, cls);
        write(
                "saliency",
                sal.map(),
                sal.map(),
                0,
                Math.max(sal.map().max(), 1e-12f),
                String.format(Locale.ROOT, "gradient saliency for %s (p = %.3f)", className(cls), sal.probability()));
    }

    void occlusion(int cls, int patch, int stride, Normalization n) throws IOException {
        Shape s = model.inputShape();
        float[] grey = new float[s.channels()];
        for (int c = 0; c < grey.length; c++) {
            grey[c] = n.apply(0.5f, c);
        }
        Occlusion o = Occlusion.compute(model, image, cls, patch, stride, grey, () -> false);
        float hi = Math.max(Math.abs(o.onImage().min()), Math.abs(o.onImage().max()));
        write(
                "occlusion",
                o.onImage(),
                o.drops(),
                0,
                Math.max(hi, 1e-12f),
                String.format(
                        Locale.ROOT,
                        "occlusion (%d px grey squares, stride %d): drop of p(%s) = %.3f",
                        patch,
                        stride,
                        className(cls),
                        o.probability()));
    }

    private void write(String name, Heatmap onImage, Heatmap csv, float lo, float hi, String title) throws IOException {
        Shape s = model.inputShape();
        int[] argb = Overlay.argb(photo, s, onImage, lo, hi, 0.75f);
        Files.createDirectories(out);
        ImageIO.write(
                OverlayPng.render(argb, s.width(), s.height(), title, lo, hi),
                "png",
                out.resolve(name + ".png").toFile());
        Files.writeString(out.resolve(name + ".csv"), Overlay.csv(csv));
        stdout.printf(
                Locale.ROOT, "wrote %s.png (overlay) and %s.csv (%d×%d map)%n", name, name, csv.height(), csv.width());
    }

    private String className(int cls) {
        return cls < classNames.size() ? "'" + classNames.get(cls) + "'" : "class " + cls;
    }
}
