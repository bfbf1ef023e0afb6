package org.blockscope.app.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Normalization;
import org.blockscope.export.Prediction;
import org.blockscope.export.Predictor;
import org.blockscope.export.TrainedNetwork;

/**
 * The network's answer for the probe, ranked for the prediction bar: every class's probability as
 * {@link Predictor} computes it for {@code blockscope predict} (the same pass, the same numbers), with the
 * class names.
 */
public record TopClasses(float[] probabilities, List<String> classNames) {

    /** One class and its probability. */
    public record Ranked(int cls, String name, double probability) {}

    /** Predicts {@code image} (normalised, C×H×W) with {@code m}: call on the model's thread. */
    public static TopClasses of(Model m, float[] image, List<String> classNames, Normalization n) {
        Prediction p = Predictor.predict(TrainedNetwork.of(m, classNames, n), image);
        return new TopClasses(p.probabilities()[0], classNames);
    }

    /** The most probable class (the lower index on a tie, as {@link Prediction#best}). */
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
