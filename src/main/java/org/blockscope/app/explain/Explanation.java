package org.blockscope.app.explain;

import java.util.List;
import java.util.Locale;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.explain.GradCam;
import org.blockscope.engine.explain.Heatmap;
import org.blockscope.engine.explain.Occlusion;
import org.blockscope.engine.explain.Saliency;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.inspect.Planes;
import org.blockscope.graph.Shape;

/**
 * One answer of the "where does it look" view, as plain values: the prediction, the map on the image's
 * grid with the range its colours span, the probe's pixels in [0, 1], and the output of the node
 * looked at (C×H×W) with the channel Grad-CAM weighs most.
 */
public record Explanation(
        ExplainViewModel.Method method,
        String node,
        String path,
        int cls,
        String title,
        Shape shape,
        float[] photo,
        Heatmap map,
        float lo,
        float hi,
        TopClasses prediction,
        Shape nodeShape,
        float[] activation,
        int strongestChannel) {

    /** Runs on the worker or trainer thread. */
    static Explanation compute(Model m, float[] probe, InspectionModel.Target t, ExplainViewModel.Request r) {
        TopClasses p = TopClasses.of(m, probe, t.classNames(), t.normalization());
        int cls = r.cls() >= 0 && r.cls() < m.classCount() ? r.cls() : p.best();
        Shape s = m.inputShape();
        Shape nodeShape = m.expanded().primitive(r.path()).orElseThrow().output();
        float[] photo = pixels(probe, t.normalization(), s);
        String which = String.format(
                Locale.ROOT,
                "'%s' (p = %.2f%s)",
                p.name(cls),
                p.probabilities()[cls],
                cls == p.best() ? ", predicted" : "");
        return switch (r.method()) {
            case GRAD_CAM -> {
                GradCam g = GradCam.compute(m, probe, r.path(), cls);
                int strongest = 0;
                for (int k = 1; k < g.channelWeights().length; k++) {
                    if (g.channelWeights()[k] > g.channelWeights()[strongest]) {
                        strongest = k;
                    }
                }
                yield new Explanation(
                        r.method(),
                        r.node(),
                        r.path(),
                        cls,
                        "Grad-CAM of '" + r.node() + "' for " + which,
                        s,
                        photo,
                        g.onImage(s.height(), s.width()),
                        0,
                        positive(g.map().max()),
                        p,
                        nodeShape,
                        g.activation(),
                        strongest);
            }
            case SALIENCY -> {
                Saliency sal = Saliency.compute(m, probe, cls);
                yield new Explanation(
                        r.method(),
                        r.node(),
                        r.path(),
                        cls,
                        "Gradient saliency |∂score/∂pixel| for " + which,
                        s,
                        photo,
                        sal.map(),
                        0,
                        positive(sal.map().max()),
                        p,
                        nodeShape,
                        activation(m, probe, r.path()),
                        0);
            }
            case OCCLUSION -> {
                int patch = Math.max(2, Math.min(s.height(), s.width()) / 4);
                float[] grey = new float[s.channels()];
                for (int c = 0; c < grey.length; c++) {
                    grey[c] = t.normalization().apply(0.5f, c);
                }
                Occlusion o = Occlusion.compute(m, probe, cls, patch, Math.max(1, patch / 2), grey, () -> false);
                float hi = Math.max(
                        Math.abs(o.onImage().min()), Math.abs(o.onImage().max()));
                yield new Explanation(
                        r.method(),
                        r.node(),
                        r.path(),
                        cls,
                        "Occlusion: drop of p(" + p.name(cls) + ") under a grey " + patch + "×" + patch
                                + " square, for " + which,
                        s,
                        photo,
                        o.onImage(),
                        0,
                        positive(hi),
                        p,
                        nodeShape,
                        activation(m, probe, r.path()),
                        0);
            }
        };
    }

    private static float positive(float v) {
        return v > 0 ? v : 1e-12f;
    }

    private static float[] activation(Model m, float[] probe, String path) {
        Planes a = ModelProbe.inference(m, probe, List.of(path)).get(path);
        return a == null ? new float[0] : a.values();
    }

    /** The probe's pixels in [0, 1] from its normalised values: x = x'·std + mean. */
    static float[] pixels(float[] normalised, Normalization n, Shape s) {
        int plane = s.height() * s.width();
        float[] out = new float[normalised.length];
        for (int i = 0; i < out.length; i++) {
            int c = i / plane;
            out[i] = normalised[i] * n.std(c) + n.mean(c);
        }
        return out;
    }

    /** The pixels of the overlay at this opacity (ARGB, H×W of the image). */
    public int[] overlay(double opacity) {
        return org.blockscope.engine.explain.Overlay.argb(photo, shape, map, lo, hi, (float) opacity);
    }
}
