package org.blockscope.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.blockscope.testing.Fixtures;
import org.blockscope.testing.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Issue 13, cases 1 and 5 at the engine level: saving is one atomic step with every entry; loading
 * reads only the entries it knows, each within its declared size.
 */
class CheckpointsRobustnessTest {

    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Model tiny() {
        return Compiler.compile(Fixtures.tinyNetwork(), new Compiler.Options(5, DataType.FLOAT));
    }

    private static String manifest(Path ckpt) throws Exception {
        return new String(Zips.entries(ckpt).get("manifest.json"), StandardCharsets.UTF_8);
    }

    /** Case 5: an unused 3 GB entry of zeros (3 MB on disk) made the old reader run out of memory. */
    @Test
    void unusedHugeEntryIsNeverRead() throws Exception {
        List<Zips.Raw> entries = new ArrayList<>();
        Zips.entries(Fixtures.checkpoint()).forEach((k, v) -> entries.add(Zips.Raw.stored(k, v)));
        entries.add(1, Zips.deflatedZeros("junk.bin", 3 * 1024));
        Path bomb = dir.resolve("bomb.ckpt");
        Zips.writeRaw(bomb, entries);
        assertThat(Files.size(bomb)).isLessThan(8 << 20);
        long t0 = System.nanoTime();

        Checkpoints.Checkpoint c = Checkpoints.load(bomb);

        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(c.graph()).isEqualTo(Fixtures.tinyNetwork());
        assertThat(c.toModel().tensors().keySet()).contains("conv/weight", "fc/weight");
    }

    @Test
    void tensorEntryLargerThanItsShapeIsRefusedWithoutReadingIt() throws Exception {
        List<Zips.Raw> entries = new ArrayList<>();
        Zips.entries(Fixtures.checkpoint()).forEach((k, v) -> {
            if (!k.equals("tensors/00000.bin")) {
                entries.add(Zips.Raw.stored(k, v));
            }
        });
        entries.add(Zips.deflatedZeros("tensors/00000.bin", 3 * 1024));
        Path bomb = dir.resolve("bomb.ckpt");
        Zips.writeRaw(bomb, entries);

        assertThatThrownBy(() -> Checkpoints.load(bomb))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(bomb + ": tensors/00000.bin: 3221225472 bytes, larger than the 144 bytes expected");
    }

    @Test
    void shapesAreCheckedAgainstTheNetworkBeforeValuesAreRead() throws Exception {
        Map<String, byte[]> e = Zips.entries(Fixtures.checkpoint());
        e.put(
                "manifest.json",
                manifest(Fixtures.checkpoint())
                        .replace("[ 4, 1, 3, 3 ]", "[ 2147483647, 2147483647 ]")
                        .getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("shape.ckpt");
        Zips.write(f, e);

        assertThatThrownBy(() -> Checkpoints.load(f))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(f + ": manifest.json: tensors[0].shape: [2147483647, 2147483647] is more than 2147483639"
                        + " values, the most one tensor may hold");

        e.put(
                "manifest.json",
                manifest(Fixtures.checkpoint())
                        .replace("[ 4, 1, 3, 3 ]", "[ 4, 1, 1, 9 ]")
                        .getBytes(StandardCharsets.UTF_8));
        Zips.write(f, e);
        assertThatThrownBy(() -> Checkpoints.load(f))
                .hasMessage(
                        f + ": manifest.json: tensors[0]: model/conv/weight has shape [4, 1, 1, 9] but the network's"
                                + " is [4, 1, 3, 3]");
    }

    @Test
    void tensorsTheNetworkDoesNotHaveAreNamed() throws Exception {
        Map<String, byte[]> e = Zips.entries(Fixtures.checkpoint());
        e.put(
                "manifest.json",
                manifest(Fixtures.checkpoint())
                        .replace("model/conv/weight", "model/conv9/weight")
                        .getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("names.ckpt");
        Zips.write(f, e);

        assertThatThrownBy(() -> Checkpoints.load(f))
                .hasMessage(f + ": manifest.json: tensors[0].name: the network has no tensor \"conv9/weight\" (names"
                        + " follow the graph's expansion)");
    }

    @Test
    void missingTensorValuesAreNamed() throws Exception {
        Map<String, byte[]> e = Zips.entries(Fixtures.checkpoint());
        e.put("tensors/00001.bin", null);
        Path f = dir.resolve("gone.ckpt");
        Zips.write(f, e);

        assertThatThrownBy(() -> Checkpoints.load(f))
                .hasMessage(f + ": tensors/00001.bin is missing (expected 16 bytes of model/conv/bias)");
    }

    @Test
    void flippedByteInStoredTensorFailsTheCrc() throws Exception {
        List<Zips.Raw> entries = new ArrayList<>();
        Zips.entries(Fixtures.checkpoint()).forEach((k, v) -> entries.add(Zips.Raw.stored(k, v)));
        Path f = dir.resolve("flip.ckpt");
        Zips.writeRaw(f, entries);
        byte[] bytes = Files.readAllBytes(f);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("tensors/00000.bin") + 17 + 5;
        bytes[at] ^= 0x40;
        Files.write(f, bytes);

        assertThatThrownBy(() -> Checkpoints.load(f))
                .hasMessage(f + ": tensors/00000.bin: damaged (its ZIP data does not check out; the file was changed or"
                        + " cut)");
    }

    @Test
    void saveWritesEveryEntryInOneFileAndCleansStaleTemporaries() throws Exception {
        Model m = tiny();
        Path file = dir.resolve("run.ckpt");
        Files.write(dir.resolve(".run.ckpt.00000000deadbeef.tmp"), new byte[1 << 20]); // left by a killed save
        Files.write(dir.resolve("run.ckpt.tmp"), new byte[10]); // the old version's temporary name

        Checkpoints.save(file, m, null, 1, 3, Map.of("data.json", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(names()).containsExactly("run.ckpt");
        assertThat(Zips.entries(file).keySet())
                .containsExactly(
                        "graph.bsg.json",
                        "tensors/00000.bin",
                        "tensors/00001.bin",
                        "tensors/00002.bin",
                        "tensors/00003.bin",
                        "data.json",
                        "manifest.json");
        assertThat(Checkpoints.readEntry(file, "data.json", 100))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo("{}".getBytes(StandardCharsets.UTF_8)));
        Checkpoints.Checkpoint c = Checkpoints.load(file);
        for (Tensor t : m.tensors().values()) {
            assertThat(c.toModel().tensors().get(t.name()).value()).isEqualTo(t.value());
        }
    }

    @Test
    void aFailedSaveLeavesThePreviousCheckpoint() throws Exception {
        Path file = dir.resolve("run.ckpt");
        Checkpoints.save(file, tiny(), null, 1, 3);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Checkpoints.save(file, tiny(), null, 2, 6, Map.of("manifest.json", new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
        Model nan = tiny();
        nan.setTensor("fc/bias", nan.tensors().get("fc/bias").value().dup().assign(Double.NaN));
        Checkpoints.save(file, nan, null, 2, 6); // saved as it is...

        assertThatThrownBy(() -> Checkpoints.load(file)) // ...but never loaded back
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model/fc/bias holds NaN (value 0): the run that saved it had diverged");
        Files.write(file, before);
        assertThat(Checkpoints.load(file).epoch()).isEqualTo(1);
        assertThat(names()).containsExactly("run.ckpt");
    }
}
