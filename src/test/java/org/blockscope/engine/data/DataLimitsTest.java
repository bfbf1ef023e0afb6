package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.blockscope.graph.Shape;
import org.blockscope.testing.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, cases 3, 4 and 13: every reader checks what a file declares before allocating for it,
 * and damaged images are skipped by name instead of being trained on.
 */
class DataLimitsTest {

    @TempDir
    Path dir;

    private static final Shape GREY8 = Shape.map(1, 8, 8);

    /** A grey 8-bit PNG of {@code w×h} zero pixels, built by hand: tiny on disk whatever its size. */
    private static byte[] blackPng(int w, int h) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(
                png,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(w)
                        .putInt(h)
                        .put(new byte[] {8, 0, 0, 0, 0})
                        .array());
        chunk(png, "IDAT", Zips.deflateZeros((long) h * (w + 1), false)); // filter byte 0 + w pixels per row
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private void twoGoodImages() {
        TestFiles.writePng(dir.resolve("a/good.png"), TestFiles.grey(8, 8, new int[64]));
        TestFiles.writePng(dir.resolve("b/good.png"), TestFiles.grey(8, 8, new int[64]));
    }

    /** Case 3: a 20000×20000 PNG of 1.2 MB ran out of heap after 41 s with a stack trace. */
    @Test
    void hugeImageIsSkippedByItsHeaderBeforeDecoding() throws Exception {
        twoGoodImages();
        byte[] png = blackPng(20_000, 20_000);
        assertThat(png.length).isLessThan(2_000_000);
        TestFiles.write(dir.resolve("a/huge.png"), png);
        long t0 = System.nanoTime();

        Dataset data = ImageFolderLoader.load(dir, GREY8);

        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.report().skipped())
                .containsExactly(new Skipped(
                        Path.of("a", "huge.png").toString(),
                        "20000×20000 pixels (400.0 megapixels) is above the limit of 50 megapixels; shrink it first"));
    }

    @Test
    void imageJustUnderTheLimitIsRead() throws Exception {
        twoGoodImages();
        TestFiles.write(dir.resolve("a/big.png"), blackPng(7000, 7000)); // 49 megapixels

        Dataset data = ImageFolderLoader.load(dir, GREY8);

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.report().skipped()).isEmpty();
    }

    /** Case 13: ImageIO only warns about a truncated JPEG and fills the rest with grey. */
    @Test
    void truncatedJpegIsSkippedByName() throws Exception {
        twoGoodImages();
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(noise, "jpg", jpeg);
        byte[] all = jpeg.toByteArray();
        TestFiles.write(dir.resolve("b/cut.jpg"), Arrays.copyOf(all, all.length * 6 / 10));

        Dataset data = ImageFolderLoader.load(dir, GREY8);

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.report().skipped()).hasSize(1);
        assertThat(data.report().skipped().get(0).file())
                .isEqualTo(Path.of("b", "cut.jpg").toString());
        assertThat(data.report().skipped().get(0).reason()).startsWith("damaged image (");
    }

    /** Case 13: Java's PNG reader ignores chunk CRCs, so a flipped byte gave a wrong picture silently. */
    @Test
    void pngWithABadCrcIsSkippedByName() throws Exception {
        twoGoodImages();
        Path png = TestFiles.writePng(dir.resolve("b/flipped.png"), TestFiles.grey(8, 8, new int[64]));
        byte[] bytes = Files.readAllBytes(png);
        int idat = indexOf(bytes, "IDAT".getBytes(StandardCharsets.ISO_8859_1));
        bytes[idat + 6] ^= 0x01; // inside the compressed data, not the length
        Files.write(png, bytes);

        Dataset data = ImageFolderLoader.load(dir, GREY8);

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.report().skipped())
                .containsExactly(new Skipped(
                        Path.of("b", "flipped.png").toString(), "damaged PNG (chunk IDAT fails its CRC check)"));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** Case 4: an MNIST .gz that inflates to 3 GB was read whole before its header was checked. */
    @Test
    void gzipThatInflatesFarBeyondItsHeaderIsRefusedAtOnce() throws Exception {
        byte[] header = TestFiles.idxImages(8, 8, new byte[64], new byte[64]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.writeBytes(TestFiles.gzip(header));
        byte[] member = gzipOfZeros(64 << 20); // 64 MB of zeros, about 64 KB compressed
        for (int i = 0; i < 48; i++) {
            gz.writeBytes(member); // gzip members concatenate (RFC 1952, 2.2): 3 GB in all
        }
        Path images = TestFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), gz.toByteArray());
        Path labels = TestFiles.write(dir.resolve("train-labels-idx1-ubyte"), TestFiles.idxLabels(0, 1));
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> MnistIdxLoader.load(images, labels, GREY8))
                .isInstanceOf(DataException.class)
                .hasMessage("train-images-idx3-ubyte.gz: holds more data than its header says (2×8×8, 128 bytes)");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void idxHeaderDeclaringMoreThanFitsIsRefusedBeforeReading() throws Exception {
        ByteBuffer h = ByteBuffer.allocate(16)
                .putInt(2051)
                .putInt(2_000_000_000)
                .putInt(28)
                .putInt(28);
        Path images = TestFiles.write(dir.resolve("imgs.gz"), TestFiles.gzip(h.array()));
        Path labels = TestFiles.write(dir.resolve("labels"), TestFiles.idxLabels(0, 1));

        assertThatThrownBy(() -> MnistIdxLoader.load(images, labels, GREY8))
                .isInstanceOf(DataException.class)
                .hasMessage("imgs.gz: header says 2000000000×28×28 images, 1568000000000 bytes, more than one data set"
                        + " may hold (2.0 GB)");
    }

    @Test
    void cifarGzipBombStopsAtWhatACifarFileCanHold() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        byte[] member = gzipOfZeros(64 << 20);
        for (int i = 0; i < 8; i++) {
            gz.writeBytes(member); // 512 MB of zeros
        }
        Path batch = TestFiles.write(dir.resolve("cifar/data_batch_1.bin"), gz.toByteArray());

        assertThatThrownBy(() -> Cifar10Loader.load(java.util.List.of(batch), Shape.map(3, 32, 32)))
                .isInstanceOf(DataException.class)
                .hasMessage("data_batch_1.bin: more than 293.1 MB once decompressed, more than a CIFAR-10 file holds"
                        + " (a batch is 10,000 images, 29.3 MB)");
    }

    /** One gzip member (RFC 1952) of {@code bytes} zeros, made without compressing them one by one. */
    private static byte[] gzipOfZeros(int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        out.writeBytes(Zips.deflateZeros(bytes, true));
        CRC32 crc = new CRC32();
        crc.update(new byte[bytes]);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(bytes);
        out.writeBytes(trailer.array());
        return out.toByteArray();
    }
}
