package org.blockscope.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.ParamSpec;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Adding a block kind cannot half-succeed: every kind has its text, specs and (if named) its expansion. */
class BlockKindCompletenessTest {

    @ParameterizedTest
    @MethodSource("org.blockscope.block.BlockKinds#all")
    void everyKindHasANameATooltipAndHelpForEveryParameter(BlockKind kind) {
        assertThat(kind.displayName()).isNotBlank();
        assertThat(kind.tooltip()).isNotBlank();
        assertThat(kind.specs())
                .allSatisfy(s -> assertThat(s.help()).as(kind + "." + s.name()).isNotBlank());
        assertThat(BlockKinds.byId(kind.id())).contains(kind);
    }

    @ParameterizedTest
    @MethodSource("org.blockscope.block.BlockKinds#all")
    void everyKindsDefaultsAreValid(BlockKind kind) {
        assertThat(kind.validate(kind.defaults())).isEmpty();
        assertThat(kind.specs()).allSatisfy(s -> {
            if (s.type() == ParamSpec.Type.INT || s.type() == ParamSpec.Type.DOUBLE) {
                double v = ((Number) s.defaultValue()).doubleValue();
                assertThat(v).as(kind + "." + s.name()).isBetween(s.min(), s.max());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.blockscope.block.BlockKinds#all")
    void compositesAreNamedBlocksOrGroupsAndEverythingElseIsAPrimitiveOrAPort(BlockKind kind) {
        if (kind.composite()) {
            assertThat(kind instanceof NamedBlock || kind == Structural.GROUP).isTrue();
        } else {
            assertThat(kind instanceof Primitive || kind == Structural.PORT).isTrue();
        }
    }

    @Test
    void validateQuotesWhatItReceived() {
        Params p = Primitive.CONV2D
                .defaults()
                .with("kernel", 0)
                .with("padding", "SOME")
                .with("bias", "yes")
                .with("filters", 2.5)
                .with("colour", 1);

        assertThat(Primitive.CONV2D.validate(p))
                .containsExactly(
                        "filters must be a whole number, got 2.5",
                        "kernel must be between 1 and 31, got 0",
                        "padding must be one of [same, valid, explicit], got 'SOME'",
                        "bias must be true or false, got 'yes'",
                        "unknown parameter 'colour' for Conv 2D");
        assertThat(Primitive.INPUT.validate(Params.EMPTY))
                .containsExactly("missing parameter channels", "missing parameter height", "missing parameter width");
    }

    /**
     * Each named block, expanded for a suitable input shape, has as many PORT nodes as it declares
     * inputs, numbered from 0, and works in a tiny network without any diagnostic.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(textBlock = """
            INCEPTION,       192x28x28
            AUX_CLASSIFIER,  512x14x14
            RESIDUAL,        64x56x56
            RESNEXT,         256x14x14
            DENSE_BLOCK,     64x8x8
            TRANSITION,      256x8x8
            SE,              64x8x8
            SEPARABLE_CONV,  32x16x16
            MBCONV,          24x16x16
            SHUFFLE_UNIT,    240x14x14
            VGG_STAGE,       3x32x32
            """)
    void everyExpansionHasItsPortsAndAValidOutput(NamedBlock kind, String input) {
        Shape in = Shape.parse(input);
        Subgraph sub = kind.expansion().expand(kind.defaults(), List.of(in));
        List<Integer> ports = sub.graph().nodes().stream()
                .filter(n -> n.kind() == Structural.PORT)
                .map(n -> n.params().getInt("index"))
                .sorted()
                .toList();

        assertThat(ports).hasSize(kind.maxInputs());
        assertThat(ports)
                .containsExactly(java.util.stream.IntStream.range(0, kind.maxInputs())
                        .boxed()
                        .toArray(Integer[]::new));
        assertThat(sub.graph().outputs(sub.output()))
                .as("the output is the last node")
                .isEmpty();
        assertThat(sub.graph().nodes())
                .allSatisfy(n -> assertThat(n.kind() != Structural.GROUP
                                && (!n.kind().composite() || n.kind() instanceof NamedBlock))
                        .as(n.name())
                        .isTrue());

        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(in.channels(), in.height(), in.width());
        String y = b.add("block", kind, Params.EMPTY, x);
        if (kind == NamedBlock.AUX_CLASSIFIER) {
            y = x; // a sink: the main head hangs off the input
        }
        b.classifier("softmax", b.fc("fc", b.gap("gap", y), 10, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.node("block")).isPresent();
    }

    @Test
    void theExpansionTableCoversEveryNamedBlock() {
        List<BlockKind> named = BlockKinds.all().stream()
                .filter(k -> k.composite() && k != Structural.GROUP)
                .toList();
        // the table above lists exactly these; a new named block must be added there
        assertThat(named)
                .containsExactlyInAnyOrder(
                        NamedBlock.INCEPTION,
                        NamedBlock.AUX_CLASSIFIER,
                        NamedBlock.RESIDUAL,
                        NamedBlock.RESNEXT,
                        NamedBlock.DENSE_BLOCK,
                        NamedBlock.TRANSITION,
                        NamedBlock.SE,
                        NamedBlock.SEPARABLE_CONV,
                        NamedBlock.MBCONV,
                        NamedBlock.SHUFFLE_UNIT,
                        NamedBlock.VGG_STAGE);
    }

    @Test
    void nodesStartWithTheirKindsDefaults() {
        assertThat(Node.of("n", NamedBlock.RESIDUAL).params()).isEqualTo(NamedBlock.RESIDUAL.defaults());
    }
}
