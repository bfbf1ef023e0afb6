package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10LoaderTest {

    private static final Shape CIFAR = Shape.map(3, 32, 32);

    @TempDir
    Path dir;

    /** {@code records} random CIFAR-10 records (labels 0..9) from {@code seed}. */
    private static byte[] batch(int records, long seed) {
        byte[] bytes = new byte[records * 3073];
        Random random = new Random(seed);
        random.nextBytes(bytes);
        for (int r = 0; r < records; r++) {
            bytes[r * 3073] = (byte) random.nextInt(10);
        }
        return bytes;
    }

    @Test
    void batchesRoundTripIncludingAGzippedOne() throws DataException {
        byte[] first = batch(5, 1);
        byte[] second = batch(4, 2);
        TestFiles.write(dir.resolve("data_batch_1.bin"), first);
        TestFiles.write(dir.resolve("data_batch_2.bin"), TestFiles.gzip(second));
        TestFiles.write(dir.resolve("test_batch.bin"), batch(3, 3));

        Dataset data = Cifar10Loader.loadTraining(dir, CIFAR);

        assertThat(data.size()).isEqualTo(9);
        assertThat(data.classNames()).isEqualTo(Cifar10Loader.CLASSES);
        for (int i = 0; i < 9; i++) {
            byte[] file = i < 5 ? first : second;
            int record = (i % 5) * 3073;
            assertThat(data.label(i)).isEqualTo(file[record]);
            for (int c = 0; c < 3; c++) { // R, G, B planes, row-major
                for (int p = 0; p < 1024; p += 97) {
                    assertThat(data.pixel(i, c, p / 32, p % 32))
                            .isEqualTo((file[record + 1 + c * 1024 + p] & 0xFF) / 255f);
                }
            }
        }
        assertThat(Cifar10Loader.loadTest(dir, CIFAR).size()).isEqualTo(3);
    }

    @Test
    void classNamesComeFromBatchesMeta() throws DataException {
        TestFiles.write(dir.resolve("data_batch_1.bin"), batch(2, 1));
        List<String> names = List.of("a0", "b1", "c2", "d3", "e4", "f5", "g6", "h7", "i8", "j9");
        TestFiles.write(dir.resolve("batches.meta.txt"), (String.join("\n", names) + "\n\n").getBytes());

        assertThat(Cifar10Loader.loadTraining(dir, CIFAR).classNames()).isEqualTo(names);
    }

    @Test
    void convertsToGreyAndSmallerShapes() throws DataException {
        TestFiles.write(dir.resolve("data_batch_1.bin"), batch(2, 1));
        Dataset grey = Cifar10Loader.loadTraining(dir, Shape.map(1, 16, 16));
        assertThat(grey.shape()).isEqualTo(Shape.map(1, 16, 16));
        assertThat(grey.size()).isEqualTo(2);
    }

    @Test
    void lengthThatIsNotAWholeNumberOfRecordsIsRejected() {
        TestFiles.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(batch(2, 1), 2 * 3073 + 5));
        assertThatThrownBy(() -> Cifar10Loader.loadTraining(dir, CIFAR))
                .isInstanceOf(DataException.class)
                .hasMessage("data_batch_1.bin: 6151 bytes is not a multiple of 3073 (1 label byte + 3072 pixel"
                        + " bytes per image); the file is truncated or not a CIFAR-10 binary batch");
    }

    @Test
    void cifar100RecordsAreRecognised() {
        TestFiles.write(dir.resolve("data_batch_1.bin"), new byte[3 * 3074]);
        assertThatThrownBy(() -> Cifar10Loader.loadTraining(dir, CIFAR))
                .hasMessageEndingWith("it looks like CIFAR-100 (2 label bytes per record), which is not supported");
    }

    @Test
    void labelOutsideTheClassesIsRejected() {
        byte[] bytes = batch(3, 1);
        bytes[2 * 3073] = (byte) 200;
        TestFiles.write(dir.resolve("data_batch_1.bin"), bytes);
        assertThatThrownBy(() -> Cifar10Loader.loadTraining(dir, CIFAR))
                .hasMessage("data_batch_1.bin: image 2 has label 200, expected 0..9");
    }

    @Test
    void folderWithoutBatchesIsRejected() {
        assertThatThrownBy(() -> Cifar10Loader.loadTraining(dir, CIFAR))
                .hasMessage(dir + ": no data_batch_N.bin files (CIFAR-10 binary version)");
    }
}
