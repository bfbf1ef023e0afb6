package org.blockscope.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.block.BlockKinds;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.ParamSpec;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/**
 * Whatever the user draws, analysing it never throws, and every diagnostic names a node of the
 * graph or the network as a whole. Graphs are random: kinds from every {@link BlockKind} but GROUP
 * and PORT, parameters mostly inside each {@link ParamSpec}'s range (sometimes outside), and random
 * edges including ones into missing ports, self-loops and cycles. A failure prints the seed.
 */
class AnalysisNeverThrowsPropertyTest {

    private static final List<BlockKind> KINDS = BlockKinds.all().stream()
            .filter(k -> k != Structural.GROUP && k != Structural.PORT)
            .toList();

    @Property(tries = 1500)
    void analysisNeverThrowsAndDiagnosticsNameExistingNodes(@ForAll long seed) {
        Graph g = randomGraph(new Random(seed));

        assertThatCode(() -> NetworkAnalysis.of(g)).as("seed %d: %s", seed, g).doesNotThrowAnyException();
        NetworkAnalysis a = NetworkAnalysis.of(g);
        for (Diagnostic d : a.diagnostics()) {
            assertThat(d.node() == null || g.contains(d.node()))
                    .as("seed %d: %s names no node of %s", seed, d, g)
                    .isTrue();
            assertThat(d.message()).isNotBlank();
        }
        assertThat(a.nodeStats())
                .allSatisfy(s -> assertThat(g.contains(s.name())).isTrue());
    }

    static Graph randomGraph(Random r) {
        int n = 1 + r.nextInt(8);
        List<Node> nodes = new ArrayList<>();
        // most graphs start with an Input so that shape inference gets past the first node
        boolean input = r.nextInt(5) > 0;
        for (int i = 0; i < n; i++) {
            BlockKind kind = i == 0 && input ? Primitive.INPUT : KINDS.get(r.nextInt(KINDS.size()));
            nodes.add(Node.of(kind.id() + i, kind, randomParams(kind, r)));
        }
        List<Edge> edges = new ArrayList<>();
        Set<String> usedPorts = new HashSet<>();
        int m = r.nextInt(2 * n + 2);
        for (int e = 0; e < m; e++) {
            // mostly forward edges (a chain-like network), some backwards (cycles) and self-loops
            int from = r.nextInt(n);
            int to = r.nextInt(10) < 7 && from < n - 1 ? from + 1 + r.nextInt(n - from - 1) : r.nextInt(n);
            int port = r.nextInt(10) < 7 ? 0 : r.nextInt(4);
            String target = nodes.get(to).name();
            if (usedPorts.add(target + "#" + port)) {
                edges.add(new Edge(nodes.get(from).name(), target, port));
            }
        }
        return Graph.of(nodes, edges);
    }

    static Params randomParams(BlockKind kind, Random r) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec s : kind.specs()) {
            boolean outside = r.nextInt(20) == 0;
            Object v = switch (s.type()) {
                case INT -> outside ? (int) s.max() + 1 : randomInt(r, (int) s.min(), (int) s.max());
                case DOUBLE -> outside ? s.min() - 1 : s.min() + r.nextDouble() * (s.max() - s.min());
                case BOOL -> r.nextBoolean();
                case CHOICE ->
                    outside ? "nonsense" : s.choices().get(r.nextInt(s.choices().size()));
            };
            if (kind == Primitive.INPUT && !outside && v instanceof Integer) {
                v = randomInt(r, 1, 64); // keep most images small so the expansions stay small
            }
            values.put(s.name(), v);
        }
        if (r.nextInt(40) == 0) {
            values.put("bogus", 1);
        }
        return Params.of(values);
    }

    /** Small values most of the time, the edges of the range and anything in it sometimes. */
    private static int randomInt(Random r, int min, int max) {
        return switch (r.nextInt(10)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> min + r.nextInt(Math.max(1, Math.min(max - min, Integer.MAX_VALUE - 1)) + 1);
            default -> min + r.nextInt(Math.min(max - min, 16) + 1);
        };
    }
}
