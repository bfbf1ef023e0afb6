package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSummaryTest {

    @Test
    void summaryListsCountsSkippedFilesNormalisationAndAugmentation(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"cat", "dog"}) {
            for (int i = 0; i < 3; i++) {
                TestFiles.writePng(
                        dir.resolve("train/" + name + "/" + i + ".png"), TestFiles.grey(2, 2, 0, 255, 0, 255));
            }
            TestFiles.writePng(dir.resolve("val/" + name + "/0.png"), TestFiles.grey(2, 2, 0, 255, 0, 255));
        }
        TestFiles.write(dir.resolve("train/dog/bad.png"), new byte[] {1, 2, 3});
        Shape shape = Shape.map(1, 2, 2);
        Split split = Split.of(
                ImageFolderLoader.load(dir.resolve("train"), shape), ImageFolderLoader.load(dir.resolve("val"), shape));

        DataSummary summary =
                TrainingData.prepare(split, Augmentation.cropOnly()).summary();

        assertThat(summary.toString())
                .isEqualTo("""
                Training:     6 images from %s
                Validation:   2 images from %s
                Input shape:  1×2×2 (grey), pixels in [0,1], resized by area averaging (shrink) or bilinear (enlarge)
                Classes:      2
                  class   train     val
                  cat         3       1
                  dog         3       1
                Skipped:      1 file
                  %s: not a readable image (unknown format or corrupt header)
                Normalisation: mean (0.5000), std (0.5000) (fitted on training data)
                Augmentation: random crop (pad 4), horizontal flip off (training only)""".formatted(dir.resolve("train"), dir.resolve("val"), Path.of("dog", "bad.png")));
    }

    @Test
    void sampleDigitsSummary() throws DataException {
        Split split = Split.of(TestFiles.digitsTrain(), ImageFolderLoader.load(TestFiles.DIGITS_VAL, TestFiles.DIGIT));
        DataSummary summary = TrainingData.prepare(split, Augmentation.NONE).summary();
        System.out.println(summary);
        assertThat(summary.trainTotal()).isEqualTo(3000);
        assertThat(summary.validationTotal()).isEqualTo(600);
        assertThat(summary.validationCounts()).containsOnly(60);
    }
}
