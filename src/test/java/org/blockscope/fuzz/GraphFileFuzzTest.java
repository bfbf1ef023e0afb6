package org.blockscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import org.blockscope.templates.Templates;
import org.blockscope.testing.Fixtures;

/**
 * The graph reader on damaged files: every case is read correctly (and then writes back and reads to
 * the same graph) or refused with one clear line; through the CLI, exit 0 only for a file that reads.
 */
class GraphFileFuzzTest {

    private static final byte[] RESNET =
            GraphFiles.toJson(Templates.graph("resnet20")).getBytes(StandardCharsets.UTF_8);
    private static final String TINY = GraphFiles.toJson(Fixtures.tinyNetwork());

    @Property(tries = 1500, seed = "13")
    void damagedBytesReadOrAreRefusedClearly(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        byte[] bytes = RESNET;
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            bytes = Mutations.mutate(bytes, r);
        }
        Path file = Files.write(
                Fixtures.root().resolve("fuzz-" + Thread.currentThread().getId() + ".bsg.json"), bytes);
        try {
            Graph g = GraphFiles.read(file);
            assertWritesBack(g);
            FuzzStats.accepted("graph file: damaged bytes");
        } catch (GraphFileException e) {
            FuzzStats.clear(e.getMessage(), "seed " + seed);
            assertThat(e.getMessage()).startsWith(file.getFileName().toString());
            FuzzStats.refused("graph file: damaged bytes");
        }
    }

    @Property(tries = 600, seed = "14")
    void fieldsReplacedByAwkwardValuesReadOrAreRefusedClearly(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String text = TINY;
        // replace the value after a random "key": with a random JSON value
        int keys = text.split("\": ", -1).length - 1;
        int which = r.nextInt(keys);
        int at = -1;
        for (int i = 0; i <= which; i++) {
            at = text.indexOf("\": ", at + 1);
        }
        int start = at + 3;
        int end = valueEnd(text, start);
        String doc = text.substring(0, start) + Mutations.jsonValue(r) + text.substring(end);
        try {
            Graph g = GraphFiles.fromJson(doc, "tiny.bsg.json");
            assertWritesBack(g);
            FuzzStats.accepted("graph file: awkward field values");
        } catch (GraphFileException e) {
            FuzzStats.clear(e.getMessage(), doc);
            FuzzStats.refused("graph file: awkward field values");
        }
    }

    @Property(tries = 100, seed = "15")
    void summaryExitsZeroOnlyForAFileThatReads(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        byte[] bytes = Mutations.mutate(TINY.getBytes(StandardCharsets.UTF_8), r);
        Path file = Files.write(Fixtures.root().resolve("fuzz-cli.bsg.json"), bytes);
        boolean reads;
        try {
            GraphFiles.read(file);
            reads = true;
        } catch (GraphFileException e) {
            reads = false;
        }
        Fixtures.Run run = Fixtures.cli("summary", file.toString());
        if (run.exit() == 0) {
            assertThat(reads).as("exit 0 on a file that does not read").isTrue();
            FuzzStats.accepted("CLI summary: damaged graph file");
        } else {
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            String first = run.err().lines().findFirst().orElse("");
            if (first.equals("blockscope: the network is invalid:")) {
                // a readable graph whose network is wrong: one diagnostic per line follows
                assertThat(run.err().lines().skip(1))
                        .allSatisfy(l -> assertThat(l).startsWith("  "));
            } else {
                FuzzStats.clear(run.err(), new String(bytes, StandardCharsets.UTF_8));
            }
            FuzzStats.refused("CLI summary: damaged graph file");
        }
    }

    /**
     * An accepted graph is written and read back with the same nodes, names and edges (positions are
     * rounded to 0.1 by the writer, so the second writing is the fixed point).
     */
    private static void assertWritesBack(Graph g) throws GraphFileException {
        String once = GraphFiles.toJson(g);
        Graph back = GraphFiles.fromJson(once, "again");
        assertThat(back.names()).isEqualTo(g.names());
        assertThat(back.edges()).isEqualTo(g.edges());
        assertThat(GraphFiles.toJson(back)).isEqualTo(once);
    }

    /** Where the JSON value starting at {@code i} ends (a string, a number, a literal, an object or array). */
    private static int valueEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '"') {
            int j = i + 1;
            while (s.charAt(j) != '"' || s.charAt(j - 1) == '\\') {
                j++;
            }
            return j + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            boolean inString = false;
            for (int j = i; j < s.length(); j++) {
                char d = s.charAt(j);
                if (inString) {
                    inString = d != '"' || s.charAt(j - 1) == '\\';
                } else if (d == '"') {
                    inString = true;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if ((d == '}' || d == ']') && --depth == 0) {
                    return j + 1;
                }
            }
            return s.length();
        }
        int j = i;
        while (j < s.length() && ",}]\n".indexOf(s.charAt(j)) < 0) {
            j++;
        }
        return j;
    }

    @AfterContainer
    static void report() {
        FuzzStats.report("graph files");
    }
}
