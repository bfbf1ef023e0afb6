package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.engine.compile.TinyNets;
import org.blockscope.export.onnx.OnnxExporter;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX Runtime runs every exported network and gives what {@code predict} gives: logits within 1e-4 of
 * the largest logit, probabilities within 1e-4. Networks are trained briefly first, so the weights and
 * batch-norm statistics written are not the initial ones. Networks with a deformable convolution are
 * written at opset 19 (ONNX DeformConv), the others at the default opset.
 */
class OnnxRuntimeParityTest {

    private static final double TOLERANCE = 1e-4;
    private static final List<String> REPORT = new ArrayList<>();

    static Stream<Arguments> tinyNets() {
        List<Arguments> l = new ArrayList<>();
        for (Map<String, Graph> m : List.of(TinyNets.primitives(), TinyNets.blocks())) {
            m.forEach((name, g) -> l.add(Arguments.of(name, g)));
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tinyNets")
    void everyTinyNetRunsInOnnxRuntimeAsInBlockscope(String name, Graph graph) throws Exception {
        TrainedNetwork net = BriefTraining.tiny(graph);
        Shape in = net.inputShape();
        INDArray x = TinyNets.randomInput(7, DataType.FLOAT, 4, in.channels(), in.height(), in.width());
        compare(
                "tiny net " + name,
                net,
                x,
                deformable(net) ? OnnxExporter.DEFORM_CONV_OPSET : OnnxExporter.DEFAULT_OPSET);
    }

    static boolean deformable(TrainedNetwork net) {
        return net.expanded().nodes().stream().anyMatch(p -> p.kind() == Primitive.DEFORM_CONV2D);
    }

    /** DeformConv is an ONNX operator since opset 19: before, the export is refused, naming the node. */
    @Test
    void aDeformableConvIsRefusedBeforeOpset19NamingTheNode() throws Exception {
        TrainedNetwork net = TrainedNetwork.untrained(TinyNets.blocks().get("deformable conv block v1"));
        assertThatThrownBy(() -> OnnxExporter.bytes(net, 18, "deformable"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'block': deform is a deformable conv, ONNX DeformConv since opset 19 (export with"
                        + " --opset 19 or later)");
        assertThat(OnnxExporter.problems(net, 19)).isEmpty();
        assertThat(OnnxExporter.problems(TrainedNetwork.untrained(Templates.graph("shufflenet_v2_x0_5")), 13))
                .isEmpty();
    }

    static Stream<String> classroomTemplates() {
        return Templates.all().stream().filter(Template::classroom).map(Template::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classroomTemplates")
    void everyClassroomTemplateRunsInOnnxRuntimeOnRealImages(String template) throws Exception {
        BriefTraining.Classroom c = BriefTraining.classroom(template);
        INDArray x = Predictor.batch(c.net(), c.images());
        compare("template " + template, c.net(), x, OnnxExporter.DEFAULT_OPSET);
    }

    static Stream<String> imageNetTemplates() {
        return Templates.all().stream().filter(t -> !t.classroom()).map(Template::id);
    }

    /**
     * Initial weights, the 224×224 probe photos (resized to 240, 260, 300 for EfficientNet B1–B3, as
     * published): the exported file loads and runs at full size.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("imageNetTemplates")
    void everyImageNetTemplateExportsAndRunsAtItsInputSize(String template, @TempDir Path dir) throws Exception {
        TrainedNetwork net = TrainedNetwork.untrained(Templates.graph(template));
        int side = switch (template) {
            case "efficientnet_b1" -> 240;
            case "efficientnet_b2" -> 260;
            case "efficientnet_b3" -> 300;
            default -> 224;
        };
        assertThat(net.inputShape()).isEqualTo(Shape.map(3, side, side));
        INDArray x = Predictor.batch(
                net,
                List.of(Path.of("sample-images/probe/cat_224.png"), Path.of("sample-images/probe/coffee_224.png")));
        Path file = dir.resolve(template + ".onnx");
        OnnxExporter.write(net, OnnxExporter.DEFAULT_OPSET, "template " + template, file);
        Prediction expected = net.predict(x);
        OrtRunner.Outputs got = OrtRunner.run(file, inputName(net), x);
        Files.delete(file);
        record(template + " (224×224, initial weights)", expected, got);
    }

    private static void compare(String what, TrainedNetwork net, INDArray x, int opset) throws Exception {
        byte[] model = OnnxExporter.bytes(net, opset, what);
        Prediction expected = net.predict(x);
        record(what, expected, OrtRunner.run(model, inputName(net), x));
    }

    private static void record(String what, Prediction expected, OrtRunner.Outputs got) {
        double rel = Differences.relative(got.logits(), expected.logits());
        double prob = Differences.absolute(got.probabilities(), expected.probabilities());
        REPORT.add(String.format(
                java.util.Locale.ROOT, "%-45s logits %.2e (relative)  probabilities %.2e", what, rel, prob));
        assertThat(rel)
                .as(what + ": largest logit difference relative to the largest logit")
                .isLessThan(TOLERANCE);
        assertThat(prob).as(what + ": largest probability difference").isLessThan(TOLERANCE);
    }

    static String inputName(TrainedNetwork net) {
        return net.graph().nodes().stream()
                .filter(n -> n.kind() == Primitive.INPUT)
                .findFirst()
                .orElseThrow()
                .name();
    }

    @AfterAll
    static void printDifferences() {
        System.out.println("ONNX Runtime vs predict, largest differences:");
        REPORT.forEach(l -> System.out.println("  " + l));
    }
}
