package org.blockscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.blockscope.engine.data.Cifar10Loader;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.ImageFolderLoader;
import org.blockscope.engine.data.MnistIdxLoader;
import org.blockscope.engine.data.Skipped;
import org.blockscope.graph.Shape;
import org.blockscope.testing.Fixtures;

/**
 * The data loaders on damaged and made-up files: IDX and CIFAR files load with exactly the images
 * their headers and lengths promise or are refused with one clear line; a damaged image is skipped
 * with its name and a clear reason (a PNG always: every byte is covered by a CRC) or loaded, and the
 * folder's other images load either way.
 */
class DataFuzzTest {

    private static final Shape GREY8 = Shape.map(1, 8, 8);

    private static Path fresh(String name) throws Exception {
        Path d = Fixtures.root().resolve("fuzz-data").resolve(name);
        if (Files.exists(d)) {
            try (var s = Files.walk(d)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(d);
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    /** An IDX file whose header fields and length are each right or wrong at random. */
    private static byte[] idx(Random r, int magic, int n, int[] dims) {
        int[] sizes = dims.clone();
        if (r.nextInt(4) == 0) {
            sizes[r.nextInt(sizes.length)] = new int[] {0, -1, 1 << 30, Integer.MAX_VALUE, 3}[r.nextInt(5)];
        }
        long payload = 1;
        for (int s : sizes) {
            payload *= Math.max(0, s);
        }
        int length = (int) Math.min(4096, Math.max(0, payload + (r.nextInt(3) == 0 ? r.nextInt(21) - 10 : 0)));
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + length);
        b.putInt(r.nextInt(6) == 0 ? magic ^ (1 << r.nextInt(32)) : magic);
        for (int s : sizes) {
            b.putInt(s);
        }
        for (int i = 0; i < length; i++) {
            b.put((byte) (magic == 2049 ? r.nextInt(r.nextInt(8) == 0 ? 256 : 10) : r.nextInt(256)));
        }
        return b.array();
    }

    @Property(tries = 400, seed = "31")
    void idxFilesLoadExactlyWhatTheyDeclareOrAreRefused(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Path d = fresh("idx");
        int n = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(12);
        byte[] images = idx(r, 2051, n, new int[] {n, 1 + r.nextInt(9), 1 + r.nextInt(9)});
        byte[] labels = idx(r, 2049, n, new int[] {r.nextInt(8) == 0 ? n + 1 : n});
        if (r.nextInt(4) == 0) {
            images = Mutations.mutate(images, r);
        }
        boolean gz = r.nextBoolean();
        Path imageFile =
                Files.write(d.resolve("train-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(images) : images);
        Path labelFile = Files.write(d.resolve("train-labels-idx1-ubyte"), labels);
        try {
            Dataset data = MnistIdxLoader.load(imageFile, labelFile, GREY8);
            ByteBuffer h = ByteBuffer.wrap(images);
            assertThat(data.size()).isEqualTo(h.getInt(4)).isPositive();
            assertThat((long) images.length).isEqualTo(16L + (long) h.getInt(4) * h.getInt(8) * h.getInt(12));
            assertThat(data.classCount()).isGreaterThanOrEqualTo(10);
            FuzzStats.accepted("IDX loader");
        } catch (DataException e) {
            FuzzStats.clear(e.getMessage(), "seed " + seed);
            FuzzStats.refused("IDX loader");
        }
    }

    @Property(tries = 300, seed = "32")
    void cifarBatchesLoadWholeRecordsOrAreRefused(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Path d = fresh("cifar");
        int records = r.nextInt(4);
        int length = records * 3073 + (r.nextInt(3) == 0 ? r.nextInt(200) - 100 : 0);
        byte[] bytes = new byte[Math.max(0, length)];
        r.nextBytes(bytes);
        for (int i = 0; i + 3073 <= bytes.length; i += 3073) {
            bytes[i] = (byte) (r.nextInt(10) == 0 ? 10 + r.nextInt(246) : r.nextInt(10));
        }
        boolean gz = r.nextBoolean();
        byte[] content = gz ? gzip(bytes) : bytes;
        if (r.nextInt(5) == 0) {
            content = Mutations.mutate(content, r);
        }
        Path batch = Files.write(d.resolve("data_batch_1.bin"), content);
        try {
            Dataset data = Cifar10Loader.load(List.of(batch), Shape.map(3, 8, 8));
            assertThat(data.size()).isPositive();
            assertThat(data.classNames()).hasSize(10);
            FuzzStats.accepted("CIFAR-10 loader");
        } catch (DataException e) {
            FuzzStats.clear(e.getMessage(), "seed " + seed);
            FuzzStats.refused("CIFAR-10 loader");
        }
    }

    private static final String[] FORMATS = {"png", "jpg", "bmp", "gif"};

    @Property(tries = 250, seed = "33")
    void damagedImagesAreSkippedByNameOrLoaded(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Path d = fresh("images");
        Fixtures.imageFolder(d, 2);
        String format = FORMATS[r.nextInt(FORMATS.length)];
        BufferedImage img = new BufferedImage(
                1 + r.nextInt(40),
                1 + r.nextInt(40),
                r.nextBoolean() ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        byte[] original = out.toByteArray();
        byte[] bytes = Mutations.mutate(original, r);
        Path file = Files.write(d.resolve("dark").resolve("fuzz." + format), bytes);
        Dataset data = ImageFolderLoader.load(d, GREY8); // never throws: 4 good images are there
        String name = Path.of("dark", "fuzz." + format).toString();
        List<Skipped> skipped = data.report().skipped();
        if (skipped.isEmpty()) {
            assertThat(data.size()).isEqualTo(5);
            if (format.equals("png")) {
                // every byte up to IEND is under a CRC: only bytes after it (which decoders ignore) may differ
                assertThat(bytes.length).as("a changed PNG passed every CRC").isGreaterThanOrEqualTo(original.length);
                assertThat(java.util.Arrays.copyOf(bytes, original.length))
                        .as("a changed PNG passed every CRC")
                        .isEqualTo(original);
            }
            FuzzStats.accepted("image folder: damaged " + format);
        } else {
            assertThat(skipped).hasSize(1);
            assertThat(skipped.get(0).file()).isEqualTo(name);
            FuzzStats.clear(skipped.get(0).reason(), "seed " + seed + " " + format);
            assertThat(data.size()).isEqualTo(4);
            FuzzStats.refused("image folder: damaged " + format);
        }
        Files.delete(file);
    }

    @AfterContainer
    static void report() {
        FuzzStats.report("data loaders");
    }
}
