package org.blockscope.engine.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.inspect.ModelProbe;

/**
 * The network's answer for one image: every class's probability (softmax of the scores, inference mode)
 * and the classes ranked. The probabilities come from {@link ModelProbe#probabilities}, the engine's one
 * "class probabilities for one image" function.
 */
public record Prediction(double[] probabilities, List<String> classNames) {

    /** One class and its probability. */
    public record Ranked(int cls, String name, double probability) {}

    public static Prediction of(Model m, float[] image, List<String> classNames) {
        return new Prediction(ModelProbe.probabilities(m, image), classNames);
    }

    /** The most probable class (the lower index on a tie). */
    public int best() {
        int b = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[b]) {
                b = i;
            }
        }
        return b;
    }

    /** The {@code k} most probable classes, most probable first (lower index first on ties). */
    public List<Ranked> top(int k) {
        List<Ranked> all = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Ranked(i, name(i), probabilities[i]));
        }
        all.sort(Comparator.comparingDouble(Ranked::probability).reversed().thenComparingInt(Ranked::cls));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    public String name(int cls) {
        return cls < classNames.size() ? classNames.get(cls) : "class " + cls;
    }
}
