package org.blockscope.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.BlockKind;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;

/** Random edit sequences, undone completely, give back the very same graph; redone, the same end graph. */
class UndoPropertyTest {

    private static final BlockKind[] KINDS = {
        Primitive.CONV2D,
        Primitive.BATCH_NORM,
        Primitive.ACTIVATION,
        Primitive.ADD,
        Primitive.CONCAT,
        NamedBlock.RESIDUAL,
        NamedBlock.SE,
        Primitive.MAX_POOL
    };

    @Property(tries = 200)
    void undoingEverythingRestoresTheGraph(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int steps) {
        Random rnd = new Random(seed);
        Graph start = rnd.nextBoolean() ? Templates.graph("resnet20") : Templates.graph("mini_inception");
        Document doc = new Document(start);
        List<Graph> seen = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Edit e = randomEdit(doc.graph(), rnd);
            if (e != null && doc.execute(e)) {
                if (rnd.nextInt(4) == 0) {
                    doc.endMerge();
                }
            }
            seen.add(doc.graph());
        }
        Graph end = doc.graph();
        while (doc.canUndo()) {
            doc.undo();
        }
        assertThat(doc.graph()).isEqualTo(start);
        while (doc.canRedo()) {
            doc.redo();
        }
        assertThat(doc.graph()).isEqualTo(end);
    }

    static Edit randomEdit(Graph g, Random rnd) {
        List<Node> nodes = g.nodes();
        Node any = nodes.get(rnd.nextInt(nodes.size()));
        switch (rnd.nextInt(8)) {
            case 0 -> {
                BlockKind k = KINDS[rnd.nextInt(KINDS.length)];
                return new AddNode(Node.of(g.freshName(k.id()), k));
            }
            case 1 -> {
                return RemoveNodes.of(g, Set.of(any.name()));
            }
            case 2 -> {
                Node to = nodes.get(rnd.nextInt(nodes.size()));
                int port = rnd.nextInt(2);
                if (g.edgeInto(to.name(), port).isPresent() || to.name().equals(any.name())) {
                    return null;
                }
                return new AddEdge(new Edge(any.name(), to.name(), port));
            }
            case 3 -> {
                if (g.edges().isEmpty()) {
                    return null;
                }
                return RemoveEdge.of(g, g.edges().get(rnd.nextInt(g.edges().size())));
            }
            case 4 -> {
                if (!any.kind().spec("filters").isPresent()) {
                    return null;
                }
                return SetParams.of(g, any.name(), "filters", 1 + rnd.nextInt(64));
            }
            case 5 -> {
                return MoveNodes.by(g, List.of(any.name()), rnd.nextInt(50) - 25, rnd.nextInt(50) - 25);
            }
            case 6 -> {
                String to = g.freshName(any.name() + "_r");
                return new RenameNode(any.name(), to);
            }
            default -> {
                Clipboard.Fragment f = Clipboard.copy(g, Set.of(any.name()));
                return Clipboard.paste(g, f, 30, 30).edit();
            }
        }
    }

    @Property(tries = 50)
    void setParamsMergeIntoOneStep(@ForAll @IntRange(min = 2, max = 20) int ticks) {
        Graph g = Templates.graph("resnet20");
        Document doc = new Document(g);
        for (int i = 1; i <= ticks; i++) {
            doc.execute(SetParams.of(doc.graph(), "fc", "units", 10 + i));
        }
        assertThat(doc.graph().node("fc").params().getInt("units")).isEqualTo(10 + ticks);
        doc.undo();
        assertThat(doc.canUndo()).isFalse();
        assertThat(doc.graph()).isEqualTo(g);
    }
}
