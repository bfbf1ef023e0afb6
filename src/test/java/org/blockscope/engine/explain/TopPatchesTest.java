package org.blockscope.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution with a hand-set filter that answers only to a plus sign: its top patches over a set of
 * noise images are exactly the images that contain a plus, each cropped around the plus.
 */
class TopPatchesTest {

    static final int[] WITH_PLUS = {3, 7, 11, 18, 20};
    static final int[][] CENTRES = {{1, 1}, {4, 6}, {6, 2}, {3, 3}, {5, 5}};
    static final int N = 24;

    static Model detector() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 8, 8);
        x = b.relu("r", b.conv("detect", x, 1, 3, 1, 1, 1, true));
        b.classifier("out", b.fc("fc", b.gap("gap", x), 2, true));
        Graph g = b.graph();
        Model m = Compiler.compile(g, new Compiler.Options(1, DataType.FLOAT));
        // +1 on the plus, −1 on the corners; bias −3: only a whole bright plus gets above 0
        float[] w = {-1, 1, -1, 1, 1, 1, -1, 1, -1};
        m.setTensor("detect/weight", Nd4j.create(w, new long[] {1, 1, 3, 3}, DataType.FLOAT));
        m.setTensor("detect/bias", Nd4j.create(new float[] {-3}, new long[] {1}, DataType.FLOAT));
        return m;
    }

    static Dataset images() {
        Random r = new Random(4);
        float[] v = new float[N * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 0.3f;
        }
        for (int k = 0; k < WITH_PLUS.length; k++) {
            int base = WITH_PLUS[k] * 64;
            int y = CENTRES[k][0];
            int x = CENTRES[k][1];
            for (int[] d : new int[][] {{0, 0}, {-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                v[base + (y + d[0]) * 8 + x + d[1]] = 1f;
            }
        }
        int[] labels = new int[N];
        return Dataset.ofFloats(Shape.map(1, 8, 8), v, labels, List.of("a", "b"), "test");
    }

    @Test
    void theTopPatchesOfAPlusDetectorAreTheImagesWithAPlus() {
        List<Integer> progress = new ArrayList<>();
        TopPatches top = TopPatches.compute(
                detector(), images(), Normalization.identity(1), "r", 5, 10, () -> false, progress::add);
        assertThat(progress).containsExactly(10, 20, 24);
        assertThat(top.images()).isEqualTo(N);
        assertThat(top.channels()).hasSize(1);
        List<TopPatches.Patch> patches = top.channels().get(0).patches();
        assertThat(patches).extracting(TopPatches.Patch::image).containsExactlyInAnyOrder(3, 7, 11, 18, 20);
        for (TopPatches.Patch p : patches) {
            int k = java.util.Arrays.stream(WITH_PLUS).boxed().toList().indexOf(p.image());
            assertThat(p.value()).isGreaterThan(0.5f);
            assertThat(new int[] {p.y(), p.x()}).as("image %d", p.image()).containsExactly(CENTRES[k]);
            ReceptiveFields.Rect rect = p.rect();
            assertThat(new int[] {rect.x0(), rect.y0(), rect.x1(), rect.y1()})
                    .containsExactly(p.x() - 1, p.y() - 1, Math.min(7, p.x() + 1), p.y() + 1);
            // the crop is the plus: its centre pixel is bright
            int cy = p.y() - rect.y0();
            int cx = p.x() - rect.x0();
            assertThat(p.crop()[cy * rect.width() + cx]).isEqualTo(1f);
        }
        assertThat(patches).isSortedAccordingTo((a, b) -> Float.compare(b.value(), a.value()));
    }

    @Test
    void withMoreThanTheImagesWithAPlusTheRestHaveNoResponse() {
        TopPatches top =
                TopPatches.compute(detector(), images(), Normalization.identity(1), "r", 7, 32, () -> false, n -> {});
        List<TopPatches.Patch> p = top.channels().get(0).patches();
        assertThat(p).hasSize(7);
        assertThat(p.subList(0, 5)).allMatch(x -> x.value() > 0.5f);
        assertThat(p.subList(5, 7)).allMatch(x -> x.value() == 0f);
    }

    @Test
    void aCancelledSearchStops() {
        assertThatThrownBy(() -> TopPatches.compute(
                        detector(), images(), Normalization.identity(1), "r", 5, 10, () -> true, n -> {}))
                .isInstanceOf(CancellationException.class);
    }
}
