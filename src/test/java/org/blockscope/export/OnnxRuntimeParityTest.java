package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX Runtime runs every exported network and gives what {@code predict} gives: logits within 1e-4 of
 * the largest logit, probabilities within 1e-4. Networks are trained briefly first, so the weights and
 * batch-norm statistics written are not the initial ones.
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
        compare("tiny net " + name, net, x, OnnxExporter.DEFAULT_OPSET);
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

    /** Initial weights, the 224×224 probe photos: the exported file loads and runs at full size. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("imageNetTemplates")
    void everyImageNetTemplateExportsAndRunsAtItsInputSize(String template, @TempDir Path dir) throws Exception {
        TrainedNetwork net = TrainedNetwork.untrained(Templates.graph(template));
        assertThat(net.inputShape()).isEqualTo(Shape.map(3, 224, 224));
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
