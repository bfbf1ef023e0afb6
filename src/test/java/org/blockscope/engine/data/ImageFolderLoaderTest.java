package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFolderLoaderTest {

    private static final float HALF_STEP = 0.5f / 255 + 1e-6f; // 8-bit storage rounds to the nearest 1/255

    @TempDir
    Path dir;

    @Test
    void loadsTheSampleDigitsWithTenClassesOfThreeHundred() throws DataException {
        long start = System.nanoTime();
        Dataset digits = ImageFolderLoader.load(TestFiles.DIGITS_TRAIN, TestFiles.DIGIT);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(digits.size()).isEqualTo(3000);
        assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(digits.countsPerClass()).containsOnly(300);
        assertThat(digits.shape()).isEqualTo(Shape.map(1, 28, 28));
        assertThat(digits.report().skipped()).isEmpty();
        assertThat(digits.report().warnings()).isEmpty();
        System.out.println("loaded 3000 digit PNGs in " + millis + " ms");
    }

    @Test
    void digitPixelsAreTheGreyValuesOfThePngScaledToUnitRange() throws Exception {
        Dataset digits = TestFiles.digitsTrain();
        byte[] png = TestFiles.greyPixels(TestFiles.DIGITS_TRAIN.resolve("0/00000.png"));
        float[] image = digits.image(0); // class 0 first, files sorted: 0/00000.png
        for (int i = 0; i < png.length; i++) {
            assertThat(image[i]).isEqualTo((png[i] & 0xFF) / 255f);
        }
    }

    @Test
    void colourSamplesLoadAsGreyOrRgb() throws DataException {
        Dataset rgb = ImageFolderLoader.load(TestFiles.COLOUR_TRAIN, Shape.map(3, 32, 32));
        Dataset grey = ImageFolderLoader.load(TestFiles.COLOUR_TRAIN, Shape.map(1, 16, 16));
        assertThat(rgb.size()).isEqualTo(800);
        assertThat(rgb.classNames()).containsExactly("flower", "foliage", "sky", "water");
        assertThat(grey.size()).isEqualTo(800);
        assertThat(grey.shape()).isEqualTo(Shape.map(1, 16, 16));
    }

    @Test
    void rgbImageKeepsItsColoursAndGreyIsBt601Luma() throws DataException {
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0x0A141E};
        TestFiles.writePng(dir.resolve("a/x.png"), TestFiles.rgb(2, 2, colours));
        TestFiles.writePng(dir.resolve("b/y.png"), TestFiles.rgb(2, 2, 0, 0, 0, 0));

        Dataset rgb = ImageFolderLoader.load(dir, Shape.map(3, 2, 2));
        Dataset grey = ImageFolderLoader.load(dir, Shape.map(1, 2, 2));

        for (int i = 0; i < 4; i++) {
            int r = (colours[i] >> 16) & 0xFF;
            int g = (colours[i] >> 8) & 0xFF;
            int b = colours[i] & 0xFF;
            int y = i / 2;
            int x = i % 2;
            assertThat(rgb.pixel(0, 0, y, x)).isEqualTo(r / 255f);
            assertThat(rgb.pixel(0, 1, y, x)).isEqualTo(g / 255f);
            assertThat(rgb.pixel(0, 2, y, x)).isEqualTo(b / 255f);
            double luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255; // ITU-R BT.601
            assertThat(grey.pixel(0, 0, y, x)).isCloseTo((float) luma, within(HALF_STEP));
        }
    }

    @Test
    void greyImageIsCopiedToAllThreeChannelsWithoutGammaChange() throws DataException {
        TestFiles.writePng(dir.resolve("a/x.png"), TestFiles.grey(2, 2, 0, 100, 200, 255));
        TestFiles.writePng(dir.resolve("b/y.png"), TestFiles.grey(2, 2, 0, 0, 0, 0));

        Dataset rgb = ImageFolderLoader.load(dir, Shape.map(3, 2, 2));

        int[] expected = {0, 100, 200, 255};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                assertThat(rgb.pixel(0, c, i / 2, i % 2)).isEqualTo(expected[i] / 255f);
            }
        }
    }

    @Test
    void shrinkingAveragesEachBlock() throws DataException {
        int[] pattern = new int[16];
        for (int i = 0; i < 16; i++) {
            pattern[i] = 16 * i; // row y, column x: 16 * (4y + x)
        }
        TestFiles.writePng(dir.resolve("a/x.png"), TestFiles.grey(4, 4, pattern));
        TestFiles.writePng(dir.resolve("b/y.png"), TestFiles.grey(4, 4, new int[16]));

        Dataset small = ImageFolderLoader.load(dir, Shape.map(1, 2, 2));

        // block means: (0+16+64+80)/4 = 40, (32+48+96+112)/4 = 72, 40 + 128, 72 + 128
        assertThat(small.pixel(0, 0, 0, 0)).isEqualTo(40 / 255f);
        assertThat(small.pixel(0, 0, 0, 1)).isEqualTo(72 / 255f);
        assertThat(small.pixel(0, 0, 1, 0)).isEqualTo(168 / 255f);
        assertThat(small.pixel(0, 0, 1, 1)).isEqualTo(200 / 255f);
    }

    @Test
    void enlargingIsBilinearWithHalfPixelCentres() throws DataException {
        TestFiles.writePng(dir.resolve("a/x.png"), TestFiles.grey(2, 1, 0, 200));
        TestFiles.writePng(dir.resolve("b/y.png"), TestFiles.grey(2, 1, 0, 0));

        Dataset wide = ImageFolderLoader.load(dir, Shape.map(1, 1, 4));

        // src x = (dst + 0.5) * 2/4 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        float[] expected = {0, 50, 150, 200};
        for (int x = 0; x < 4; x++) {
            assertThat(wide.pixel(0, 0, 0, x)).isEqualTo(expected[x] / 255f);
        }
    }

    @Test
    void corruptImagesAreSkippedAndReportedByName() throws Exception {
        byte[] noise = new byte[300];
        new Random(1).nextBytes(noise);
        TestFiles.write(dir.resolve("cat/noise.png"), noise);
        byte[] real = Files.readAllBytes(TestFiles.DIGITS_TRAIN.resolve("3/00000.png"));
        TestFiles.write(dir.resolve("cat/cut.png"), java.util.Arrays.copyOf(real, real.length / 2));
        TestFiles.writePng(dir.resolve("cat/good.png"), TestFiles.grey(2, 2, 1, 2, 3, 4));
        TestFiles.writePng(dir.resolve("dog/good.png"), TestFiles.grey(2, 2, 1, 2, 3, 4));

        Dataset data = ImageFolderLoader.load(dir, Shape.map(1, 2, 2));

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.report().skipped())
                .extracting(Skipped::file)
                .containsExactly(
                        Path.of("cat", "cut.png").toString(),
                        Path.of("cat", "noise.png").toString());
        assertThat(data.report().skipped().get(1).reason())
                .isEqualTo("not a readable image (unknown format or corrupt header)");
        assertThat(data.report().skipped().get(0).reason())
                .isEqualTo("damaged PNG (the file ends before its IEND chunk: truncated?)");
    }

    @Test
    void classFolderWithoutImagesIsLeftOutWithAWarning() throws Exception {
        TestFiles.writePng(dir.resolve("cat/a.png"), TestFiles.grey(1, 1, 9));
        TestFiles.writePng(dir.resolve("dog/a.png"), TestFiles.grey(1, 1, 9));
        Files.createDirectories(dir.resolve("empty"));

        Dataset data = ImageFolderLoader.load(dir, Shape.map(1, 1, 1));

        assertThat(data.classNames()).containsExactly("cat", "dog");
        assertThat(data.report().warnings()).containsExactly("class folder 'empty' has no images, left out");
    }

    @Test
    void otherFilesAndHiddenFilesNextToImagesAreIgnored() throws Exception {
        TestFiles.writePng(dir.resolve("cat/a.png"), TestFiles.grey(1, 1, 9));
        TestFiles.writePng(dir.resolve("dog/a.JPG.png"), TestFiles.grey(1, 1, 9));
        TestFiles.write(dir.resolve("cat/notes.txt"), new byte[] {1});
        TestFiles.write(dir.resolve("cat/.DS_Store"), new byte[] {1});
        TestFiles.write(dir.resolve(".git/config"), new byte[] {1});

        Dataset data = ImageFolderLoader.load(dir, Shape.map(1, 1, 1));

        assertThat(data.classNames()).containsExactly("cat", "dog");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.report().skipped()).isEmpty();
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ImageFolderLoader.load(missing, TestFiles.DIGIT))
                .isInstanceOf(DataException.class)
                .hasMessage("folder not found: " + missing);
    }

    @Test
    void aFileInsteadOfAFolderIsRejected() {
        Path file = TestFiles.write(dir.resolve("x.png"), new byte[] {1});
        assertThatThrownBy(() -> ImageFolderLoader.load(file, TestFiles.DIGIT))
                .hasMessage(file + " is a file; expected a folder with one sub-folder per class");
    }

    @Test
    void imagesWithoutClassFoldersAreRejected() {
        TestFiles.writePng(dir.resolve("a.png"), TestFiles.grey(1, 1, 9));
        TestFiles.writePng(dir.resolve("b.png"), TestFiles.grey(1, 1, 9));
        assertThatThrownBy(() -> ImageFolderLoader.load(dir, TestFiles.DIGIT))
                .hasMessage(dir + ": no class folders; expected one sub-folder per class, e.g. "
                        + dir.resolve("cat").resolve("001.png") + " (found 2 images directly in the folder)");
    }

    @Test
    void filesOfTheWrongKindOnlyAreRejected() {
        TestFiles.write(dir.resolve("cat/a.txt"), new byte[] {1});
        TestFiles.write(dir.resolve("cat/b.txt"), new byte[] {1});
        TestFiles.write(dir.resolve("dog/c.txt"), new byte[] {1});
        assertThatThrownBy(() -> ImageFolderLoader.load(dir, TestFiles.DIGIT))
                .isInstanceOf(DataException.class)
                .hasMessage(dir + ": no images (PNG, JPEG, BMP or GIF) in 2 class folders; found 3 other files, e.g. "
                        + Path.of("cat", "a.txt"));
    }

    @Test
    void emptyClassFoldersOnlyAreRejected() throws Exception {
        Files.createDirectories(dir.resolve("cat"));
        assertThatThrownBy(() -> ImageFolderLoader.load(dir, TestFiles.DIGIT))
                .hasMessage(dir + ": no images (PNG, JPEG, BMP or GIF) in 1 class folder");
    }

    @Test
    void oneClassIsRejected() {
        TestFiles.writePng(dir.resolve("cat/a.png"), TestFiles.grey(1, 1, 9));
        TestFiles.writePng(dir.resolve("cat/b.png"), TestFiles.grey(1, 1, 9));
        assertThatThrownBy(() -> ImageFolderLoader.load(dir, TestFiles.DIGIT))
                .hasMessage(dir + ": only one class ('cat'); a classifier needs at least two class folders");
    }

    @Test
    void noReadableImageAtAllIsRejected() {
        TestFiles.write(dir.resolve("cat/a.png"), new byte[] {1, 2, 3});
        TestFiles.write(dir.resolve("dog/b.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ImageFolderLoader.load(dir, TestFiles.DIGIT))
                .hasMessage(dir + ": none of the 2 images could be read (first: " + Path.of("cat", "a.png")
                        + ": not a readable image (unknown format or corrupt header))");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            2x28x28
            4x28x28
            10
            """)
    void targetShapesImagesCannotTakeAreRejected(String shape) {
        assertThatThrownBy(() -> ImageFolderLoader.load(TestFiles.DIGITS_TRAIN, Shape.parse(shape)))
                .hasMessage("target shape " + Shape.parse(shape)
                        + ": images can be loaded as 1×H×W (grey) or 3×H×W (RGB) only");
    }

    @Test
    void everyImageFormatIsRead() throws Exception {
        java.awt.image.BufferedImage image = TestFiles.rgb(2, 1, 0x102030, 0x405060);
        for (String format : List.of("png", "bmp", "gif", "jpg")) {
            Path file = dir.resolve("c_" + format).resolve("x." + format);
            Files.createDirectories(file.getParent());
            assertThat(javax.imageio.ImageIO.write(image, format, file.toFile()))
                    .as(format)
                    .isTrue();
        }

        Dataset data = ImageFolderLoader.load(dir, Shape.map(3, 1, 2));

        assertThat(data.size()).isEqualTo(4);
        assertThat(data.report().skipped()).isEmpty();
        assertThat(data.pixel(1, 2, 0, 1)).isEqualTo(0x60 / 255f); // bmp is lossless
    }
}
