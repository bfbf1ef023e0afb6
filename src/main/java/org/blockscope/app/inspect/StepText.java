package org.blockscope.app.inspect;

import java.util.List;
import java.util.Locale;
import org.blockscope.engine.compile.Mode;
import org.blockscope.graph.Params;
import org.blockscope.graph.Shape;
import org.blockscope.shape.PrimitiveNode;

/** The computation of one primitive in words, with the numbers of the current image. */
public final class StepText {

    private StepText() {}

    public static String describe(
            PrimitiveNode p, ChannelGrid out, List<ChannelGrid> ins, Mode mode, List<String> classNames) {
        Params q = p.params();
        Shape o = p.output();
        String in = p.inputShapes().isEmpty() ? "" : p.inputShapes().get(0).toString();
        ChannelGrid first = ins.isEmpty() ? null : ins.get(0);
        return switch (p.kind()) {
            case INPUT ->
                String.format(
                        Locale.ROOT,
                        "Input: the probe image as %s numbers (%s), normalised per channel "
                                + "with the training set's mean and std: values from %.2f to %.2f.",
                        o,
                        o.channels() == 1 ? "grey" : "RGB",
                        out.min(),
                        out.max());
            case CONV2D ->
                String.format(
                        Locale.ROOT,
                        "%d×%d conv, %d filters, stride %d%s%s: %s → %s. Each output "
                                + "value is a weighted sum of %d×%d×%d inputs%s.",
                        q.getInt("kernel"),
                        q.getInt("kernel"),
                        q.getInt("filters"),
                        q.getInt("stride"),
                        padding(q),
                        q.getInt("groups") > 1 ? ", " + q.getInt("groups") + " groups" : "",
                        in,
                        o,
                        q.getInt("kernel"),
                        q.getInt("kernel"),
                        p.inputShapes().get(0).channels() / q.getInt("groups"),
                        q.getBool("bias") ? " plus a bias" : "");
            case DEPTHWISE_CONV2D ->
                String.format(
                        Locale.ROOT,
                        "%d×%d depthwise conv, stride %d: one filter per channel, " + "channels do not mix: %s → %s.",
                        q.getInt("kernel"),
                        q.getInt("kernel"),
                        q.getInt("stride"),
                        in,
                        o);
            case BATCH_NORM ->
                mode == Mode.TRAINING
                        ? String.format(
                                Locale.ROOT,
                                "Batch norm, TRAINING mode: each channel is normalised with the mean "
                                        + "and variance of this batch (here the single probe image), not the running averages, then "
                                        + "scaled by γ and shifted by β: mean %.3f → %.3f, std %.3f → %.3f.",
                                mean(first),
                                out.stats().mean(),
                                std(first),
                                out.stats().std())
                        : String.format(
                                Locale.ROOT,
                                "Batch norm, inference mode: each channel is normalised with the running "
                                        + "mean and variance learned during training, then scaled by γ and shifted by β: mean %.3f → "
                                        + "%.3f, std %.3f → %.3f.",
                                mean(first),
                                out.stats().mean(),
                                std(first),
                                out.stats().std());
            case ACTIVATION -> activation(q.getString("function"), first, out);
            case MAX_POOL, AVG_POOL ->
                String.format(
                        Locale.ROOT,
                        "%d×%d %s pool, stride %d: %s of each window: %s → %s.",
                        q.getInt("kernel"),
                        q.getInt("kernel"),
                        p.kind().name().startsWith("MAX") ? "max" : "average",
                        q.getInt("stride"),
                        p.kind().name().startsWith("MAX") ? "keeps the largest" : "the mean",
                        in,
                        o);
            case GLOBAL_AVG_POOL ->
                String.format(
                        Locale.ROOT,
                        "Global average pool: each of the %d channels becomes " + "its mean: %s → %s.",
                        o.channels(),
                        in,
                        o);
            case FLATTEN ->
                String.format(
                        Locale.ROOT, "Flatten: the %s map is laid out as one vector of %d values.", in, o.channels());
            case FULLY_CONNECTED ->
                String.format(
                        Locale.ROOT,
                        "Fully connected, %d units: each output is a weighted sum " + "of all %d inputs%s: %s → %s.",
                        q.getInt("units"),
                        first == null ? 0 : first.values().length,
                        q.getBool("bias") ? " plus a bias" : "",
                        in,
                        o);
            case DROPOUT -> dropout(q.getDouble("rate"), mode, first, out);
            case ADD ->
                String.format(Locale.ROOT, "Add: the %d inputs are summed element by element: %s.", ins.size(), o);
            case CONCAT ->
                String.format(
                        Locale.ROOT,
                        "Concat: %s channels stacked: → %s.",
                        String.join(
                                " + ",
                                p.inputShapes().stream()
                                        .map(s -> Integer.toString(s.channels()))
                                        .toList()),
                        o);
            case SCALE ->
                String.format(
                        Locale.ROOT,
                        "Channel scale: each of the %d channels is multiplied by its SE "
                                + "weight (mean weight %.2f): %s.",
                        o.channels(),
                        ins.size() > 1 ? ins.get(1).stats().mean() : Double.NaN,
                        o);
            case CHANNEL_SHUFFLE ->
                String.format(
                        Locale.ROOT,
                        "Channel shuffle, %d groups: channels are interleaved " + "across groups: %s.",
                        q.getInt("groups"),
                        o);
            case CLASSIFIER -> classifier(out, classNames, mode, q);
            default -> p.kind().displayName() + ": " + in + " → " + o + ".";
        };
    }

    private static String padding(Params q) {
        String p = q.getString("padding");
        return switch (p) {
            case "same" -> ", 'same' padding";
            case "explicit" -> ", padding " + q.getInt("pad");
            default -> ", no padding";
        };
    }

    private static double mean(ChannelGrid g) {
        return g == null ? Double.NaN : g.stats().mean();
    }

    private static double std(ChannelGrid g) {
        return g == null ? Double.NaN : g.stats().std();
    }

    private static String activation(String f, ChannelGrid in, ChannelGrid out) {
        double neg = in == null ? Double.NaN : 100 * in.stats().negativeFraction();
        return switch (f) {
            case "relu" ->
                String.format(
                        Locale.ROOT,
                        "ReLU: %.0f%% of values were negative and became 0; the rest pass " + "unchanged (max %.3g).",
                        neg,
                        out.max());
            case "relu6" ->
                String.format(
                        Locale.ROOT,
                        "ReLU6: %.0f%% of values were negative and became 0; values " + "above 6 are capped at 6.",
                        neg);
            case "tanh" ->
                String.format(
                        Locale.ROOT,
                        "tanh squashes every value into (−1, 1): range [%.2f, %.2f] → " + "[%.2f, %.2f].",
                        in == null ? Double.NaN : in.min(),
                        in == null ? Double.NaN : in.max(),
                        out.min(),
                        out.max());
            case "sigmoid" ->
                String.format(
                        Locale.ROOT,
                        "Sigmoid squashes every value into (0, 1): range [%.2f, %.2f] → " + "[%.2f, %.2f]%s.",
                        in == null ? Double.NaN : in.min(),
                        in == null ? Double.NaN : in.max(),
                        out.min(),
                        out.max(),
                        out.isVector() ? " (these are the SE weights, one per channel)" : "");
            default ->
                String.format(Locale.ROOT, "%s: applied to every value; %.0f%% of inputs were negative.", f, neg);
        };
    }

    private static String dropout(double rate, Mode mode, ChannelGrid in, ChannelGrid out) {
        if (mode == Mode.INFERENCE) {
            return String.format(Locale.ROOT, "Dropout (rate %.2f) does nothing at inference: output = input.", rate);
        }
        int zeroed = 0;
        int nonzero = 0;
        if (in != null) {
            for (int i = 0; i < in.values().length; i++) {
                if (in.values()[i] != 0) {
                    nonzero++;
                    if (out.values()[i] == 0) {
                        zeroed++;
                    }
                }
            }
        }
        return String.format(
                Locale.ROOT,
                "Dropout (rate %.2f), TRAINING mode: active — %.0f%% of the values were set "
                        + "to 0 and the others multiplied by 1/(1 − %.2f) = %.2f.",
                rate,
                nonzero == 0 ? 0 : 100.0 * zeroed / nonzero,
                rate,
                1 / (1 - rate));
    }

    private static String classifier(ChannelGrid out, List<String> names, Mode mode, Params q) {
        int best = 0;
        for (int i = 1; i < out.values().length; i++) {
            if (out.values()[i] > out.values()[best]) {
                best = i;
            }
        }
        String name = best < names.size() ? names.get(best) : "class " + best;
        return String.format(
                Locale.ROOT,
                "Classifier: softmax turns the %d scores into probabilities that sum to 1; "
                        + "most likely: %s (%.1f%%).%s",
                out.values().length,
                name,
                100 * out.values()[best],
                q.getBool("trainingOnly") ? " This head is used only while training." : "");
    }
}
