package org.blockscope.app.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.inspect.Activation;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.inspect.Planes;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

/** Inspection view-models without JavaFX running. */
class InspectViewModelsTest {

    @Test
    void seBarsInChannelOrderOrSortedLargestFirst() {
        double[] g = {0.2, 0.9, 0.5, 0.9};
        assertThat(SeWeightsViewModel.bars(g, false))
                .extracting(SeWeightsViewModel.Bar::channel)
                .containsExactly(0, 1, 2, 3);
        assertThat(SeWeightsViewModel.bars(g, true))
                .extracting(SeWeightsViewModel.Bar::channel)
                .containsExactly(1, 3, 2, 0);
    }

    @Test
    void reluTextQuotesTheShareOfNegativeValues() {
        PrimitiveNode relu = new PrimitiveNode(
                "relu1",
                Primitive.ACTIVATION,
                Params.of("function", "relu"),
                List.of("bn1"),
                List.of(Shape.map(1, 2, 5)),
                Shape.map(1, 2, 5),
                "relu1");
        float[] in = {-1, -2, -3, 4, 5, 6, 7, -8, 9, 10};
        float[] out = {0, 0, 0, 4, 5, 6, 7, 0, 9, 10};
        ChannelGrid ig = ChannelGrid.of("bn1", Shape.map(1, 2, 5), new Planes(new int[] {1, 2, 5}, in));
        ChannelGrid og = ChannelGrid.of("relu1", Shape.map(1, 2, 5), new Planes(new int[] {1, 2, 5}, out));
        assertThat(StepText.describe(relu, og, List.of(ig), Mode.INFERENCE, List.of()))
                .isEqualTo("ReLU: 40% of values were negative and became 0; the rest pass unchanged (max 10.0).");
    }

    @Test
    void convTextGivesKernelFiltersStrideAndShapes() {
        Model m = Compiler.compile(Templates.graph("resnet20"));
        PrimitiveNode conv = m.expanded().primitive("conv1").orElseThrow();
        ChannelGrid out =
                ChannelGrid.of("conv1", conv.output(), new Planes(new int[] {16, 32, 32}, new float[16 * 32 * 32]));
        assertThat(StepText.describe(conv, out, List.of(), Mode.INFERENCE, List.of()))
                .isEqualTo("3×3 conv, 16 filters, stride 1, padding 1: 3×32×32 → 16×32×32. Each output value is a "
                        + "weighted sum of 3×3×3 inputs.");
    }

    @Test
    void batchNormSaysWhichStatisticsItUses() {
        PrimitiveNode bn = new PrimitiveNode(
                "bn1",
                Primitive.BATCH_NORM,
                Primitive.BATCH_NORM.defaults(),
                List.of("conv1"),
                List.of(Shape.map(2, 1, 1)),
                Shape.map(2, 1, 1),
                "bn1");
        ChannelGrid g = ChannelGrid.of("bn1", Shape.map(2, 1, 1), new Planes(new int[] {2, 1, 1}, new float[] {1, -1}));
        assertThat(StepText.describe(bn, g, List.of(g), Mode.TRAINING, List.of()))
                .startsWith(
                        "Batch norm, TRAINING mode: each channel is normalised with the mean and variance of this batch");
        assertThat(StepText.describe(bn, g, List.of(g), Mode.INFERENCE, List.of()))
                .startsWith(
                        "Batch norm, inference mode: each channel is normalised with the running mean and variance");
    }

    @Test
    void stepThroughVisitsPrimitivesInOrderSelectsOwnersAndRunsToANode() {
        EditorModel editor = new EditorModel(new Document(Templates.graph("lenet5")), Runnable::run, false);
        InspectionModel inspection =
                new InspectionModel(editor, new ModelAccess(Runnable::run, 500), Path.of("sample-images"));
        List<String> centred = new ArrayList<>();
        StepThroughViewModel vm = new StepThroughViewModel(inspection, centred::add);
        Model m = Compiler.compile(editor.graph());
        List<Activation> outs = ModelProbe.outputs(m, randomImage(28 * 28), Mode.INFERENCE);
        vm.setOutputs(outs, m.expanded(), List.of());
        vm.reset();
        List<String> visited = new ArrayList<>();
        for (int i = 0; i < vm.size(); i++) {
            visited.add(vm.stepProperty().get().node().path());
            vm.step();
        }
        assertThat(visited)
                .isEqualTo(
                        m.expanded().nodes().stream().map(PrimitiveNode::path).toList());
        assertThat(centred.get(1)).isEqualTo("c1");
        assertThat(editor.selection()).containsExactly(visited.get(visited.size() - 1));
        vm.back();
        assertThat(vm.positionProperty().get()).isEqualTo("step " + (vm.size() - 1) + " of " + vm.size());
        vm.reset();
        vm.runTo("f5");
        assertThat(vm.stepProperty().get().node().path()).isEqualTo("f5");
        assertThat(vm.stepProperty().get().text())
                .isEqualTo(
                        "Fully connected, 120 units: each output is a weighted sum of all 400 inputs plus a bias: 400 → 120.");
        assertThat(vm.stepProperty().get().inputs()).hasSize(1);
    }

    @Test
    void featureMapPathsOfANodeAndItsInput() {
        EditorModel editor = new EditorModel(new Document(Templates.graph("lenet5")), Runnable::run, false);
        NodePaths.InOut io = NodePaths.of(editor.analysis().expanded(), "c3").orElseThrow();
        assertThat(io.output()).isEqualTo("c3");
        assertThat(io.input()).isEqualTo("s2");
        Model m = Compiler.compile(editor.graph());
        FeatureMapViewModel.Maps maps = FeatureMapViewModel.sample(m, randomImage(28 * 28), io);
        assertThat(maps.output().channels()).isEqualTo(16);
        assertThat(maps.input().channels()).isEqualTo(6);
        assertThat(maps.output().tile(0)).hasSize(10 * 10);
        FilterTiles f = FeatureMapViewModel.firstFilters(m);
        assertThat(f.filters()).isEqualTo(6);
        assertThat(f.tile(0)).hasSize(25);
    }

    private static float[] randomImage(int n) {
        java.util.Random r = new java.util.Random(7);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }
}
