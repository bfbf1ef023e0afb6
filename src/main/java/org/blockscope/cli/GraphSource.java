package org.blockscope.cli;

import java.nio.file.Path;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code (FILE | --template NAME) [--input CxHxW]} part shared by the subcommands. */
final class GraphSource {

    static final class Which {
        @Parameters(index = "0", paramLabel = "FILE", description = "a graph file (*.bsg.json)")
        Path file;

        @Option(
                names = "--template",
                paramLabel = "NAME",
                description = "a built-in template (see 'blockscope templates')")
        String template;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--input", paramLabel = "CxHxW", description = "replace the input shape, e.g. 3x32x32")
    String input;

    /** A user-facing failure: the message is printed as is and the command exits with 2. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    String title() {
        if (which.template != null) {
            return Templates.byId(which.template)
                    .map(t -> t.title() + " (template " + t.id() + ")")
                    .orElse(which.template);
        }
        return which.file.toString();
    }

    Graph load() throws Failure {
        Graph g;
        if (which.template != null) {
            Template t = Templates.byId(which.template)
                    .orElseThrow(() -> new Failure("no template named '" + which.template + "'; available: "
                            + String.join(
                                    ", ",
                                    Templates.all().stream().map(Template::id).toList())));
            g = t.graph();
        } else {
            try {
                g = GraphFiles.read(which.file);
            } catch (GraphFileException e) {
                throw new Failure(e.getMessage());
            }
        }
        return input == null ? g : withInput(g, input);
    }

    static Graph withInput(Graph g, String text) throws Failure {
        Shape s;
        try {
            s = Shape.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Failure("--input: " + e.getMessage());
        }
        if (s.vector()) {
            throw new Failure("--input: expected channels x height x width, e.g. 3x32x32, got '" + text + "'");
        }
        Graph r = g;
        for (Node n : g.nodes()) {
            if (n.kind() == Primitive.INPUT) {
                r = r.withReplaced(n.withParams(n.params()
                        .with("channels", s.channels())
                        .with("height", s.height())
                        .with("width", s.width())));
            }
        }
        return r;
    }
}
