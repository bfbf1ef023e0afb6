package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.blockscope.engine.compile.TinyNets;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.ImageFolderLoader;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.data.Split;
import org.blockscope.export.pytorch.PyTorchExporter;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported train.py prepares data as Blockscope does, checked piece by piece against the engine:
 * the validation split by seed picks the same images, the fitted normalisation and its lookup table are
 * the same floats, and images converted to other shapes (RGB to grey, shrinking by area averaging,
 * enlarging bilinearly, rounding to 8 bits) have the same bytes.
 */
class TrainScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trainPyPreparesDataExactlyAsBlockscope(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("project");
        PyTorchExporter.write(BriefTraining.tiny(TinyNets.blocks().get("se")), "tiny SE", project);

        // labels of uneven classes; each image's two pixels encode its index, so the split can be read back
        int[] sizes = {37, 20, 3, 1};
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                labels.add(c);
            }
        }
        int n = labels.size();
        float[] values = new float[n * 2];
        for (int i = 0; i < n; i++) {
            values[2 * i] = (i / 16) / 255f;
            values[2 * i + 1] = (i % 16 * 16 + 3) / 255f;
        }
        Dataset data = Dataset.ofFloats(
                Shape.map(1, 1, 2),
                values,
                labels.stream().mapToInt(Integer::intValue).toArray(),
                List.of("a", "b", "c", "d"),
                "test");
        long seed = 5;
        Split split = Split.bySeed(data, 0.3, seed);
        TreeSet<Integer> expectedVal = new TreeSet<>();
        for (int i = 0; i < split.validation().size(); i++) {
            int hi = Math.round(split.validation().pixel(i, 0, 0, 0) * 255);
            int lo = Math.round(split.validation().pixel(i, 0, 0, 1) * 255);
            expectedVal.add(hi * 16 + (lo - 3) / 16);
        }

        Path colour = dir.resolve("images");
        Files.createDirectories(colour.resolve("a"));
        Files.createDirectories(colour.resolve("b"));
        List<Path> images = List.of(
                copy("sample-images/colour32/val/flower", colour.resolve("a")),
                copy("sample-images/colour32/val/sky", colour.resolve("b")));
        List<int[]> shapes = List.of(new int[] {1, 20, 24}, new int[] {3, 45, 40}, new int[] {1, 32, 32});

        ObjectNode job = JSON.createObjectNode();
        labels.forEach(job.putArray("labels")::add);
        job.put("classes", sizes.length).put("fraction", 0.3).put("seed", seed);
        ArrayNode pixels = job.putArray("pixels");
        for (int i = 0; i < n; i++) {
            pixels.add(Math.round(values[2 * i] * 255)).add(Math.round(values[2 * i + 1] * 255));
        }
        job.putArray("pixel_shape").add(n).add(1).add(1).add(2);
        images.forEach(p -> job.withArray("images").add(p.toString()));
        for (int[] s : shapes) {
            job.withArray("shapes").addArray().add(s[0]).add(s[1]).add(s[2]);
        }
        Path jobFile = dir.resolve("job.json");
        Files.writeString(jobFile, job.toString());
        Python.script("train_checks.py", project);
        JsonNode r = JSON.readTree(Python.run(project, Map.of(), 300, "train_checks.py", jobFile.toString()));

        TreeSet<Integer> gotVal = new TreeSet<>();
        r.get("val").forEach(v -> gotVal.add(v.asInt()));
        assertThat(gotVal)
                .as("validation images picked by seed")
                .isEqualTo(expectedVal)
                .hasSize(18);

        Normalization fitted = Normalization.fit(data);
        assertThat((float) r.at("/mean/0").asDouble()).isEqualTo(fitted.mean(0));
        assertThat((float) r.at("/std/0").asDouble()).isEqualTo(fitted.std(0));
        for (int v = 0; v < 256; v++) {
            assertThat((float) r.at("/table/0/" + v).asDouble()).isEqualTo(fitted.apply(v / 255f, 0));
        }

        for (int[] s : shapes) {
            Dataset loaded = load(colour, Shape.map(s[0], s[1], s[2]));
            for (int k = 0; k < images.size(); k++) {
                JsonNode got = r.at("/images").get(images.get(k) + " " + s[0] + "x" + s[1] + "x" + s[2]);
                float[] expected = loaded.image(k);
                assertThat(got.size()).isEqualTo(expected.length);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(got.get(i).asInt())
                            .as(images.get(k) + " at " + s[0] + "×" + s[1] + "×" + s[2] + ", value " + i)
                            .isEqualTo(Math.round(expected[i] * 255));
                }
            }
        }
    }

    private static Path copy(String classFolder, Path target) throws Exception {
        try (var files = Files.list(Path.of(classFolder))) {
            Path first = files.sorted().findFirst().orElseThrow();
            return Files.copy(first, target.resolve(first.getFileName())).toAbsolutePath();
        }
    }

    private static Dataset load(Path folder, Shape shape) throws DataException {
        return ImageFolderLoader.load(folder, shape);
    }
}
