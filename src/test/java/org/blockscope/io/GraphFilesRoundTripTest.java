package org.blockscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GraphFilesRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Template> templates() {
        return Templates.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyTemplateReadsBackEqualAndRewritesIdenticalBytes(Template template) throws Exception {
        Graph graph = template.graph();
        Path file = dir.resolve(template.id() + GraphFiles.EXTENSION);

        GraphFiles.write(graph, file);
        Graph back = GraphFiles.read(file);
        byte[] first = Files.readAllBytes(file);
        GraphFiles.write(back, file);

        assertThat(back).isEqualTo(graph);
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(GraphFiles.toJson(graph));
    }

    @Test
    void threeNodeGraphHasTheDocumentedText() throws Exception {
        Graph graph = Graph.of(
                List.of(
                        Node.of("input", Primitive.INPUT, Params.of("channels", 1, "height", 28, "width", 28)),
                        Node.of("bn", Primitive.BATCH_NORM).withPosition(new Position(240, 0)),
                        Node.of("drop", Primitive.DROPOUT, Params.of("rate", 0.25))
                                .withPosition(new Position(480.04, -12.35))),
                List.of(new Edge("input", "bn", 0), new Edge("bn", "drop", 0)));

        assertThat(GraphFiles.toJson(graph)).isEqualTo(read("three-nodes.bsg.json"));
    }

    @Test
    void positionsAreRoundedToATenthAndStayThereOnRewrite() throws Exception {
        Graph graph = Graph.of(
                List.of(Node.of("input", Primitive.INPUT).withPosition(new Position(480.04, -12.35))), List.of());

        Graph back = GraphFiles.fromJson(GraphFiles.toJson(graph), "t");

        assertThat(back.node("input").position()).isEqualTo(new Position(480.0, -12.3));
        assertThat(GraphFiles.toJson(back)).isEqualTo(GraphFiles.toJson(graph));
    }

    @Test
    void groupNodeWithBodyRoundTrips() throws Exception {
        Graph inside = Graph.of(
                List.of(
                        Node.of("in", Structural.PORT, Params.of("index", 0)),
                        Node.of("in1", Structural.PORT, Params.of("index", 1)).withPosition(new Position(0, 130)),
                        Node.of("conv", Primitive.CONV2D, Params.of("filters", 64, "bias", false))
                                .withPosition(new Position(240, 0)),
                        Node.of("add", Primitive.ADD).withPosition(new Position(480, 0))),
                List.of(new Edge("in", "conv", 0), new Edge("conv", "add", 0), new Edge("in1", "add", 1)));
        Node group =
                new Node("my_block", Structural.GROUP, Params.EMPTY, new Position(240, 0), new Subgraph(inside, "add"));
        Graph graph = Graph.of(
                List.of(
                        Node.of("input", Primitive.INPUT),
                        Node.of("stem", Primitive.CONV2D, Params.of("filters", 64))
                                .withPosition(new Position(120, 0)),
                        group),
                List.of(
                        new Edge("stem", "my_block", 0),
                        new Edge("input", "stem", 0),
                        new Edge("input", "my_block", 1)));

        String json = GraphFiles.toJson(graph);
        Graph back = GraphFiles.fromJson(json, "group.bsg.json");

        assertThat(back).isEqualTo(graph);
        assertThat(back.node("my_block").body()).isEqualTo(group.body());
        assertThat(GraphFiles.toJson(back)).isEqualTo(json);
    }

    @Test
    void handWrittenLeNetReadsIntoTheExpectedGraph() throws Exception {
        Graph expected = Graph.of(
                List.of(
                        Node.of("input", Primitive.INPUT, Params.of("channels", 1, "height", 28, "width", 28)),
                        Node.of(
                                        "c1",
                                        Primitive.CONV2D,
                                        Params.of("filters", 6, "kernel", 5, "padding", "explicit", "pad", 2))
                                .withPosition(new Position(240, 0)),
                        Node.of("c1_tanh", Primitive.ACTIVATION, Params.of("function", "tanh"))
                                .withPosition(new Position(480, 0)),
                        Node.of("s2", Primitive.AVG_POOL).withPosition(new Position(720, 0)),
                        Node.of("c3", Primitive.CONV2D, Params.of("filters", 16, "kernel", 5, "padding", "valid"))
                                .withPosition(new Position(960, 0)),
                        Node.of("c3_tanh", Primitive.ACTIVATION, Params.of("function", "tanh"))
                                .withPosition(new Position(1200, 0)),
                        Node.of("s4", Primitive.AVG_POOL).withPosition(new Position(1440, 0)),
                        Node.of("flatten", Primitive.FLATTEN).withPosition(new Position(1680, 0)),
                        Node.of("f5", Primitive.FULLY_CONNECTED, Params.of("units", 120))
                                .withPosition(new Position(1920, 0)),
                        Node.of("drop", Primitive.DROPOUT, Params.of("rate", 1.0))
                                .withPosition(new Position(2160, 0)),
                        Node.of("f7", Primitive.FULLY_CONNECTED, Params.of("units", 10))
                                .withPosition(new Position(2400, 0.5)),
                        Node.of("softmax", Primitive.CLASSIFIER)),
                List.of(
                        new Edge("input", "c1", 0),
                        new Edge("c1", "c1_tanh", 0),
                        new Edge("c1_tanh", "s2", 0),
                        new Edge("s2", "c3", 0),
                        new Edge("c3", "c3_tanh", 0),
                        new Edge("c3_tanh", "s4", 0),
                        new Edge("s4", "flatten", 0),
                        new Edge("flatten", "f5", 0),
                        new Edge("f5", "drop", 0),
                        new Edge("drop", "f7", 0),
                        new Edge("f7", "softmax", 0)));

        Graph graph = GraphFiles.fromJson(read("lenet-handwritten.bsg.json"), "lenet-handwritten.bsg.json");

        assertThat(graph).isEqualTo(expected);
        assertThat(graph.node("drop").params().get("rate")).isEqualTo(1.0); // written as 1, read as a Double
        assertThat(graph.node("c1").params().get("filters")).isEqualTo(6); // an Integer
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GraphFilesRoundTripTest.class.getResourceAsStream("/io/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
