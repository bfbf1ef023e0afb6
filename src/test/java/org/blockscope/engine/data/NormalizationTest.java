package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Iterator;
import java.util.List;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NormalizationTest {

    @Test
    void fitGivesMeanAndPopulationStdPerChannel() {
        // channel 0: 0, 1, 0, 1 -> mean 0.5 std 0.5; channel 1: all 0.2 -> std 1 (no spread)
        float[] values = {0, 1, 0.2f, 0.2f, 0, 1, 0.2f, 0.2f};
        Dataset data = Dataset.ofFloats(Shape.map(2, 1, 2), values, new int[] {0, 1}, List.of("a", "b"), "t");

        Normalization n = Normalization.fit(data);

        assertThat(n.mean(0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(n.std(0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(n.mean(1)).isCloseTo(0.2f, within(0.5f / 255));
        assertThat(n.std(1)).isEqualTo(1f);
        assertThat(n.fitted()).isTrue();
    }

    @Test
    void fittedDigitsHaveMeanZeroAndStdOneInBatches() throws DataException {
        Dataset digits = TestFiles.digitsTrain();
        Normalization n = Normalization.fit(digits);

        assertThat(n.mean(0)).isCloseTo(0.13f, within(0.02f)); // MNIST's published 0.1307 / 0.3081
        assertThat(n.std(0)).isCloseTo(0.31f, within(0.02f));
        assertMeanZeroStdOne(Batches.evaluation(digits, 500, n), 1);
    }

    @Test
    void fittedColourSamplesHaveMeanZeroAndStdOnePerChannel() throws DataException {
        Dataset colour = ImageFolderLoader.load(TestFiles.COLOUR_TRAIN, Shape.map(3, 32, 32));
        assertMeanZeroStdOne(Batches.evaluation(colour, 256, Normalization.fit(colour)), 3);
    }

    private static void assertMeanZeroStdOne(Batches batches, int channels) {
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        long count = 0;
        for (Iterator<Batch> it = batches.epoch(0); it.hasNext(); ) {
            INDArray x = it.next().features();
            for (int c = 0; c < channels; c++) {
                INDArray channel = x.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
                sum[c] += channel.sumNumber().doubleValue();
                squares[c] += channel.mul(channel).sumNumber().doubleValue();
            }
            count += x.length() / channels;
        }
        for (int c = 0; c < channels; c++) {
            double mean = sum[c] / count;
            assertThat(mean).as("mean of channel " + c).isCloseTo(0, within(1e-4));
            assertThat(Math.sqrt(squares[c] / count - mean * mean))
                    .as("std of channel " + c)
                    .isCloseTo(1, within(1e-4));
        }
    }

    @Test
    void givenValuesAreAppliedAsIs() {
        Normalization n = Normalization.of(new float[] {0.5f}, new float[] {0.25f});
        assertThat(n.apply(1f, 0)).isEqualTo(2f);
        assertThat(n.apply(0f, 0)).isEqualTo(-2f);
        assertThat(n.toString()).isEqualTo("mean (0.5000), std (0.2500) (given)");
    }
}
