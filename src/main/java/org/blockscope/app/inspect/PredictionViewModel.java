package org.blockscope.app.inspect;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.blockscope.engine.inspect.ModelProbe;

/**
 * What the model looked at says the probe image is: the most probable class and its probability,
 * right or wrong when the probe's class is known; live while a run trains. An untrained network
 * guesses among numbered classes and says so.
 */
public final class PredictionViewModel {

    /** The answer; {@code verdict} is "right", "wrong" or "" (the probe's class is unknown). */
    public record Prediction(String label, double probability, String verdict, boolean trained) {
        public String text() {
            return String.format(Locale.ROOT, "predicts %s (%.0f %%)", label, 100 * probability)
                    + (verdict.isEmpty() ? "" : verdict.equals("right") ? " ✓" : " ✗")
                    + (trained ? "" : " · untrained: random weights");
        }
    }

    private static final String KEY = "probe-prediction";

    private final InspectionModel inspection;
    private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");

    PredictionViewModel(InspectionModel inspection) {
        this.inspection = inspection;
        inspection.revisionProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    public ReadOnlyObjectProperty<Prediction> predictionProperty() {
        return prediction.getReadOnlyProperty();
    }

    void refresh() {
        InspectionModel.Target t = inspection.target();
        ProbeImage probe = inspection.probeProperty().get();
        if (t == null || probe == null) {
            prediction.set(null);
            inspection.access().stopSampling(KEY);
            return;
        }
        List<String> names = t.classNames();
        boolean trained = t.fixed() != null;
        String truth = probe.truth();
        InspectionModel.Job<Prediction> job =
                (m, image, target) -> answer(ModelProbe.probabilities(m, image), names, truth, trained);
        if (t.live()) {
            inspection.sampleWhileTraining(KEY, job, prediction::set);
        } else {
            inspection.access().stopSampling(KEY);
        }
        inspection.inspect(KEY, job, prediction::set, e -> prediction.set(null));
    }

    static Prediction answer(double[] p, List<String> names, String truth, boolean trained) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        String label = best < names.size() ? names.get(best) : "class " + best;
        String verdict = truth.isEmpty() || names.isEmpty() ? "" : truth.equals(label) ? "right" : "wrong";
        return new Prediction(label, p[best], verdict, trained);
    }
}
