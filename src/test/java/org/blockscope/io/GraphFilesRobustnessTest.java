package org.blockscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13, cases 2, 6 and 11: names the reader accepts round-trip; huge or absurd files are refused early. */
class GraphFilesRobustnessTest {

    @TempDir
    Path dir;

    private static Graph named(String convName) {
        return Graph.of(
                List.of(
                        Node.of("input", Primitive.INPUT, Params.of("channels", 1, "height", 8, "width", 8)),
                        Node.of(convName, Primitive.CONV2D)),
                List.of(new Edge("input", convName, 0)));
    }

    /** Case 2: "\ud800" is valid JSON; UTF-8 cannot encode it, so the writer must escape it. */
    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "\udbff", "a\udc00b", "\udfff\ud800", "x\ud83d", "ok\ud83d\ude00"})
    void namesWithLoneSurrogatesReadBackUnchanged(String name) throws Exception {
        Path file = dir.resolve("s.bsg.json");
        Graph graph = named(name);

        GraphFiles.write(graph, file);
        Graph back = GraphFiles.read(file);

        assertThat(back).isEqualTo(graph);
        assertThat(back.contains(name)).isTrue();
        byte[] first = Files.readAllBytes(file);
        GraphFiles.write(back, file);
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        // the text form (used inside checkpoints) survives UTF-8 too
        String text = GraphFiles.toJson(graph);
        assertThat(GraphFiles.fromJson(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), "t"))
                .isEqualTo(graph);
    }

    @Test
    void surrogatePairsStayLiteralCharacters() throws Exception {
        String text = GraphFiles.toJson(named("smile\ud83d\ude00"));
        assertThat(text).contains("smile\ud83d\ude00").doesNotContain("\\ud83d");
        assertThat(GraphFiles.toJson(named("lone\ud800"))).contains("lone\\ud800");
    }

    /** Case 6: {@code summary /dev/zero} read 5 GB before failing. */
    @Test
    void endlessZeroBytesAreRefusedAfterTheFirstBlock() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        long t0 = System.nanoTime();

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(zero), GraphFileException.class);

        assertThat(e.getMessage()).isEqualTo("zero: expected JSON text, got binary data (a zero byte at offset 0)");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void textBeyondTheSizeLimitIsRefusedAtTheLimit() throws Exception {
        Path file = dir.resolve("huge.bsg.json");
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        try (var out = Files.newOutputStream(file)) {
            out.write('{');
            for (int i = 0; i <= GraphFiles.MAX_BYTES >> 20; i++) {
                out.write(spaces);
            }
        }

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo("huge.bsg.json: larger than 256 MB, the limit for a graph file (is it a graph file?)");
    }

    @Test
    void binaryFileIsRefusedNamingTheZeroByte() throws Exception {
        Path file = Files.write(dir.resolve("b.bsg.json"), new byte[] {'{', ' ', 0, 1, 2});

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo("b.bsg.json: expected JSON text, got binary data (a zero byte at offset 2)");
    }

    /** Case 11: 10,000 nested arrays gave a 3-4 KB message ending in Jackson's class names. */
    @Test
    void deepNestingIsOneShortLine() throws Exception {
        String deep = "{\"format\":\"blockscope-graph\",\"version\":1,\"nodes\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + ",\"edges\":[]}";
        Path file = Files.writeString(dir.resolve("deep.bsg.json"), deep);

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.read(file), GraphFileException.class);

        assertThat(e.getMessage())
                .startsWith("deep.bsg.json, line 1, column ")
                .contains(": $.nodes[0][0][0]")
                .endsWith("nested more than 200 levels deep (a graph file nests far less; is it one?)")
                .doesNotContain("\n", "Constraints", "jackson", "Exception");
        assertThat(e.getMessage().length()).isLessThan(220);
    }

    @Test
    void overlongStringIsOneLineWithoutLibraryNames() throws Exception {
        String doc = "{\"format\":\"blockscope-graph\",\"version\":1,\"nodes\":[{\"name\":\"" + "a".repeat(21_000_000)
                + "\"}],\"edges\":[]}";

        GraphFileException e =
                catchThrowableOfType(() -> GraphFiles.fromJson(doc, "long.bsg.json"), GraphFileException.class);

        assertThat(e.getMessage())
                .startsWith("long.bsg.json")
                .endsWith("a value is longer than a graph file allows (a text, a number or the nesting)")
                .doesNotContain("\n", "Constraints", "jackson", "Exception");
    }
}
