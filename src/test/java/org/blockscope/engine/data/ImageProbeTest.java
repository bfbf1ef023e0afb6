package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageProbeTest {

    @Test
    void probeIsNormalisedLikeValidationImages() throws Exception {
        Path file = TestFiles.PROBE.resolve("digit7_28.png");
        Normalization n = Normalization.of(new float[] {0.1f}, new float[] {0.3f});

        INDArray probe = ImageProbe.load(file, TestFiles.DIGIT, n);

        assertThat(probe.shape()).containsExactly(1, 1, 28, 28);
        byte[] png = TestFiles.greyPixels(file);
        for (int p = 0; p < png.length; p++) {
            assertThat(probe.getFloat(0, 0, p / 28, p % 28)).isEqualTo(n.apply((png[p] & 0xFF) / 255f, 0));
        }
    }

    @Test
    void largePhotoIsShrunkToTheNetworkInput() throws DataException {
        INDArray probe = ImageProbe.load(
                TestFiles.PROBE.resolve("cat_224.png"), Shape.map(3, 32, 32), Normalization.identity(3));
        assertThat(probe.shape()).containsExactly(1, 3, 32, 32);
        assertThat(probe.minNumber().floatValue()).isGreaterThanOrEqualTo(0f);
        assertThat(probe.maxNumber().floatValue()).isLessThanOrEqualTo(1f);
    }

    @Test
    void unreadableProbeIsNamed(@TempDir Path dir) {
        Path file = TestFiles.write(dir.resolve("x.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ImageProbe.load(file, TestFiles.DIGIT, Normalization.identity(1)))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": not a readable image (unknown format or corrupt header)");
    }
}
