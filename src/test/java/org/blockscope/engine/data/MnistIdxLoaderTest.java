package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MnistIdxLoaderTest {

    @TempDir
    Path dir;

    private byte[][] digits;
    private int[] labels;

    @BeforeEach
    void takeTwoSampleDigitsPerClass() throws Exception {
        digits = new byte[20][];
        labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = (i * 7) % 10;
            digits[i] = TestFiles.greyPixels(TestFiles.DIGITS_TRAIN.resolve(labels[i] + "/0000" + (i / 10) + ".png"));
        }
    }

    @ParameterizedTest(name = "images {0}, labels {1}")
    @CsvSource(textBlock = """
            train-images.idx3-ubyte,    train-labels.idx1-ubyte,    false
            train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, true
            gzipped-without-suffix,     plain-labels,               true
            """)
    void roundTripGivesBackTheSamePixelsAndLabels(String imageName, String labelName, boolean gzip)
            throws DataException {
        byte[] images = TestFiles.idxImages(28, 28, digits);
        byte[] labelFile = TestFiles.idxLabels(labels);
        Path imagePath = TestFiles.write(dir.resolve(imageName), gzip ? TestFiles.gzip(images) : images);
        Path labelPath = TestFiles.write(
                dir.resolve(labelName), gzip && labelName.endsWith(".gz") ? TestFiles.gzip(labelFile) : labelFile);

        Dataset data = MnistIdxLoader.load(imagePath, labelPath, TestFiles.DIGIT);

        assertThat(data.size()).isEqualTo(20);
        assertThat(data.classNames()).hasSize(10).startsWith("0", "1").endsWith("9");
        assertThat(data.labels()).containsExactly(labels);
        for (int i = 0; i < 20; i++) {
            float[] image = data.image(i);
            for (int p = 0; p < 784; p++) {
                assertThat(image[p]).isEqualTo((digits[i][p] & 0xFF) / 255f);
            }
        }
    }

    @Test
    void idxDigitsEqualTheSameDigitsLoadedFromPng() throws DataException {
        Shape target = Shape.map(3, 14, 14);
        Path images = TestFiles.write(dir.resolve("i"), TestFiles.idxImages(28, 28, digits[0], digits[10]));
        Path labelFile = TestFiles.write(dir.resolve("l"), TestFiles.idxLabels(labels[0], labels[10]));
        TestFiles.writePng(dir.resolve("png/a/x.png"), TestFiles.grey(28, 28, toInts(digits[0])));
        TestFiles.writePng(dir.resolve("png/b/x.png"), TestFiles.grey(28, 28, toInts(digits[10])));

        Dataset idx = MnistIdxLoader.load(images, labelFile, target);
        Dataset png = ImageFolderLoader.load(dir.resolve("png"), target);

        assertThat(idx.shape()).isEqualTo(target);
        assertThat(idx.image(0)).containsExactly(png.image(0));
        assertThat(idx.image(1)).containsExactly(png.image(1));
    }

    @Test
    void labelFileGivenAsImagesIsRejected() {
        Path labelFile = TestFiles.write(dir.resolve("train-labels.idx1-ubyte"), TestFiles.idxLabels(labels));
        assertThatThrownBy(() -> MnistIdxLoader.load(labelFile, labelFile, TestFiles.DIGIT))
                .isInstanceOf(DataException.class)
                .hasMessage("train-labels.idx1-ubyte: magic 2049 is a label file, expected 2051 (images)");
    }

    @Test
    void imageFileGivenAsLabelsIsRejected() {
        Path images = TestFiles.write(dir.resolve("train-images.idx3-ubyte"), TestFiles.idxImages(28, 28, digits));
        assertThatThrownBy(() -> MnistIdxLoader.load(images, images, TestFiles.DIGIT))
                .hasMessage("train-images.idx3-ubyte: magic 2051 is an image file, expected 2049 (labels)");
    }

    @Test
    void aPngIsNotAnIdxFile() {
        Path png = TestFiles.DIGITS_TRAIN.resolve("0/00000.png");
        assertThatThrownBy(() -> MnistIdxLoader.load(png, png, TestFiles.DIGIT))
                .hasMessage("00000.png: magic -1991225785 (0x89504e47) is not an IDX file of unsigned bytes,"
                        + " expected 2051 (images)");
    }

    @Test
    void truncatedImageFileIsRejected() {
        byte[] full = TestFiles.idxImages(28, 28, digits);
        Path images = TestFiles.write(dir.resolve("images"), Arrays.copyOf(full, full.length - 10));
        Path labelFile = TestFiles.write(dir.resolve("labels"), TestFiles.idxLabels(labels));
        assertThatThrownBy(() -> MnistIdxLoader.load(images, labelFile, TestFiles.DIGIT))
                .hasMessage("images: header says 20×28×28 images (15696 bytes) but the file has 15686 bytes"
                        + " (truncated)");
    }

    @Test
    void truncatedGzipIsRejected() {
        byte[] gz = TestFiles.gzip(TestFiles.idxImages(28, 28, digits));
        Path images = TestFiles.write(dir.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path labelFile = TestFiles.write(dir.resolve("labels"), TestFiles.idxLabels(labels));
        assertThatThrownBy(() -> MnistIdxLoader.load(images, labelFile, TestFiles.DIGIT))
                .hasMessageStartingWith("images.gz: truncated gzip file");
    }

    @Test
    void differentCountsOfImagesAndLabelsAreRejected() {
        Path images = TestFiles.write(dir.resolve("images"), TestFiles.idxImages(28, 28, digits));
        Path labelFile = TestFiles.write(dir.resolve("labels"), TestFiles.idxLabels(1, 2, 3));
        assertThatThrownBy(() -> MnistIdxLoader.load(images, labelFile, TestFiles.DIGIT))
                .hasMessage("images has 20 images but labels has 3 labels");
    }

    @Test
    void missingFileIsNamed() {
        Path labelFile = TestFiles.write(dir.resolve("labels"), TestFiles.idxLabels(labels));
        Path missing = dir.resolve("t10k-images.idx3-ubyte");
        assertThatThrownBy(() -> MnistIdxLoader.load(missing, labelFile, TestFiles.DIGIT))
                .hasMessage("file not found: " + missing);
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }
}
