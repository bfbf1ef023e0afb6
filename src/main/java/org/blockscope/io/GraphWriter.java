package org.blockscope.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.io.ParamValues.Unwritable;
import org.blockscope.kind.ParamSpec;

/**
 * Writes a graph in the stable, diff-friendly form: nodes and edges in graph order, parameters in
 * the kind's spec order, 2-space indentation, {@code \n} line ends and a final newline, doubles in
 * shortest round-trip form, positions rounded to 0.1. Lone surrogates in names are escaped, so every
 * string the reader accepts is written back unchanged.
 */
final class GraphWriter {

    // the fast (Schubfach) double writer gives the shortest round-trip digits on every JDK
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private GraphWriter() {}

    static void write(Graph graph, Writer target) throws IOException {
        Writer out = new LoneSurrogateEscaper(target);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter(separators)
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter));
            g.writeStartObject();
            g.writeStringField("format", GraphFiles.FORMAT);
            g.writeNumberField("version", GraphFiles.VERSION);
            graphFields(g, graph, "$");
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void graphFields(JsonGenerator g, Graph graph, String path) throws IOException {
        g.writeArrayFieldStart("nodes");
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            node(g, nodes.get(i), LocatedJson.index(path + ".nodes", i));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("edges");
        for (Edge e : graph.edges()) {
            g.writeStartObject();
            g.writeStringField("from", e.from());
            g.writeStringField("to", e.to());
            g.writeNumberField("port", e.toPort());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void node(JsonGenerator g, Node n, String path) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", n.name());
        g.writeStringField("kind", n.kind().id());
        g.writeObjectFieldStart("params");
        for (String key : n.params().asMap().keySet()) {
            if (n.kind().spec(key).isEmpty()) {
                throw new Unwritable(
                        path + ".params." + key,
                        "cannot be saved: " + n.kind().id() + " has no parameter \"" + key + "\"");
            }
        }
        for (ParamSpec spec : n.kind().specs()) {
            if (n.params().has(spec.name())) {
                g.writeFieldName(spec.name());
                ParamValues.write(g, spec, n.params().get(spec.name()), path + ".params." + spec.name());
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("position");
        coordinate(g, "x", n.position().x(), path);
        coordinate(g, "y", n.position().y(), path);
        g.writeEndObject();
        if (n.body() != null) {
            g.writeObjectFieldStart("body");
            graphFields(g, n.body().graph(), path + ".body");
            g.writeStringField("output", n.body().output());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void coordinate(JsonGenerator g, String name, double v, String path) throws IOException {
        if (!Double.isFinite(v)) {
            throw new Unwritable(path + ".position." + name, "cannot be saved: expected a finite number, got " + v);
        }
        double r = Math.round(v * 10) / 10.0 + 0.0; // + 0.0 turns -0.0 into 0.0
        g.writeFieldName(name);
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            g.writeNumber((long) r);
        } else {
            g.writeNumber(r);
        }
    }
}
