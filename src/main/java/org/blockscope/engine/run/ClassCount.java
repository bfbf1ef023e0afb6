package org.blockscope.engine.run;

import java.util.Optional;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.primitive.Primitive;

/**
 * Makes a network's output match the number of classes in the data: the fully connected layer
 * feeding each Classifier (and the class count of auxiliary heads) is set to it. Templates end in
 * 10 classes; the colour samples have 4.
 */
public final class ClassCount {

    private ClassCount() {}

    /** The adapted graph and a note saying what changed (empty if nothing did). */
    public record Adapted(Graph graph, Optional<String> note) {}

    public static Adapted adapt(Graph g, int classes) throws IllegalStateException {
        Graph r = g;
        StringBuilder note = new StringBuilder();
        for (Node n : g.nodes()) {
            if (n.kind() == NamedBlock.AUX_CLASSIFIER && n.params().getInt("classes") != classes) {
                r = r.withReplaced(n.withParams(n.params().with("classes", classes)));
                note.append(String.format(
                        "'%s' now predicts %d classes (was %d). ",
                        n.name(), classes, n.params().getInt("classes")));
            }
            if (n.kind() != Primitive.CLASSIFIER) {
                continue;
            }
            Optional<Edge> in = g.edgeInto(n.name(), 0);
            if (in.isEmpty()) {
                continue;
            }
            Node fc = g.node(in.get().from());
            if (fc.kind() != Primitive.FULLY_CONNECTED) {
                continue;
            }
            int units = fc.params().getInt("units");
            if (units != classes) {
                r = r.withReplaced(fc.withParams(fc.params().with("units", classes)));
                note.append(String.format(
                        "'%s' now has %d outputs for the %d classes of the data (was %d). ",
                        fc.name(), classes, classes, units));
            }
        }
        String text = note.toString().trim();
        return new Adapted(r, text.isEmpty() ? Optional.empty() : Optional.of(text));
    }
}
