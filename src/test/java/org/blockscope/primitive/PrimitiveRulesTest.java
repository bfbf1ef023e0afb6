package org.blockscope.primitive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.block.BlockKinds;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Graph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Glyph;
import org.blockscope.kind.Params;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each primitive's rule agrees with itself: the formula the teaching panel writes out evaluates to
 * the count the summary reports, and a kind that counts something writes its formula out. Checked
 * on every primitive node of every template and of every named block, which together use every
 * primitive.
 */
class PrimitiveRulesTest {

    /** Every primitive node of every template and of a small net around every named block. */
    static List<PrimitiveNode> samples() {
        List<Graph> graphs = new ArrayList<>();
        for (Template t : Templates.all()) {
            graphs.add(t.graph());
        }
        for (NamedBlock b : NamedBlock.values()) {
            SubgraphBuilder s = new SubgraphBuilder();
            String x = s.input(b == NamedBlock.SHUFFLE_UNIT ? 240 : 96, 16, 16);
            String y = s.add("block", b, Params.EMPTY, x);
            if (b == NamedBlock.AUX_CLASSIFIER) {
                y = x;
            }
            s.classifier("out", s.fc("fc", s.gap("gap", y), 10, true));
            graphs.add(s.graph());
        }
        SubgraphBuilder s = new SubgraphBuilder();
        String x = s.input(8, 6, 6);
        x = s.add("shuffle", Primitive.CHANNEL_SHUFFLE, Params.of("groups", 2), x);
        x = s.add("flat", Primitive.FLATTEN, Params.EMPTY, x);
        s.classifier("out", s.dropout("drop", s.fc("fc", x, 10, false), 0.2));
        graphs.add(s.graph());
        List<PrimitiveNode> nodes = new ArrayList<>();
        for (Graph g : graphs) {
            NetworkAnalysis a = NetworkAnalysis.of(g);
            assertThat(a.hasErrors()).as(a.diagnostics().toString()).isFalse();
            nodes.addAll(a.expanded().nodes());
        }
        return nodes;
    }

    @Test
    void theSamplesHoldEveryPrimitive() {
        EnumSet<Primitive> seen = EnumSet.noneOf(Primitive.class);
        samples().forEach(n -> seen.add(n.kind()));
        assertThat(EnumSet.complementOf(seen)).as("add a sample for these").isEmpty();
    }

    @Test
    void formulasEvaluateToTheCountsAndExistExactlyWhenThereIsSomethingToCount() {
        Map<Primitive, Integer> checked = new EnumMap<>(Primitive.class);
        for (PrimitiveNode n : samples()) {
            PrimitiveRule rule = n.kind().rule();
            Cost c = rule.cost(n);
            assertTerm(n, "params", rule.paramsTerm(n), c.params());
            assertTerm(n, "MACs", rule.macsTerm(n), c.macs());
            checked.merge(n.kind(), 1, Integer::sum);
        }
        assertThat(checked).containsKeys(Primitive.values());
    }

    private static void assertTerm(PrimitiveNode n, String what, Optional<String> term, long count) {
        String where = n.kind() + " " + n.path() + " " + what;
        if (count == 0) {
            assertThat(term).as(where + ": nothing counted, nothing written").isEmpty();
        } else {
            assertThat(term)
                    .as(where + ": counted " + count + " but no formula")
                    .isPresent();
            assertThat(evaluate(term.get())).as(where + ": " + term.get()).isEqualTo(count);
        }
    }

    /** Sums of products as the formulas write them: {@code 3·3·(64/2)·128 + 128}. */
    static long evaluate(String term) {
        long sum = 0;
        for (String product : term.split(" \\+ ")) {
            long p = 1;
            for (String factor : product.split("·")) {
                String f = factor.strip();
                if (f.startsWith("(")) {
                    String[] q = f.substring(1, f.length() - 1).split("/");
                    p *= Long.parseLong(q[0]) / Long.parseLong(q[1]);
                } else {
                    p *= Long.parseLong(f);
                }
            }
            sum += p;
        }
        return sum;
    }

    @ParameterizedTest
    @MethodSource("org.blockscope.block.BlockKinds#all")
    void everyKindsIconIsAWellFormedGlyph(BlockKind kind) {
        assertThat(Glyph.parse(kind.glyph())).isNotEmpty();
    }

    @Test
    void aBrokenGlyphIsRefusedNamingTheMark() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Glyph.parse("rect 1 2 3; dot 1 1"))
                .hasMessageContaining("rect 1 2 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Glyph.parse("blob 1 1"))
                .hasMessageContaining("unknown mark 'blob'");
    }

    @Test
    void everyKindIsFoundByItsIdAndIdsAreUnique() {
        assertThat(BlockKinds.all().stream().map(BlockKind::id).distinct().count())
                .isEqualTo(BlockKinds.all().size());
        for (BlockKind k : BlockKinds.all()) {
            assertThat(BlockKinds.byId(k.id())).contains(k);
        }
    }
}
