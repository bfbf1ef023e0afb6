package org.blockscope.app.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.blockscope.app.model.EditorModel;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.edit.Document;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Where a deformable conv looked, for one output position, without JavaFX running. */
class DeformSamplingTest {

    static Graph net(String version) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 28, 28);
        x = b.relu("r", b.conv("c", x, 4, 3, 2, 1, 1, true)); // 4×14×14
        x = b.add("deform", NamedBlock.DEFORMABLE_CONV, Params.of("filters", 4, "version", version), x);
        b.classifier("out", b.fc("fc", b.gap("gap", x), 10, true));
        return b.graph();
    }

    @Test
    void tapsAreTheGridMovedByTheOffsetsAndScaledByTheMask() {
        Params p = Primitive.DEFORM_CONV2D
                .defaults()
                .with("kernel", 3)
                .with("stride", 2)
                .with("modulated", true);
        double[] v = new double[27];
        v[0] = 0.5; // tap (0, 0): Δy
        v[1] = -1.25; // Δx
        v[2 * 9 + 4] = 0.3; // the centre tap's mask
        List<DeformSampling.Tap> taps = DeformSampling.taps(p, 3, 5, v);

        assertThat(taps).hasSize(9);
        // output (3, 5), stride 2, 'same' padding 1: the grid starts at (3·2 − 1, 5·2 − 1) = (5, 9)
        assertThat(taps.get(0)).isEqualTo(new DeformSampling.Tap(5, 9, 5.5, 7.75, 0));
        assertThat(taps.get(4)).isEqualTo(new DeformSampling.Tap(6, 10, 6, 10, 0.3));
        assertThat(taps.get(8).gridY()).isEqualTo(7);
        assertThat(DeformSampling.toImage(6, 14, 28)).isEqualTo(12.5); // pixel 6 of 14 covers 12 and 13
    }

    @Test
    void theModelsOffsetsAtThatPositionAreWhatIsDrawn() {
        Graph g = net("v2");
        Model m = Compiler.compile(g);
        PrimitiveNode deform = DeformSampling.convs(m.expanded()).get(0);
        ProbeImage probe = new ProbeImage("ramp", Shape.map(1, 28, 28), ramp());

        DeformSamplingViewModel.Picture pic = DeformSamplingViewModel.picture(m, probe.pixels(), deform, 7, 2, probe);

        INDArray off = m.activation(deform.inputs().get(1));
        assertThat(deform.path()).isEqualTo("deform/deform");
        assertThat(off.shape()).containsExactly(1, 27, 14, 14);
        DeformSampling.Tap first = pic.taps().get(0);
        // tap (0,0) of output (7, 2): grid (6, 1) in the 14×14 map, i.e. 12.5, 2.5 on the 28×28 image
        assertThat(first.gridY()).isCloseTo(12.5, within(1e-9));
        assertThat(first.gridX()).isCloseTo(2.5, within(1e-9));
        assertThat(first.y()).isCloseTo(12.5 + 2 * off.getDouble(0, 0, 7, 2), within(1e-5));
        assertThat(first.x()).isCloseTo(2.5 + 2 * off.getDouble(0, 1, 7, 2), within(1e-5));
        assertThat(pic.taps()).allSatisfy(t -> assertThat(t.mask()).isBetween(0.0, 1.0));
        assertThat(pic.text()).startsWith("Output (7, 2) of deform/deform: its 9 taps moved");
    }

    @Test
    void clickingTheImagePicksTheNearestOutputPosition() {
        Model m = Compiler.compile(net("v1"));
        PrimitiveNode deform = DeformSampling.convs(m.expanded()).get(0);
        // stride 1, 'same': output (r, c) is centred on map pixel (r, c), i.e. image pixels 2r..2r+1
        assertThat(DeformSampling.outputAt(deform, Shape.map(1, 28, 28), 13, 4)).containsExactly(6, 2);
        assertThat(DeformSampling.outputAt(deform, Shape.map(1, 28, 28), 100, -3))
                .containsExactly(13, 0);
    }

    @Test
    void theViewModelFindsTheDeformableConvAndDrawsTheCentreByDefault() throws Exception {
        EditorModel editor = new EditorModel(new Document(net("v1")), Runnable::run, false);
        InspectionModel inspection =
                new InspectionModel(editor, new ModelAccess(Runnable::run, 500), Path.of("sample-images"));
        DeformSamplingViewModel vm = new DeformSamplingViewModel(inspection);

        for (int i = 0; i < 200 && vm.pictureProperty().get() == null; i++) {
            Thread.sleep(50);
        }
        assertThat(vm.convs()).containsExactly("deform/deform");
        assertThat(vm.pictureProperty().get()).isNotNull();
        assertThat(vm.pictureProperty().get().text()).startsWith("Output (7, 7) of deform/deform");
        vm.rowProperty().set(3);
        for (int i = 0; i < 200 && !vm.pictureProperty().get().text().startsWith("Output (3, 7)"); i++) {
            Thread.sleep(50);
        }
        assertThat(vm.pictureProperty().get().text()).startsWith("Output (3, 7)");
    }

    private static float[] ramp() {
        float[] v = new float[28 * 28];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 28) / 27f;
        }
        return v;
    }
}
