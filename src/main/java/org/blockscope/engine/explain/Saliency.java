package org.blockscope.engine.explain;

import java.util.List;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Shape;

/**
 * Gradient saliency (Simonyan, Vedaldi and Zisserman 2014, section 3.1): the magnitude of the gradient
 * of the class score y^c (before the softmax) with respect to each pixel, the maximum of |∂y^c/∂x| over
 * the colour channels.
 *
 * @param gradient ∂y^c/∂x itself, C×H×W
 */
public record Saliency(int cls, Heatmap map, float[] gradient, double probability) {

    public static Saliency compute(Model m, float[] image, int cls) {
        String in = ClassScores.inputPath(m);
        ClassScores.Gradients g = ClassScores.gradient(m, image, cls, List.of(in));
        float[] grad = ClassScores.floats(g.at().get(in));
        Shape s = m.inputShape();
        int plane = s.height() * s.width();
        float[] map = new float[plane];
        for (int c = 0; c < s.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                map[i] = Math.max(map[i], Math.abs(grad[c * plane + i]));
            }
        }
        return new Saliency(cls, new Heatmap(s.height(), s.width(), map), grad, g.probabilities()[cls]);
    }
}
