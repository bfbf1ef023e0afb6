package org.blockscope.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.blockscope.cost.Cost;
import org.blockscope.cost.Counting;
import org.blockscope.graph.Diagnostic;

/**
 * The summary table (as Keras' {@code summary()} or torchinfo print it): one row per node with its
 * kind, output shape, params, MACs and receptive field, then the totals. Text for people,
 * JSON for machines; both come from the same rows.
 */
public final class SummaryReport {

    private final String title;
    private final NetworkAnalysis analysis;
    private final boolean primitives;

    public SummaryReport(String title, NetworkAnalysis analysis, boolean primitives) {
        this.title = title;
        this.analysis = analysis;
        this.primitives = primitives;
    }

    public List<NodeStats> rows() {
        return primitives ? analysis.primitiveStats() : analysis.nodeStats();
    }

    public String text() {
        List<NodeStats> rows = rows();
        int nameWidth = Math.max(
                20, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0) + 2);
        String header = String.format(
                "%-" + nameWidth + "s%-24s%16s %15s %17s %11s", "Node", "Kind", "Output shape", "Params", "MACs", "RF");
        String rule = "─".repeat(header.length());
        StringBuilder sb = new StringBuilder();
        sb.append(title)
                .append('\n')
                .append(rule)
                .append('\n')
                .append(header)
                .append('\n')
                .append(rule)
                .append('\n');
        for (NodeStats r : rows) {
            sb.append(String.format(
                    "%-" + nameWidth + "s%-24s%16s %15s %17s %11s%n",
                    r.name(),
                    r.kind(),
                    r.output(),
                    Numbers.grouped(r.cost().params()),
                    Numbers.grouped(r.cost().macs()),
                    r.receptiveField().size() + "/" + r.receptiveField().jump()));
        }
        sb.append("═".repeat(header.length())).append('\n');
        Cost t = analysis.total();
        line(sb, "Total params", Numbers.grouped(t.params()));
        line(sb, "Non-trainable state (BN mean/var)", Numbers.grouped(t.state()));
        line(
                sb,
                "MACs per image",
                Numbers.grouped(t.macs()) + " (" + Numbers.compact(t.macs()) + "MAC, " + Numbers.compact(t.flops())
                        + "FLOP)");
        line(sb, "Activation memory per image", Numbers.bytes(t.memoryBytes()));
        line(sb, "Weights and state (float32)", Numbers.bytes(Counting.times(4, Counting.plus(t.params(), t.state()))));
        sb.append("RF = receptive field size/jump in input pixels\n");
        for (Diagnostic d : analysis.diagnostics()) {
            sb.append(d).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-36s%s%n", label + ":", value));
    }

    /** A count, or null when it is too large to count (the diagnostics say where). */
    private static void count(ObjectNode o, String key, long value) {
        if (value == Counting.OVERFLOW) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("title", title);
        ArrayNode nodes = root.putArray("nodes");
        for (NodeStats r : rows()) {
            ObjectNode n = nodes.addObject();
            n.put("name", r.name());
            n.put("kind", r.kind());
            n.put("output", r.output().toString());
            ArrayNode shape = n.putArray("outputShape");
            if (r.output().vector()) {
                shape.add(r.output().channels());
            } else {
                shape.add(r.output().channels())
                        .add(r.output().height())
                        .add(r.output().width());
            }
            count(n, "params", r.cost().params());
            count(n, "state", r.cost().state());
            count(n, "macs", r.cost().macs());
            count(n, "memoryBytes", r.cost().memoryBytes());
            n.put("receptiveField", r.receptiveField().size());
            n.put("jump", r.receptiveField().jump());
        }
        Cost t = analysis.total();
        ObjectNode totals = root.putObject("totals");
        count(totals, "params", t.params());
        count(totals, "state", t.state());
        count(totals, "macs", t.macs());
        count(totals, "flops", t.flops());
        count(totals, "memoryBytes", t.memoryBytes());
        ArrayNode diags = root.putArray("diagnostics");
        for (Diagnostic d : analysis.diagnostics()) {
            ObjectNode o = diags.addObject();
            if (d.node() == null) {
                o.putNull("node");
            } else {
                o.put("node", d.node());
            }
            o.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
            o.put("message", d.message());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
