package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchesTest {

    private static List<Batch> all(Iterator<Batch> epoch) {
        List<Batch> out = new ArrayList<>();
        epoch.forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0} images in batches of {1}")
    @CsvSource(textBlock = """
            100, 32, 4, 4
            100, 25, 4, 25
            100, 1000, 1, 100
            7, 1, 7, 1
            """)
    void everyImageComesExactlyOncePerEpochWithThePartialBatchLast(int n, int batchSize, int batches, int lastSize) {
        Dataset data = SplitTest.numbered(n / 2, n - n / 2);
        Batches training = Batches.training(data, batchSize, Normalization.identity(1), Augmentation.NONE, 3);

        for (int epoch = 0; epoch < 2; epoch++) {
            List<Batch> list = all(training.epoch(epoch));
            assertThat(list).hasSize(batches).hasSize(training.batchCount());
            assertThat(list.get(list.size() - 1).size()).isEqualTo(lastSize);
            int[] seen = list.stream()
                    .flatMapToInt(b -> Arrays.stream(b.indices()))
                    .sorted()
                    .toArray();
            assertThat(seen)
                    .containsExactly(java.util.stream.IntStream.range(0, n).toArray());
        }
    }

    @Test
    void featuresAreNchwFloatWithLabelsAndNormalisedPixels() throws DataException {
        Dataset digits = TestFiles.digitsTrain();
        Normalization n = Normalization.of(new float[] {0.5f}, new float[] {0.25f});

        List<Batch> batches =
                all(Batches.training(digits, 64, n, Augmentation.NONE, 1).epoch(0));

        Batch first = batches.get(0);
        assertThat(first.features().shape()).containsExactly(64, 1, 28, 28);
        assertThat(first.features().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(batches.get(batches.size() - 1).features().shape()).containsExactly(3000 - 46 * 64, 1, 28, 28);
        for (int b = 0; b < 64; b += 9) {
            int index = first.indices()[b];
            assertThat(first.labels()[b]).isEqualTo(digits.label(index));
            float[] expected = digits.image(index);
            for (int p = 0; p < expected.length; p += 31) {
                assertThat(first.features().getFloat(b, 0, p / 28, p % 28)).isEqualTo(n.apply(expected[p], 0));
            }
        }
    }

    @Test
    void shuffleIsDeterministicPerSeedAndEpochAndDiffersBetweenEpochs() {
        Dataset data = SplitTest.numbered(50, 50);
        Batches a = Batches.training(data, 10, Normalization.identity(1), Augmentation.NONE, 5);
        Batches b = Batches.training(data, 10, Normalization.identity(1), Augmentation.NONE, 5);

        assertThat(order(a.epoch(3))).isEqualTo(order(b.epoch(3)));
        assertThat(order(a.epoch(0))).isNotEqualTo(order(a.epoch(1)));
        assertThat(order(Batches.evaluation(data, 10, Normalization.identity(1)).epoch(4)))
                .containsExactly(
                        java.util.stream.IntStream.range(0, 100).boxed().toArray(Integer[]::new));
    }

    private static List<Integer> order(Iterator<Batch> epoch) {
        return all(epoch).stream()
                .flatMap(b -> Arrays.stream(b.indices()).boxed())
                .toList();
    }

    @Test
    void batchesHandedOutStayIntactWhileLaterBatchesAreMade() throws DataException {
        Iterator<Batch> epoch = Batches.training(
                        TestFiles.digitsTrain(), 32, Normalization.identity(1), Augmentation.NONE, 1)
                .epoch(0);
        Batch first = epoch.next();
        INDArray copy = first.features().dup();

        epoch.next();
        epoch.next();

        assertThat(first.features().equals(copy)).isTrue();
    }

    @Test
    void oneHotHasAOneInTheLabelColumn() {
        Batch batch = all(Batches.evaluation(SplitTest.numbered(1, 1, 1), 3, Normalization.identity(1))
                        .epoch(0))
                .get(0);
        INDArray oneHot = batch.oneHot(3);
        assertThat(oneHot.shape()).containsExactly(3, 3);
        assertThat(oneHot.toFloatMatrix()).isEqualTo(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    }

    /** 1×3×3 image with pixels 1..9 (in units of 1/255), repeated. */
    private static Dataset repeated(int copies) {
        float[] values = new float[9 * copies];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 9 + 1) / 255f;
        }
        return Dataset.ofFloats(Shape.map(1, 3, 3), values, new int[copies], List.of("a", "b"), "grid");
    }

    private static float[][] images(Batches batches) {
        List<float[]> out = new ArrayList<>();
        batches.epoch(0).forEachRemaining(b -> {
            for (int i = 0; i < b.size(); i++) {
                float[] pixels = b.features()
                        .get(org.nd4j.linalg.indexing.NDArrayIndex.point(i))
                        .dup()
                        .data()
                        .asFloat();
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = Math.round(pixels[p] * 255);
                }
                out.add(pixels);
            }
        });
        return out.toArray(float[][]::new);
    }

    @Test
    void flipMirrorsAboutHalfTheImages() {
        float[] original = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] mirrored = {3, 2, 1, 6, 5, 4, 9, 8, 7};
        float[][] out =
                images(Batches.training(repeated(200), 50, Normalization.identity(1), new Augmentation(true, 0), 9));

        long flipped =
                Arrays.stream(out).filter(p -> Arrays.equals(p, mirrored)).count();
        long kept = Arrays.stream(out).filter(p -> Arrays.equals(p, original)).count();
        assertThat(flipped + kept).isEqualTo(200);
        assertThat(flipped).isBetween(70L, 130L);
    }

    @Test
    void cropWithPaddingShiftsAndFillsWithBlack() {
        float[][] out =
                images(Batches.training(repeated(300), 100, Normalization.identity(1), new Augmentation(false, 1), 9));

        List<String> shifts = new ArrayList<>();
        for (float[] image : out) {
            String shift = null;
            for (int dy = -1; dy <= 1 && shift == null; dy++) {
                for (int dx = -1; dx <= 1 && shift == null; dx++) {
                    if (Arrays.equals(image, shifted(dy, dx))) {
                        shift = dy + "," + dx;
                    }
                }
            }
            assertThat(shift).as(Arrays.toString(image)).isNotNull();
            shifts.add(shift);
        }
        assertThat(shifts.stream().distinct().count()).isEqualTo(9);
    }

    private static float[] shifted(int dy, int dx) {
        float[] out = new float[9];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                int sy = y + dy;
                int sx = x + dx;
                out[y * 3 + x] = sy < 0 || sy > 2 || sx < 0 || sx > 2 ? 0 : sy * 3 + sx + 1;
            }
        }
        return out;
    }

    @Test
    void validationBatchesAreNeverAugmented() throws DataException {
        Split split = Split.bySeed(TestFiles.digitsTrain(), 0.1, 2);
        TrainingData data = TrainingData.prepare(split, Augmentation.cropAndFlip());

        Batches validation = data.validationBatches(100);

        assertThat(validation.augmentation()).isEqualTo(Augmentation.NONE);
        assertThat(data.trainingBatches(100, 1).augmentation()).isEqualTo(Augmentation.cropAndFlip());
        Batch batch = validation.epoch(0).next();
        Normalization n = data.normalization();
        for (int i = 0; i < batch.size(); i += 7) {
            float[] expected = split.validation().image(i);
            float[] actual = batch.features()
                    .get(org.nd4j.linalg.indexing.NDArrayIndex.point(i))
                    .dup()
                    .data()
                    .asFloat();
            for (int p = 0; p < expected.length; p++) {
                assertThat(actual[p]).isEqualTo(n.apply(expected[p], 0));
            }
        }
    }
}
