package org.blockscope.engine.train;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Notices a run that has gone wrong: a loss that is not finite or has risen far above where it started,
 * or weights that are no longer finite. The message names the likely cause, checked in this order:
 * weight decay that removes more than a weight's size per step ({@code lr × weight decay ≥ 1}), a batch
 * norm with {@code eps} 0 whose output is not finite (0/0 on a channel with no spread), else the learning
 * rate.
 */
final class Divergence {

    /**
     * How far the loss may rise: 100 × the larger of its first value and ln K, the cross-entropy of a
     * uniform guess over K classes. A diverging run passes it within a few iterations (lr 1e6 reaches
     * 10^7); ordinary noise, even early spikes of a high learning rate, stays far below.
     */
    static final double FACTOR = 100;

    private final Model model;
    private final TrainingConfig config;
    private double start = Double.NaN;

    Divergence(Model model, TrainingConfig config) {
        this.model = model;
        this.config = config;
    }

    /** After the loss of one iteration (before the optimiser step): why to stop, if so. */
    Optional<String> afterLoss(double loss, double lr, int epoch, long iteration) {
        if (Double.isNaN(start) && Double.isFinite(loss)) {
            start = loss;
        }
        String where = " in epoch " + (epoch + 1) + ", iteration " + (iteration + 1);
        if (!Double.isFinite(loss)) {
            return Optional.of("the loss became " + loss + where + ": training diverged; " + advice(lr));
        }
        double limit = FACTOR * Math.max(start, Math.log(Math.max(2, model.classCount())));
        if (loss > limit) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "the loss rose to %.4g%s, more than %.0f times its start (%.4g): training diverged; %s",
                    loss,
                    where,
                    FACTOR,
                    start,
                    advice(lr)));
        }
        return Optional.empty();
    }

    /** After the optimiser step: why to stop if a weight is no longer finite. */
    Optional<String> afterStep(double lr, int epoch, long iteration) {
        for (Tensor t : model.parameters()) {
            if (!Double.isFinite(t.value().sumNumber().doubleValue()) && !allFinite(t.value())) {
                return Optional.of("the weights of " + t.name() + " became infinite or NaN in epoch " + (epoch + 1)
                        + ", iteration " + (iteration + 1) + ": training diverged; " + advice(lr));
            }
        }
        return Optional.empty();
    }

    private String advice(double lr) {
        double wd = config.optimizer().weightDecay();
        if (wd * lr >= 1) {
            return String.format(
                    Locale.ROOT,
                    "the weight decay is too large: with learning rate %s, weight decay %s takes more than a"
                            + " weight's whole size each step (lr × weight decay = %.3g); use a weight decay around"
                            + " 1e-4 to 5e-4",
                    number(lr),
                    number(wd),
                    wd * lr);
        }
        Optional<String> bn = batchNormWithoutEps();
        if (bn.isPresent()) {
            return "batch norm '" + bn.get() + "' has eps 0 and its output is not finite: a channel with no spread"
                    + " (e.g. blank or constant images) divides 0 by 0; use eps 1e-5";
        }
        return "lower the learning rate (now " + number(lr) + "; try one tenth of it)";
    }

    /** The first batch norm with eps 0 whose last output holds a NaN or infinity. */
    private Optional<String> batchNormWithoutEps() {
        Map<String, INDArray> outputs = model.activations();
        for (PrimitiveNode p : model.expanded().nodes()) {
            if (p.kind() == Primitive.BATCH_NORM && p.params().getDouble("eps") == 0) {
                INDArray out = outputs.get(p.path());
                if (out == null || !allFinite(out)) {
                    return Optional.of(p.path());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean allFinite(INDArray a) {
        return !BooleanIndexing.or(a, Conditions.isNan()) && !BooleanIndexing.or(a, Conditions.isInfinite());
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e4) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3
                ? String.format(Locale.ROOT, "%.3g", v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
