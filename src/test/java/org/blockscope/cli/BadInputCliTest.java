package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.blockscope.testing.Fixtures;
import org.blockscope.testing.Fixtures.Run;
import org.blockscope.testing.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 through the command line, as the report found them: each bad input must end in exit 2 and
 * one line naming the file, entry or option, never an exception's text, and never exit 0.
 */
class BadInputCliTest {

    @TempDir
    Path dir;

    /** Exit 2 with one line that starts "blockscope: " and carries no Java or Jackson names. */
    static void refusedInOneLine(Run r) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err).startsWith("blockscope: ").doesNotContain("\n");
        assertThat(err)
                .doesNotContain("Exception", "Error:", "java.", "jackson", "Source:", "code 110", "Provider")
                .doesNotContainPattern("\\bat [a-z]+\\.");
    }

    // ---- case 9: arguments ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            train --val-split NaN      | --val-split: expected a fraction from 0 up to (not including) 1, got NaN
            train --val-split -0.5     | --val-split: expected a fraction from 0 up to (not including) 1, got -0.5
            train --val-split 1        | --val-split: expected a fraction from 0 up to (not including) 1, got 1
            train --weight-decay NaN   | --weight-decay: expected a number of at least 0, got NaN
            train --weight-decay -1    | --weight-decay: expected a number of at least 0, got -1
            train --lr NaN             | --lr: expected a number greater than 0, got NaN
            train --lr Infinity        | --lr: expected a number greater than 0, got Infinity
            train --lr 0               | --lr: expected a number greater than 0, got 0
            train --epochs 0           | --epochs: expected a whole number of at least 1, got 0
            train --batch -3           | --batch: expected a whole number of at least 1, got -3
            """)
    void trainOptionsAreCheckedBeforeAnyWork(String args, String message) {
        String[] a = args.split(" ");
        Run r = Fixtures.cli(
                "train", Fixtures.graph().toString(), "--data", Fixtures.data().toString(), a[1], a[2]);

        refusedInOneLine(r);
        assertThat(r.err().strip()).isEqualTo("blockscope: " + message);
        assertThat(r.out()).isEmpty(); // nothing was loaded or trained
    }

    @ParameterizedTest(name = "eval --batch {0}")
    @CsvSource({"0", "-1"})
    void evalBatchMustBePositive(String batch) {
        Run r = Fixtures.cli(
                "eval",
                Fixtures.checkpoint().toString(),
                "--data",
                Fixtures.data().toString(),
                "--batch",
                batch);

        refusedInOneLine(r);
        assertThat(r.err()).contains("--batch: expected a whole number of at least 1, got " + batch);
    }

    @ParameterizedTest(name = "bench --runs {0}")
    @CsvSource({"0", "-5"})
    void benchRunsMustBePositive(String runs) {
        Run r = Fixtures.cli("bench", "--runs", runs);

        refusedInOneLine(r);
        assertThat(r.err()).contains("--runs: expected a whole number of at least 1, got " + runs);
    }

    // ---- unclear messages: output paths checked before the run ------------------------------------

    @Test
    void saveIntoAMissingFolderIsRefusedBeforeTraining() {
        Path target = dir.resolve("nonexistent/dir/x.ckpt");
        Run r = Fixtures.cli(
                "train",
                Fixtures.graph().toString(),
                "--data",
                Fixtures.data().toString(),
                "--save",
                target.toString());

        refusedInOneLine(r);
        assertThat(r.err().strip())
                .isEqualTo("blockscope: --save: cannot save " + target + ": the folder " + target.getParent()
                        + " does not exist");
        assertThat(r.out()).doesNotContain("epoch");
    }

    @Test
    void inspectOutThatIsAFileIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("FILE"), "x");
        Run r = Fixtures.cli(
                "inspect",
                Fixtures.checkpoint().toString(),
                "--image",
                Fixtures.data().resolve("dark/0.png").toString(),
                "--out",
                file.toString());

        refusedInOneLine(r);
        assertThat(r.err().strip())
                .isEqualTo("blockscope: --out: " + file + " is a file; expected a folder (it is created if missing)");
    }

    // ---- cases 6, 7, 11, 12: graph files and memory -------------------------------------------------

    @Test
    void summaryOfDevZeroIsRefusedQuickly() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        long t0 = System.nanoTime();

        Run r = Fixtures.cli("summary", "/dev/zero");

        refusedInOneLine(r);
        assertThat(r.err().strip())
                .isEqualTo("blockscope: zero: expected JSON text, got binary data (a zero byte at offset 0)");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void trainingThatCannotFitIsRefusedWithTheFiguresBeforeAllocating() {
        long t0 = System.nanoTime();

        Run r = Fixtures.cli(
                "train", "--template", "mobilenet_mini", "--input", "3x4096x4096", "--data", "sample-images/colour32");

        refusedInOneLine(r);
        assertThat(r.err())
                .containsPattern("blockscope: training at batch 64 needs at least \\d+\\.\\d TB of native memory"
                        + " \\(activations \\d+\\.\\d TB, \\d+\\.\\d GB per image kept with their gradients; weights")
                .contains("is available (")
                .endsWith("even batch 1 does not fit: use a smaller input or fewer channels\n");
        assertThat(r.out()).isEmpty(); // refused before the data was loaded
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    }

    @Test
    void jsonNestedTenThousandLevelsIsOneShortLine() throws Exception {
        Path f = Files.writeString(
                dir.resolve("deep.bsg.json"),
                "{\"format\":\"blockscope-graph\",\"version\":1,\"nodes\":" + "[".repeat(10_000) + "]".repeat(10_000)
                        + ",\"edges\":[]}");

        Run r = Fixtures.cli("summary", f.toString());

        refusedInOneLine(r);
        assertThat(r.err()).contains("nested more than 200 levels deep").doesNotContain("Constraints");
        assertThat(r.err().length()).isLessThan(300);
    }

    @Test
    void inputNodeInsideAGroupIsRefusedBySummary() throws Exception {
        Path f = Files.writeString(dir.resolve("grp.bsg.json"), """
                {"format":"blockscope-graph","version":1,
                 "nodes":[{"name":"input","kind":"input","params":{"channels":1,"height":8,"width":8}},
                  {"name":"g","kind":"group","body":{"nodes":[{"name":"p","kind":"port","params":{"index":0}},
                    {"name":"stray","kind":"input","params":{"channels":3,"height":32,"width":32}},
                    {"name":"r","kind":"activation"}],"edges":[{"from":"p","to":"r","port":0}],"output":"r"}},
                  {"name":"gap","kind":"global_avg_pool"},{"name":"fc","kind":"fully_connected","params":{"units":2}},
                  {"name":"out","kind":"classifier"}],
                 "edges":[{"from":"input","to":"g","port":0},{"from":"g","to":"gap","port":0},
                  {"from":"gap","to":"fc","port":0},{"from":"fc","to":"out","port":0}]}
                """);

        Run summary = Fixtures.cli("summary", f.toString());
        Run train =
                Fixtures.cli("train", f.toString(), "--data", Fixtures.data().toString());

        refusedInOneLine(summary);
        assertThat(summary.err())
                .contains("grp.bsg.json, line 4, column ")
                .contains("$.nodes[1].body.nodes[1].kind: expected no input node inside a group");
        refusedInOneLine(train);
        assertThat(train.err()).contains("expected no input node inside a group");
    }

    // ---- case 10 and 17: damaged checkpoints --------------------------------------------------------

    private Path damaged(String name, Map<String, byte[]> changes) throws Exception {
        Map<String, byte[]> entries = Zips.entries(Fixtures.checkpoint());
        entries.putAll(changes);
        Path file = dir.resolve(name);
        Zips.write(file, entries);
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String manifestWith(String from, String to) throws Exception {
        String m = new String(Zips.entries(Fixtures.checkpoint()).get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(m).contains(from);
        return m.replace(from, to);
    }

    private Run eval(Path checkpoint) {
        return Fixtures.cli(
                "eval", checkpoint.toString(), "--data", Fixtures.data().toString());
    }

    @Test
    void theFixtureCheckpointItselfEvaluates() {
        Run r = eval(Fixtures.checkpoint());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("accuracy ").contains("of 12 images");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no graph          | graph.bsg.json is missing (expected the network, a graph file)
            bogus data type   | manifest.json: dataType: expected "FLOAT" or "DOUBLE", got "BOGUS"
            manifest not JSON | manifest.json: not valid JSON (line 1, column
            data not JSON     | data.json: not valid JSON (line 1, column
            rgb mean on grey  | data.json: mean: 3 values, but the network's input has 1 channel
            std shorter       | data.json: std: 0 values, but the network's input has 1 channel
            one class name    | data.json: classNames: 1 names, but the network has 2 outputs
            nan weights       | holds NaN (value 0): the run that saved it had diverged
            """)
    void damagedCheckpointIsRefusedNamingTheEntry(String what, String message) throws Exception {
        Map<String, byte[]> change = new java.util.HashMap<>();
        switch (what) {
            case "no graph" -> change.put("graph.bsg.json", null);
            case "bogus data type" ->
                change.put("manifest.json", utf8(manifestWith("\"dataType\" : \"FLOAT\"", "\"dataType\" : \"BOGUS\"")));
            case "manifest not JSON" -> change.put("manifest.json", utf8("{\u0000 not json"));
            case "data not JSON" -> change.put("data.json", utf8("nope"));
            case "rgb mean on grey" ->
                change.put(
                        "data.json",
                        utf8("{\"classNames\":[\"dark\",\"light\"],\"mean\":[0.1,0.2,0.3],\"std\":[1,1,1]}"));
            case "std shorter" ->
                change.put("data.json", utf8("{\"classNames\":[\"dark\",\"light\"],\"mean\":[0.1],\"std\":[]}"));
            case "one class name" ->
                change.put("data.json", utf8("{\"classNames\":[\"dark\"],\"mean\":[0.1],\"std\":[0.3]}"));
            case "nan weights" -> {
                byte[] w = Zips.entries(Fixtures.checkpoint()).get("tensors/00000.bin");
                ByteBuffer b = ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < w.length / 4; i++) {
                    b.putFloat(4 * i, Float.NaN);
                }
                change.put("tensors/00000.bin", w);
            }
            default -> throw new IllegalArgumentException(what);
        }
        Path file = damaged(what.replace(' ', '_') + ".ckpt", change);

        Run r = eval(file);

        refusedInOneLine(r);
        assertThat(r.err()).contains(file + ": ").contains(message);
    }

    @Test
    void checkpointWithItsLastBytesCutOffIsRefused() throws Exception {
        byte[] all = Files.readAllBytes(Fixtures.checkpoint());
        Path file = Files.write(dir.resolve("cut.ckpt"), java.util.Arrays.copyOf(all, all.length - 10));

        Run r = eval(file);

        refusedInOneLine(r);
        assertThat(r.err()).contains("cut.ckpt: not a readable checkpoint");
    }

    @Test
    void inspectWithFewerClassNamesThanOutputsIsRefused() throws Exception {
        Path file = damaged(
                "names.ckpt", Map.of("data.json", utf8("{\"classNames\":[\"dark\"],\"mean\":[0.1],\"std\":[0.3]}")));

        Run r = Fixtures.cli(
                "inspect",
                file.toString(),
                "--image",
                Fixtures.data().resolve("light/0.png").toString(),
                "--out",
                dir.resolve("maps").toString());

        refusedInOneLine(r);
        assertThat(r.err()).contains("classNames: 1 names, but the network has 2 outputs");
    }

    // ---- cases 14 and 15: data that trains on nothing ------------------------------------------------

    private static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(payload).array();
    }

    @Test
    void idxFileWithZeroImagesIsRefused() throws Exception {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte"), idx(2051, new int[] {0, 8, 8}, new byte[0]));
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(2049, new int[] {0}, new byte[0]));

        Run r = Fixtures.cli("train", Fixtures.graph().toString(), "--data", mnist.toString());

        refusedInOneLine(r);
        assertThat(r.err()).contains("train-images-idx3-ubyte: the header says 0 images");
    }

    @Test
    void labelByte255AmongDigitsIsRefusedInsteadOfMaking256Classes() throws Exception {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        byte[] labels = {0, 1, 0, 1, 0, 1, 0, (byte) 255};
        Files.write(mnist.resolve("train-images-idx3-ubyte"), idx(2051, new int[] {8, 8, 8}, new byte[8 * 64]));
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(2049, new int[] {8}, labels));

        Run r = Fixtures.cli("train", Fixtures.graph().toString(), "--data", mnist.toString(), "--epochs", "1");

        refusedInOneLine(r);
        assertThat(r.err())
                .contains("train-labels-idx1-ubyte: label 255 (image 7) but no image has label 2")
                .doesNotContain("256");
    }

    @Test
    void trainingWithoutValidationImagesSaysSoInsteadOfPrintingNaN() {
        Run r = Fixtures.cli(
                "train",
                Fixtures.graph().toString(),
                "--data",
                Fixtures.data().toString(),
                "--val-split",
                "0",
                "--epochs",
                "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .doesNotContain("NaN")
                .contains("Validation:   0 images")
                .contains("Warning:      no validation images: loss and accuracy on unseen images are not measured")
                .contains("no validation images: accuracy on unseen images was not measured");
    }

    @Test
    void oneImagePerClassLeavesNoValidationAndSaysSo() {
        Path folder = dir.resolve("one");
        Fixtures.imageFolder(folder, 1);

        Run r = Fixtures.cli("train", Fixtures.graph().toString(), "--data", folder.toString(), "--epochs", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("NaN").contains("no validation images");
    }
}
