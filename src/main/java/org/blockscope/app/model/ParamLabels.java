package org.blockscope.app.model;

import java.util.Locale;
import java.util.Map;
import org.blockscope.kind.ParamSpec;

/**
 * The inspector's words for parameters: "SE ratio" for {@code seRatio}, "3×3 reduce" for
 * {@code c3reduce}. (The names stay the file format's; {@code ParamSpec} may carry these labels
 * itself one day.) A name without a label is split at its capitals.
 */
public final class ParamLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("activation", "activation"),
            Map.entry("baseWidth", "base width"),
            Map.entry("batchNorm", "batch norm"),
            Map.entry("bias", "bias"),
            Map.entry("bnSize", "bottleneck × k"),
            Map.entry("bottleneck", "1×1 bottleneck"),
            Map.entry("c1", "1×1 filters"),
            Map.entry("c3", "3×3 filters"),
            Map.entry("c3reduce", "3×3 reduce"),
            Map.entry("c5", "5×5 filters"),
            Map.entry("c5kernel", "'5×5' kernel"),
            Map.entry("c5reduce", "5×5 reduce"),
            Map.entry("cardinality", "cardinality"),
            Map.entry("ceilMode", "round the size up"),
            Map.entry("channels", "channels"),
            Map.entry("classes", "classes"),
            Map.entry("compression", "compression θ"),
            Map.entry("convs", "convolutions"),
            Map.entry("dilation", "dilation"),
            Map.entry("dropout", "dropout"),
            Map.entry("eps", "epsilon"),
            Map.entry("expansion", "expansion t"),
            Map.entry("filters", "filters"),
            Map.entry("function", "function"),
            Map.entry("groupFirst", "group the first 1×1"),
            Map.entry("groups", "groups"),
            Map.entry("groupWidth", "group width"),
            Map.entry("growth", "growth rate k"),
            Map.entry("height", "height"),
            Map.entry("index", "port"),
            Map.entry("kernel", "kernel"),
            Map.entry("layers", "layers"),
            Map.entry("lossWeight", "loss weight"),
            Map.entry("mode", "mode"),
            Map.entry("modulated", "mask (v2)"),
            Map.entry("momentum", "momentum"),
            Map.entry("multiplier", "depth multiplier"),
            Map.entry("pad", "explicit pad"),
            Map.entry("padding", "padding"),
            Map.entry("part", "part taken"),
            Map.entry("parts", "parts"),
            Map.entry("poolProj", "pool projection"),
            Map.entry("rate", "drop rate"),
            Map.entry("ratio", "reduction ratio r"),
            Map.entry("se", "squeeze-excitation"),
            Map.entry("seRatio", "SE ratio"),
            Map.entry("shortcut", "shortcut"),
            Map.entry("squeeze", "SE hidden units"),
            Map.entry("stride", "stride"),
            Map.entry("trainingOnly", "training only"),
            Map.entry("type", "type"),
            Map.entry("units", "units"),
            Map.entry("variant", "variant"),
            Map.entry("version", "version"),
            Map.entry("width", "width"));

    private ParamLabels() {}

    public static String of(ParamSpec spec) {
        return of(spec.name());
    }

    public static String of(String name) {
        String l = LABELS.get(name);
        return l != null ? l : name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} has a label of its own (the completeness test asks). */
    static boolean known(String name) {
        return LABELS.containsKey(name);
    }
}
