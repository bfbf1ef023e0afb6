package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.io.GraphFiles;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The summary command as a user runs it: output text, JSON, exit codes and messages. */
class SummaryCliTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BlockscopeCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void resnet50SummaryPrintsTorchvisionTotals() {
        Run r = run("summary", "--template", "resnet50");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Total params:                       25,557,032")
                .contains("MACs per image:                     4,089,184,256")
                .contains("layer1_0            Residual                       256×56×56");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void googLeNetSummaryReportsInferenceMacsAndTheAuxHeadsApart() throws Exception {
        Run r = run("summary", "--template", "googlenet_aux");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Total params:                       13,004,888")
                .contains("MACs per image:                     1,498,376,192 (1.50 GMAC, 3.00 GFLOP) at inference")
                .contains("Training-only heads:                +8,372,224 MACs, +6,379,984 params");
        JsonNode root = new ObjectMapper()
                .readTree(
                        run("summary", "--template", "googlenet_aux", "--json").out());
        assertThat(root.at("/totals/macs").asLong()).isEqualTo(1_498_376_192L);
        assertThat(root.at("/trainingOnly/macs").asLong()).isEqualTo(8_372_224);
        assertThat(run("summary", "--template", "googlenet").out()).doesNotContain("Training-only");
    }

    @Test
    void jsonSummaryHasTheSameRowsAndTotals() throws Exception {
        Run r = run("summary", "--template", "resnet20", "--json");
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.at("/totals/params").asLong()).isEqualTo(272_474);
        assertThat(root.at("/totals/macs").asLong()).isEqualTo(40_813_184);
        assertThat(root.get("nodes").size())
                .isEqualTo(Templates.graph("resnet20").size());
        assertThat(root.at("/nodes/0/outputShape").toString()).isEqualTo("[3,32,32]");
    }

    @Test
    void inputOptionReplacesTheInputShape() {
        Run r = run("summary", "--template", "resnet20", "--input", "3x64x64", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"output\" : \"64×16×16\"");
        Run bad = run("summary", "--template", "resnet20", "--input", "3xAx64");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--input: expected a shape like 3x224x224, got '3xAx64'");
    }

    @Test
    void unknownTemplateExitsTwoAndListsTheNames() {
        Run r = run("summary", "--template", "resnet51");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no template named 'resnet51'; available: vgg16, googlenet");
    }

    @Test
    void brokenFileExitsTwoNamingFileAndPlace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.bsg.json");
        Files.writeString(f, "{\"format\": \"blockscope-graph\", \"version\": 1, \"nodes\": [ {\"name\": ");
        Run r = run("summary", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("blockscope: ")
                .contains("broken.bsg.json")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void invalidGraphExitsTwoWithItsDiagnostics(@TempDir Path dir) throws Exception {
        Graph g = Templates.graph("resnet20");
        // a second path that skips stage 2, added to the output of stage 3: shapes differ
        g = g.withNode(Node.of("skip", Primitive.ADD, Params.EMPTY))
                .withEdge(new Edge("stage1_2", "skip", 0))
                .withEdge(new Edge("stage3_2", "skip", 1));
        Path f = dir.resolve("bad.bsg.json");
        GraphFiles.write(g, f);
        Run r = run("summary", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("error: 'skip': inputs differ, 16×32×32 vs 64×8×8 (use a projection shortcut)");
    }

    @Test
    void templatesListsEveryTemplate() {
        Run r = run("templates");
        assertThat(r.exit()).isZero();
        for (Template t : Templates.all()) {
            assertThat(r.out()).contains(t.id());
        }
        assertThat(r.out()).contains("25,557,032");
        // one column each: the parameter counts end at the same place on every line, long names too
        java.util.Set<Integer> ends =
                r.out().lines().skip(1).map(SummaryCliTest::endOfParams).collect(java.util.stream.Collectors.toSet());
        assertThat(ends).hasSize(1);
    }

    /** Index just after the parameter count of a templates row ("… 3×224×224  25,557,032  4.09 G"). */
    private static int endOfParams(String line) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\d+×\\d+×\\d+\\s+([\\d,]+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.end(1);
    }

    @Test
    void unknownOptionExitsTwo() {
        Run r = run("summary", "--template", "resnet20", "--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    /**
     * LeNet-5 at a 4096×4096×4096 input with c1 and c3 at 65,536 filters of 31×31 (each value inside
     * its documented range): c3's MACs pass 2^63. They used to wrap round to a negative figure with exit 0;
     * now the node says it cannot be counted and the command exits 2.
     */
    @Test
    void countsBeyond64BitsAreAnErrorOnTheNodeNotANegativeFigure(@TempDir Path dir) throws Exception {
        Graph g = Templates.graph("lenet5");
        Node input = g.nodes().stream()
                .filter(n -> n.kind() == Primitive.INPUT)
                .findFirst()
                .orElseThrow();
        g = g.withReplaced(input.withParams(
                input.params().with("channels", 4096).with("height", 4096).with("width", 4096)));
        for (String conv : new String[] {"c1", "c3"}) {
            Node c = g.node(conv);
            g = g.withReplaced(c.withParams(c.params().with("filters", 65536).with("kernel", 31)));
        }
        Path file = dir.resolve("huge.bsg.json");
        GraphFiles.write(g, file);

        Run r = run("summary", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("-1,").contains("too large to count");
        assertThat(r.err()).contains("'c3'").contains("too large to count");
        Run json = run("summary", file.toString(), "--json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.at("/totals/macs").isNull()).isTrue();
        assertThat(json.exit()).isEqualTo(2);
    }
}
