package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.engine.compile.TinyNets;
import org.blockscope.export.pytorch.PyTorchExporter;
import org.blockscope.export.pytorch.SafeTensors;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported PyTorch project computes what {@code predict} computes: model.py built, the weights file
 * loaded strictly (every tensor, BN running statistics included) and run in eval mode by Debian's torch
 * give logits within 1e-4 of the largest logit, on real sample images for the classroom templates and a
 * network using every named block, on random inputs for every tiny net. model.py imports nothing but
 * torch and the standard library. All projects run in one Python process.
 */
class PyTorchParityTest {

    private static final double TOLERANCE = 1e-4;

    /** The network with every named block, each written from its expansion (no hand-written class). */
    private static final String EXPANSIONS = "every named block, written from expansions";

    record Case(String name, TrainedNetwork net, INDArray x) {}

    @TempDir
    static Path dir;

    private static final Map<String, Case> CASES = new LinkedHashMap<>();
    private static final Map<String, JsonNode> RESULTS = new LinkedHashMap<>();
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void exportEveryCaseAndRunThemInPyTorch() throws Exception {
        for (String t : List.of("lenet5", "se_resnet20", "densenet_bc40", "mobilenet_mini")) {
            BriefTraining.Classroom c = BriefTraining.classroom(t);
            add(new Case("template " + t, c.net(), Predictor.batch(c.net(), c.images())));
        }
        BriefTraining.Classroom every = BriefTraining.everyBlock();
        add(new Case("every named block", every.net(), Predictor.batch(every.net(), every.images())));
        add(new Case(EXPANSIONS, every.net(), Predictor.batch(every.net(), every.images())));
        TinyNets.primitives().forEach((n, g) -> add(tiny(n, g)));
        TinyNets.blocks().forEach((n, g) -> add(tiny(n, g)));
        ObjectMapper json = new ObjectMapper();
        ArrayNode jobs = json.createArrayNode();
        int i = 0;
        for (Case c : CASES.values()) {
            Path project = dir.resolve("p" + i++);
            PyTorchExporter.write(c.net(), c.name(), project, !c.name().equals(EXPANSIONS));
            Path inputs = project.resolve("inputs.safetensors");
            SafeTensors.write(
                    inputs,
                    Map.of(
                            "x",
                            SafeTensors.Tensor.of(
                                    c.x().shape(),
                                    c.x().castTo(DataType.FLOAT).dup('c').data().asFloat())),
                    Map.of());
            jobs.addObject()
                    .put("name", c.name())
                    .put("dir", project.toString())
                    .put("inputs", inputs.toString());
        }
        Path jobFile = dir.resolve("jobs.json");
        Files.writeString(jobFile, jobs.toString());
        Path script = Python.script("torch_parity.py", dir);
        String out = Python.run(dir, Map.of(), 600, script.toString(), jobFile.toString());
        for (String line : out.strip().split("\n")) {
            JsonNode r = json.readTree(line);
            RESULTS.put(r.get("name").asText(), r);
        }
        i = 0;
        for (Case c : CASES.values()) {
            Path logits = dir.resolve("p" + i++).resolve("logits.safetensors");
            if (Files.exists(logits)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) RESULTS.get(c.name())).putPOJO("logits", logits);
            }
        }
    }

    private static void add(Case c) {
        CASES.put(c.name(), c);
    }

    private static Case tiny(String name, org.blockscope.graph.Graph g) {
        TrainedNetwork net = BriefTraining.tiny(g);
        Shape in = net.inputShape();
        return new Case(
                "tiny net " + name,
                net,
                TinyNets.randomInput(9, DataType.FLOAT, 4, in.channels(), in.height(), in.width()));
    }

    static Stream<String> cases() throws Exception {
        List<String> names = new ArrayList<>(List.of(
                "template lenet5",
                "template se_resnet20",
                "template densenet_bc40",
                "template mobilenet_mini",
                "every named block",
                EXPANSIONS));
        TinyNets.primitives().keySet().forEach(n -> names.add("tiny net " + n));
        TinyNets.blocks().keySet().forEach(n -> names.add("tiny net " + n));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportedModelGivesTheLogitsOfPredict(String name) throws Exception {
        Case c = CASES.get(name);
        JsonNode r = RESULTS.get(name);
        assertThat(r).as(name + ": no result from Python").isNotNull();
        assertThat(r.get("foreign_imports"))
                .as(name + ": model.py imports beyond torch and stdlib")
                .isEmpty();
        Path file = (Path) ((com.fasterxml.jackson.databind.node.POJONode) r.get("logits")).getPojo();
        SafeTensors.Tensor t = SafeTensors.read(file).tensors().get("logits");
        Prediction expected = c.net().predict(c.x());
        int k = expected.logits()[0].length;
        assertThat(t.shape()).containsExactly(expected.size(), k);
        float[][] got = new float[expected.size()][];
        for (int i = 0; i < got.length; i++) {
            got[i] = java.util.Arrays.copyOfRange(t.values(), i * k, (i + 1) * k);
        }
        double rel = Differences.relative(got, expected.logits());
        REPORT.add(String.format(Locale.ROOT, "%-45s logits %.2e (relative)", name, rel));
        assertThat(rel)
                .as(name + ": largest logit difference relative to the largest logit")
                .isLessThan(TOLERANCE);
    }

    @AfterAll
    static void printDifferences() {
        System.out.println("PyTorch (model.py + weights.safetensors) vs predict, largest differences:");
        REPORT.forEach(l -> System.out.println("  " + l));
    }
}
