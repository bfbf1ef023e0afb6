package org.blockscope.engine.explain;

import java.util.List;
import org.blockscope.engine.compile.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grad-CAM (Selvaraju et al. 2017, eqs. 1-2): for the feature maps A^k of one node and the score y^c of
 * class c before the softmax, the channel weights α_k = mean over (i, j) of ∂y^c/∂A^k_ij, and the map
 * L = ReLU(Σ_k α_k A^k) at the node's resolution; {@link #onImage} resizes it bilinearly to the image.
 *
 * @param activation the node's output A for this image, C×H×W
 * @param probability the softmax probability of {@code cls} for this image
 */
public record GradCam(
        String path, int cls, Heatmap map, float[] channelWeights, float[] activation, double probability) {

    /** Grad-CAM of class {@code cls} at the output of primitive {@code path} (a C×H×W map) for one image. */
    public static GradCam compute(Model m, float[] image, String path, int cls) {
        var node = m.expanded()
                .primitive(path)
                .orElseThrow(() -> new IllegalArgumentException("no primitive '" + path + "'"));
        if (node.output().vector()) {
            throw new IllegalArgumentException("'" + path + "' outputs the vector " + node.output()
                    + ": Grad-CAM needs a feature map (pick a convolution or a block before the pooling)");
        }
        ClassScores.Gradients g = ClassScores.gradient(m, image, cls, List.of(path));
        double[] grad = ClassScores.doubles(g.at().get(path));
        INDArray a = m.activation(path);
        double[] act = ClassScores.doubles(a);
        int c = node.output().channels();
        int h = node.output().height();
        int w = node.output().width();
        int plane = h * w;
        float[] alpha = new float[c];
        double[] sum = new double[plane];
        for (int k = 0; k < c; k++) {
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += grad[k * plane + i];
            }
            mean /= plane;
            alpha[k] = (float) mean;
            for (int i = 0; i < plane; i++) {
                sum[i] += mean * act[k * plane + i];
            }
        }
        float[] map = new float[plane];
        for (int i = 0; i < plane; i++) {
            map[i] = (float) Math.max(0, sum[i]);
        }
        float[] actFloats = new float[act.length];
        for (int i = 0; i < act.length; i++) {
            actFloats[i] = (float) act[i];
        }
        return new GradCam(path, cls, new Heatmap(h, w, map), alpha, actFloats, g.probabilities()[cls]);
    }

    /** The map resized to {@code h × w} (the image), bilinear. */
    public Heatmap onImage(int h, int w) {
        return map.resized(h, w);
    }
}
