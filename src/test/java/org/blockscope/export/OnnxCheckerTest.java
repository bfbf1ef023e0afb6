package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockscope.export.onnx.OnnxExporter;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported files are valid ONNX by the format's reference implementation (the onnx package's
 * checker with full shape inference), use only standard operators of the default domain, name nodes
 * after the graph's blocks and name the weights after the engine's tensors; at opset 13 and 17, and
 * ONNX Runtime runs opsets 13 to 21 alike.
 */
class OnnxCheckerTest {

    private static final Set<String> STANDARD = Set.of(
            "Conv",
            "BatchNormalization",
            "Relu",
            "Clip",
            "Sigmoid",
            "Tanh",
            "HardSwish",
            "Mul",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
            "Flatten",
            "Gemm",
            "Add",
            "Sum",
            "Concat",
            "Unsqueeze",
            "Reshape",
            "Transpose",
            "Identity",
            "Softmax");

    @Test
    void exportedFilesPassTheOnnxCheckerWithReadableNames(@TempDir Path dir) throws Exception {
        TrainedNetwork resnet = BriefTraining.classroom("resnet20").net();
        TrainedNetwork every = BriefTraining.everyBlock().net();
        TrainedNetwork googlenet = TrainedNetwork.untrained(Templates.graph("googlenet_aux"));
        List<String> files = new ArrayList<>();
        for (int opset : new int[] {13, 17}) {
            for (Map.Entry<String, TrainedNetwork> e : Map.of(
                            "resnet20", resnet, "every", every, "googlenet_aux", googlenet)
                    .entrySet()) {
                Path f = dir.resolve(e.getKey() + "-" + opset + ".onnx");
                OnnxExporter.write(e.getValue(), opset, e.getKey(), f);
                files.add(f.toString());
            }
        }
        List<String> args =
                new ArrayList<>(List.of(Python.script("onnx_check.py", dir).toString()));
        args.addAll(files);
        String out = Python.run(dir, Map.of(), 300, args.toArray(String[]::new));
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        for (String line : out.strip().split("\n")) {
            JsonNode r = json.readTree(line);
            String file = r.get("file").asText();
            Set<String> ops = new HashSet<>();
            r.get("ops").forEach(o -> ops.add(o.asText()));
            assertThat(STANDARD).as(file + ": operators").containsAll(ops);
            assertThat(r.get("domains").toString()).as(file).isEqualTo("[\"\"]");
            Set<String> names = new HashSet<>();
            r.get("names")
                    .forEach(n -> assertThat(names.add(n.asText()))
                            .as(file + ": node names unique")
                            .isTrue());
            assertThat(r.at("/outputs/logits").toString())
                    .isEqualTo(r.at("/outputs/probabilities").toString());
            if (file.contains("resnet20")) {
                assertThat(names).contains("conv1", "stage1_0/conv1", "stage2_0/shortcut_conv", "stage3_2/add", "fc");
                assertThat(r.get("initializers").toString())
                        .contains("\"stage1_0/bn1/running_mean\"")
                        .contains("\"fc/weight\"");
                assertThat(r.at("/outputs/logits").toString()).isEqualTo("[\"N\",4]"); // colour32: 4 classes
            }
            if (file.contains("googlenet")) { // the auxiliary heads are for training only
                assertThat(names).noneMatch(n -> n.startsWith("aux"));
                assertThat(names).contains("inception3a/b3_conv", "inception5b/concat");
            }
            if (file.contains("every")) {
                assertThat(ops).contains("Reshape", "Transpose", "Unsqueeze", "Concat", "AveragePool", "Clip");
                assertThat(names).contains("my block/conv", "shuffle/shuffle/transpose", "mbconv/se/scale");
            }
            checked++;
        }
        assertThat(checked).isEqualTo(files.size());
    }

    @Test
    void onnxRuntimeRunsEveryOpsetTheExporterOffers() throws Exception {
        BriefTraining.Classroom every = BriefTraining.everyBlock();
        var x = Predictor.batch(every.net(), every.images());
        Prediction expected = every.net().predict(x);
        double largest = 0;
        for (int opset = OnnxExporter.MIN_OPSET; opset <= OnnxExporter.MAX_OPSET; opset++) {
            byte[] model = OnnxExporter.bytes(every.net(), opset, "every block");
            OrtRunner.Outputs got = OrtRunner.run(model, OnnxRuntimeParityTest.inputName(every.net()), x);
            double rel = Differences.relative(got.logits(), expected.logits());
            assertThat(rel).as("opset " + opset).isLessThan(1e-4);
            largest = Math.max(largest, rel);
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "ONNX Runtime vs predict, every named block, opsets %d-%d: logits %.2e (relative)%n",
                OnnxExporter.MIN_OPSET,
                OnnxExporter.MAX_OPSET,
                largest);
    }
}
