package org.blockscope.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Design spaces read from JSON, sampled under a budget, reproducibly by seed. */
class DesignSpaceTest {

    static final Path DIGITS_SPACE = Path.of("sample-images/spaces/regnet-digits.json");

    @Test
    void theBundledRegNetSpaceDrawsValidNetworksWithinTheBudgetReproducibly() throws Exception {
        DesignSpace space = SpaceFiles.read(DIGITS_SPACE);
        Sampler.Budget budget = new Sampler.Budget(400_000, 30_000);

        Sampler.Sample a = Sampler.sample(space, 12, budget, 7);
        Sampler.Sample b = Sampler.sample(space, 12, budget, 7);
        Sampler.Sample c = Sampler.sample(space, 12, budget, 8);

        assertThat(a.candidates()).hasSize(12);
        assertThat(a.overBudget()).isPositive(); // the space holds bigger networks than the budget
        for (Candidate k : a.candidates()) {
            NetworkAnalysis n = NetworkAnalysis.of(k.graph());
            assertThat(n.diagnostics()).isEmpty();
            assertThat(n.inference().macs()).isEqualTo(k.macs()).isLessThanOrEqualTo(400_000);
            assertThat(n.total().params()).isEqualTo(k.params()).isLessThanOrEqualTo(30_000);
            assertThat(Inputs.of(k.graph())).contains(Shape.map(1, 28, 28));
            assertThat(k.choices()).containsKeys("d", "w0", "wa", "wm", "g", "b", "se", "stages");
        }
        assertThat(a.candidates().stream().map(Candidate::describe))
                .containsExactlyElementsOf(
                        b.candidates().stream().map(Candidate::describe).toList());
        assertThat(a.candidates().stream().map(Candidate::describe))
                .isNotEqualTo(c.candidates().stream().map(Candidate::describe).toList());
    }

    @Test
    void aNetworkSpaceFreesRepeatsWidthSeAndKernels() throws Exception {
        DesignSpace space = SpaceFiles.parse("""
                {"space": "network", "template": "efficientnet_b0", "input": "3x64x64", "classes": 5,
                 "repeats": [1, 2], "width": [0.25, 0.5], "se": [false], "kernel": [3, 7]}
                """, "test.json", null);
        Sampler.Sample s = Sampler.sample(space, 5, Sampler.Budget.NONE, 3);

        assertThat(s.candidates()).hasSize(5);
        for (Candidate k : s.candidates()) {
            var g = k.graph();
            assertThat(NetworkAnalysis.of(g).diagnostics()).isEmpty();
            assertThat(k.choices()).containsKeys("se", "k1", "n1", "k7", "n7", "width");
            long blocks = g.nodes().stream()
                    .filter(n -> n.kind() == NamedBlock.MBCONV)
                    .count();
            assertThat(blocks).isBetween(7L, 14L);
            assertThat(g.nodes().stream().filter(n -> n.kind() == NamedBlock.MBCONV))
                    .allSatisfy(n -> {
                        assertThat(n.params().getBool("se")).isFalse();
                        assertThat(n.params().getInt("kernel")).isIn(3, 7);
                    });
            assertThat(g.node("classifier").params().getInt("units")).isEqualTo(5);
            assertThat(Inputs.of(g)).contains(Shape.map(3, 64, 64));
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"space": "rnn"}                                         | s.json: 'space' must be "regnet" or "network", got "rnn"
            [1, 2]                                                   | s.json: expected a JSON object
            {"space": "regnet", "input": "1x28x28", "depth": [3]}     | s.json: 'depth' must be [low, high], whole numbers ≥ 1, got [3]
            {"space": "regnet", "input": "28", "depth": [1, 2]}       | s.json: 'input' must be like "1x28x28", got "28"
            {"space": "network", "template": "resnet51"}              | s.json: 'template': no template named 'resnet51'
            {"space": "network"}                                     | s.json: a network space needs 'template' or 'file'
            {"space": "network", "template": "lenet5", "se": [1]}     | s.json: 'se' must be a list of true/false, got 1 in it
            {"space": "regnet", "input": "1x8x8", "depth": [5, 2]}    | s.json: 'depth': range [5, 2] is empty
            {"space":                                                | s.json: not JSON
            """)
    void badSpaceFilesNameTheFileAndTheField(String json, String message) {
        assertThatThrownBy(() -> SpaceFiles.parse(json, "s.json", null)).hasMessageStartingWith(message);
    }

    @Test
    void plotsAreWellFormedSvgWithOnePointPerModel() throws Exception {
        List<Candidate> cs = Sampler.sample(SpaceFiles.read(DIGITS_SPACE), 6, Sampler.Budget.NONE, 1)
                .candidates();
        String scatter = SearchPlots.scatter(cs, "sampled");
        List<Trial> trials = cs.stream()
                .map(c -> new Trial(c, 0.5 + c.index() / 20.0, 1.0, 3.0, null))
                .toList();
        String results = SearchPlots.results(trials, "digits");

        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        for (String svg : List.of(scatter, results)) {
            var doc = factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        }
        assertThat(scatter.split("<circle", -1)).hasSize(7);
        assertThat(results.split("<circle", -1)).hasSize(7);
        assertThat(results).contains("fill=\"#d62728\"").contains("error EDF (6 models)");
    }
}
