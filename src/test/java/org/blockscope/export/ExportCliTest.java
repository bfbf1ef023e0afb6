package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blockscope.export.DistributedTrainingTest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.TinyNets;
import org.blockscope.export.DistributedTrainingTest.Run;
import org.blockscope.io.GraphFiles;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict, export and import-weights as a user runs them: outputs, files and every refusal's message. */
class ExportCliTest {

    @TempDir
    static Path dir;

    static Path checkpoint;

    @BeforeAll
    static void saveABrieflyTrainedLeNet() throws Exception {
        checkpoint = dir.resolve("lenet.ckpt");
        BriefTraining.classroom("lenet5").run().saveCheckpoint(checkpoint);
    }

    @Test
    void predictPrintsEveryLogitAndProbabilityAtFullFloatPrecision() throws Exception {
        Path image = Path.of("sample-images/probe/digit7_28.png");
        Run r = cli("predict", checkpoint.toString(), "--image", image.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("preprocessing").asText())
                .startsWith("decoded, converted to grey")
                .contains("resized to 28×28")
                .contains("(x − mean) / std per channel with mean (0.13");
        assertThat(root.get("classes")).hasSize(10);
        JsonNode p = root.at("/predictions/0");
        TrainedNetwork net = TrainedNetwork.fromCheckpoint(checkpoint);
        Prediction expected = net.predict(Predictor.batch(net, List.of(image)));
        for (int k = 0; k < 10; k++) { // Float.toString and back: the same float
            assertThat((float) p.get("logits").get(k).asDouble()).isEqualTo(expected.logits()[0][k]);
            assertThat((float) p.get("probabilities").get(k).asDouble()).isEqualTo(expected.probabilities()[0][k]);
        }
        assertThat(p.get("predicted").asText()).isEqualTo(net.classNames().get(expected.best(0)));

        Run text = cli("predict", checkpoint.toString(), "--image", image.toString());
        assertThat(text.out())
                .startsWith("preprocessing: decoded, converted to grey")
                .contains(image + ": " + net.classNames().get(expected.best(0)) + " (")
                .contains("class  probability      logit")
                .contains(Float.toString(expected.logits()[0][3]));
    }

    @Test
    void predictReadsEveryImageOfAFolderAndNamesAMissingOne() throws Exception {
        Run r = cli("predict", checkpoint.toString(), "--folder", "sample-images/probe", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode predictions = new ObjectMapper().readTree(r.out()).get("predictions");
        assertThat(predictions).hasSize(8); // colour photos too, converted to grey
        assertThat(predictions.get(0).get("image").asText()).endsWith("astronaut_32.png");

        Run missing = cli("predict", checkpoint.toString(), "--image", "no/such.png");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("image not found: no/such.png");
        Run both = cli("predict", checkpoint.toString());
        assertThat(both.exit()).isEqualTo(2);
    }

    @Test
    void exportWritesTheFilesAndSaysWhichWeights() throws Exception {
        Path onnx = dir.resolve("lenet.onnx");
        Run template = cli("export", "--template", "lenet5", "--onnx", onnx.toString());
        assertThat(template.exit()).as(template.err()).isZero();
        assertThat(template.out()).contains("wrote " + onnx + " (ONNX opset 17, initial weights)");
        Run trained = cli(
                "export",
                checkpoint.toString(),
                "--onnx",
                onnx.toString(),
                "--pytorch",
                dir.resolve("py").toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("(ONNX opset 17, trained weights)").doesNotContain("note:");
        assertThat(dir.resolve("py/train.py"))
                .content()
                .contains("DEFAULTS = dict(")
                .contains("seed=7,");
        try (var files = Files.list(dir.resolve("py"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "model.py", "weights.safetensors", "train.py", "network.bsg.json", "README.md");
        }
        Path graph = dir.resolve("resnet.bsg.json");
        GraphFiles.write(Templates.graph("resnet20"), graph);
        Run file =
                cli("export", graph.toString(), "--pytorch", dir.resolve("py2").toString());
        assertThat(file.out()).contains("initial weights").contains("note: no training settings saved");
    }

    @Test
    void exportRefusesWithTheProblemsListed() throws Exception {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 4, 4);
        x = b.add("big", Primitive.CONV2D, Params.of("filters", 2, "kernel", 7, "padding", "valid"), x);
        b.classifier("out", b.fc("fc", b.gap("gap", x), 3, true));
        Path bad = dir.resolve("bad.bsg.json");
        GraphFiles.write(b.graph(), bad);
        Run invalid =
                cli("export", bad.toString(), "--onnx", dir.resolve("bad.onnx").toString());
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err())
                .contains("the network is invalid:")
                .contains("error: 'big': output size -2×-2 ≤ 0: input 1×4×4 is smaller than kernel 7");
        assertThat(dir.resolve("bad.onnx")).doesNotExist();

        Path hardswish = dir.resolve("hardswish.bsg.json");
        GraphFiles.write(TinyNets.primitives().get("activation hardswish"), hardswish);
        Run old = cli(
                "export", hardswish.toString(), "--onnx", dir.resolve("h.onnx").toString(), "--opset", "13");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err())
                .contains("cannot export to ONNX:")
                .contains("'block': block uses hardswish, an ONNX operator since opset 14");
        Run range = cli(
                "export", hardswish.toString(), "--onnx", dir.resolve("h.onnx").toString(), "--opset", "9");
        assertThat(range.err()).contains("opset 9 is not supported: choose 13 to 21 (default 17)");

        Run nothing = cli("export", "--template", "lenet5");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("say what to write: --onnx OUT.onnx and/or --pytorch DIR");
        Run unknown = cli("export", "--template", "lenet6", "--onnx", "x.onnx");
        assertThat(unknown.err()).contains("no template named 'lenet6'");
    }

    @Test
    void importWeightsRefusesWeightsOfAnotherNetworkNamingTheTensors() throws Exception {
        Path project = dir.resolve("for-import");
        assertThat(cli("export", checkpoint.toString(), "--pytorch", project.toString())
                        .exit())
                .isZero();
        Path other = dir.resolve("resnet20.bsg.json");
        GraphFiles.write(Templates.graph("resnet20"), other);
        Run r = cli(
                "import-weights",
                project.resolve("weights.safetensors").toString(),
                "--network",
                other.toString(),
                "--save",
                dir.resolve("x.ckpt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("does not fit the network: missing conv1.weight;")
                .contains("unexpected c1.weight");

        Run ok = cli(
                "import-weights",
                project.resolve("weights.safetensors").toString(),
                "--save",
                dir.resolve("back.ckpt").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        TrainedNetwork back = TrainedNetwork.fromCheckpoint(dir.resolve("back.ckpt"));
        TrainedNetwork original = TrainedNetwork.fromCheckpoint(checkpoint);
        assertThat(back.classNames()).isEqualTo(original.classNames());
        assertThat(back.normalization().mean(0))
                .isEqualTo(original.normalization().mean(0));
        for (String name : original.tensorShapes().keySet()) {
            int slash = name.lastIndexOf('/');
            assertThat(back.tensor(name.substring(0, slash), name.substring(slash + 1)))
                    .as(name)
                    .containsExactly(original.tensor(name.substring(0, slash), name.substring(slash + 1)));
        }
    }
}
