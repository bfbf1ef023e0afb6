package org.blockscope.app.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.analysis.Formulas;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.analysis.Numbers;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.kind.BlockKind;

/**
 * The teaching text of a block: a plain Markdown file per kind ({@code blocks/<kind id>.md}, which a
 * teacher can edit) whose {@code {{placeholders}}} are filled with the selected node's current
 * values and formulas. Files without a {@code {{formula.…}}} placeholder get the shared numbers
 * section {@code blocks/_numbers.md} after their opening paragraph. Pure Java: no JavaFX.
 */
public final class Explanations {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    static final String FOOTER = "_numbers";
    static final String NOTHING_SELECTED = "_none";
    static final String MANY_SELECTED = "_many";

    private final Function<String, Optional<String>> loader;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    /** {@code loader} maps a file name such as {@code conv2d} to its text. */
    public Explanations(Function<String, Optional<String>> loader) {
        this.loader = loader;
    }

    /** Texts from the class path ({@code /org/blockscope/res/blocks/<name>.md}). */
    public static Explanations fromClasspath() {
        return new Explanations(name -> {
            try (InputStream in =
                    Explanations.class.getResourceAsStream("/org/blockscope/res/blocks/" + name + ".md")) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<String> load(String name) {
        return cache.computeIfAbsent(name, loader);
    }

    /** The template of a kind, with the shared footer when the file has no formulas of its own. */
    public String template(BlockKind kind) {
        String body = load(kind.id()).orElse("# " + kind.displayName() + "\n\n" + kind.tooltip() + "\n");
        if (!body.contains("{{formula.")) {
            body = withNumbersAfterFirstParagraph(body, load(FOOTER).orElse(""));
        }
        return body;
    }

    /** The numbers go right after the opening paragraph, so they are visible without scrolling. */
    static String withNumbersAfterFirstParagraph(String body, String numbers) {
        String[] parts = body.stripTrailing().split("\n\\s*\n", 3);
        if (parts.length < 3) {
            return body.stripTrailing() + "\n\n" + numbers;
        }
        return parts[0] + "\n\n" + parts[1] + "\n\n" + numbers.stripTrailing() + "\n\n" + parts[2] + "\n";
    }

    /** What the panel shows for the current selection. */
    public String explain(Set<String> selection, Graph g, NetworkAnalysis a) {
        if (selection.size() == 1) {
            String name = selection.iterator().next();
            if (g.contains(name)) {
                Node n = g.node(name);
                return fill(template(n.kind()), values(n, a));
            }
        }
        Map<String, String> totals = new LinkedHashMap<>();
        totals.put("count", Integer.toString(selection.size()));
        totals.put("nodes", Integer.toString(g.size()));
        totals.put("params", Numbers.grouped(a.total().params()));
        totals.put("macs", Numbers.grouped(a.total().macs()));
        return fill(load(selection.isEmpty() ? NOTHING_SELECTED : MANY_SELECTED).orElse(""), totals);
    }

    /** Every value a template may use for node {@code n}. */
    public static Map<String, String> values(Node n, NetworkAnalysis a) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", n.name());
        v.put("kind", n.kind().displayName());
        n.params().asMap().forEach((k, val) -> v.put(k, format(val)));
        Optional<NodeStats> s = a.node(n.name());
        Formulas f = Formulas.of(a, n.name());
        Optional<Shape> in = a.expanded().outputOf(n.name()).flatMap(p -> inputOf(a, n.name()));
        v.put("in", in.map(Shape::toString).orElse("?"));
        v.put("in.channels", in.map(x -> Integer.toString(x.channels())).orElse("C"));
        v.put("out", s.map(x -> x.output().toString()).orElse("?"));
        v.put(
                "out.channels",
                s.map(x -> Integer.toString(x.output().channels())).orElse("C"));
        v.put("params", s.map(x -> Numbers.grouped(x.cost().params())).orElse("?"));
        v.put("macs", s.map(x -> Numbers.grouped(x.cost().macs())).orElse("?"));
        v.put("rf", s.map(x -> Integer.toString(x.receptiveField().size())).orElse("?"));
        v.put("jump", s.map(x -> Integer.toString(x.receptiveField().jump())).orElse("?"));
        v.put("formula.size", f.size());
        v.put("formula.params", f.params());
        v.put("formula.macs", f.macs());
        v.put("formula.rf", f.rf());
        return v;
    }

    /** The shape arriving at the node's first input (its first primitive's first input). */
    private static Optional<Shape> inputOf(NetworkAnalysis a, String name) {
        return a.expanded().nodes().stream()
                .filter(p -> p.owner().equals(name) && !p.inputShapes().isEmpty())
                .findFirst()
                .map(p -> p.inputShapes().get(0));
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return String.valueOf(value);
    }

    /** Replaces {@code {{key}}}; an unknown key stays visible as {@code {{key?}}} so a typo shows. */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : "{{" + m.group(1) + "?}}"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The placeholder keys a text uses. */
    public static Set<String> placeholders(String text) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
