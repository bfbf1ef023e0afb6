package org.blockscope.export;

/**
 * What a network says about a batch of images: per image the class scores before the softmax
 * ({@code logits}) and the class probabilities, both as the engine computed them in float.
 */
public record Prediction(float[][] logits, float[][] probabilities) {

    /** The most probable class of image {@code i} (the first one on a tie). */
    public int best(int i) {
        float[] p = probabilities[i];
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    public int size() {
        return logits.length;
    }
}
