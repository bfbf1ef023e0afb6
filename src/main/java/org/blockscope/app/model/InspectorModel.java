package org.blockscope.app.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.Numbers;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.ParamSpec;

/**
 * What the inspector shows and which editor each parameter gets. Pure decisions, no JavaFX
 * controls: the view asks and builds.
 */
public final class InspectorModel {

    public enum Mode {
        NETWORK,
        NODE,
        MANY
    }

    public enum EditorKind {
        INT_SPINNER,
        DOUBLE_FIELD,
        CHECKBOX,
        CHOICE
    }

    /** One line of the network totals. */
    public record Row(String label, String value) {}

    private InspectorModel() {}

    public static Mode mode(Set<String> selection, Graph g) {
        long present = selection.stream().filter(g::contains).count();
        return present == 0 ? Mode.NETWORK : present == 1 ? Mode.NODE : Mode.MANY;
    }

    public static EditorKind editorFor(ParamSpec spec) {
        return switch (spec.type()) {
            case INT -> EditorKind.INT_SPINNER;
            case DOUBLE -> EditorKind.DOUBLE_FIELD;
            case BOOL -> EditorKind.CHECKBOX;
            case CHOICE -> EditorKind.CHOICE;
        };
    }

    /** Help text with the valid range and unit, e.g. {@code image height (1 – 4096 px)}. */
    public static String description(ParamSpec spec) {
        String unit = spec.unit().isEmpty() ? "" : " " + spec.unit();
        return switch (spec.type()) {
            case INT -> spec.help() + " (" + (long) spec.min() + " – " + (long) spec.max() + unit + ")";
            case DOUBLE ->
                spec.help() + " (" + Explanations.format(spec.min()) + " – " + Explanations.format(spec.max()) + unit
                        + ")";
            case CHOICE -> spec.help() + " (" + String.join(", ", spec.choices()) + ")";
            case BOOL -> spec.help();
        };
    }

    /**
     * The value typed into a number field: an Integer or Double when it parses, otherwise the text
     * itself, so that {@code EditorModel.setParam} refuses it with a message quoting it.
     */
    public static Object parse(ParamSpec spec, String text) {
        String t = text.strip().replace(",", "").replace("_", "");
        try {
            return switch (spec.type()) {
                case INT -> Integer.valueOf(t);
                case DOUBLE -> Double.valueOf(t);
                case BOOL -> Boolean.valueOf(t);
                case CHOICE -> t.toLowerCase(Locale.ROOT);
            };
        } catch (NumberFormatException e) {
            return text.strip();
        }
    }

    /** {@code 0.5}, {@code 1e-05}, {@code 2} for 2.0. */
    public static String formatNumber(double d) {
        return Explanations.format(d);
    }

    /**
     * Why a parameter does not apply to {@code n} as it is set now ("" when it does): the padding in
     * pixels only counts with explicit padding, the SE ratio only with squeeze-excitation on.
     */
    public static String notApplicable(Node n, ParamSpec spec) {
        if (spec.name().equals("pad")
                && n.params().has("padding")
                && !"explicit".equals(n.params().getString("padding"))) {
            return "used only when padding is explicit (now " + n.params().getString("padding") + ")";
        }
        if (spec.name().equals("seRatio") && n.params().has("se") && !n.params().getBool("se")) {
            return "used only with squeeze-excitation on";
        }
        return "";
    }

    /** Ungroup and Open block need exactly one named block or group. */
    public static boolean singleComposite(Set<String> selection, Graph g) {
        return selection.size() == 1
                && g.contains(selection.iterator().next())
                && g.node(selection.iterator().next()).kind().composite();
    }

    /** Title line above the sheet. */
    public static String headline(Set<String> selection, Graph g) {
        return switch (mode(selection, g)) {
            case NETWORK -> "Network";
            case NODE -> {
                Node n = g.node(
                        selection.stream().filter(g::contains).findFirst().orElseThrow());
                yield n.name() + "  ·  " + n.kind().displayName();
            }
            case MANY -> selection.stream().filter(g::contains).count() + " blocks selected";
        };
    }

    /** The network totals shown when nothing is selected. */
    public static List<Row> totals(Graph g, NetworkAnalysis a) {
        Cost t = a.total();
        long errors = a.diagnostics().stream().filter(d -> d.isError()).count();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Blocks", Integer.toString(g.size())));
        rows.add(new Row("Parameters", Numbers.grouped(t.params()) + "  (" + Numbers.compact(t.params()) + ")"));
        rows.add(new Row("BN running statistics", Numbers.grouped(t.state())));
        Cost inference = a.inference();
        Cost heads = a.trainingOnly();
        rows.add(new Row(
                "MACs per image",
                Numbers.grouped(inference.macs()) + "  (" + Numbers.compact(inference.macs()) + ")"
                        + (heads.macs() > 0 ? " at inference" : "")));
        if (heads.macs() > 0 || heads.params() > 0) {
            rows.add(new Row(
                    "Training-only heads",
                    "+" + Numbers.grouped(heads.macs()) + " MACs, +" + Numbers.grouped(heads.params()) + " params"));
        }
        rows.add(new Row("FLOPs per image", Numbers.compact(inference.flops())));
        rows.add(new Row("Activation memory", Numbers.bytes(t.memoryBytes())));
        rows.add(new Row("Weights (float32)", Numbers.bytes(4 * (t.params() + t.state()))));
        rows.add(new Row(
                "Problems",
                g.size() == 0
                        ? "none yet (empty network)"
                        : errors + " errors, " + (a.diagnostics().size() - errors) + " warnings"));
        return rows;
    }

    /**
     * The status bar's text. An empty network reports no problems yet: "no Input" and "no output" are
     * true but are not news to someone who has not placed a block.
     */
    public static String status(NetworkAnalysis a) {
        Cost t = a.total();
        if (a.expanded().source().size() == 0) {
            return "Empty network: drag blocks from the palette, or open a template";
        }
        int problems = a.diagnostics().size();
        // MACs at inference: training-only heads (GoogLeNet's aux classifiers) are not run then
        return "Params " + Numbers.compact(t.params()) + "   ·   MACs "
                + Numbers.compact(a.inference().macs())
                + "   ·   Activations " + Numbers.bytes(t.memoryBytes())
                + "   ·   " + (problems == 0 ? "No problems" : problems == 1 ? "1 problem" : problems + " problems");
    }
}
