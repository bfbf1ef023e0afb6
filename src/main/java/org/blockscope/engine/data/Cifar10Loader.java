package org.blockscope.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.blockscope.engine.memory.Bytes;
import org.blockscope.engine.memory.MemoryLimits;
import org.blockscope.graph.Shape;

/**
 * Loads CIFAR-10 binary batches (Krizhevsky 2009, "binary version"): records of 1 label byte
 * (0..9) + 3072 pixel bytes, the 32×32 R plane, then G, then B, row-major. A file may be gzipped.
 * Class names come from {@code batches.meta.txt} next to the batches (one per line) if present,
 * else the standard ten.
 */
public final class Cifar10Loader {

    static final int RECORD = 1 + 3 * 32 * 32;
    static final List<String> CLASSES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** More records than one file may hold: all of CIFAR-10 is 60,000. */
    static final long MAX_RECORDS = 100_000;

    private Cifar10Loader() {}

    /** {@code data_batch_1.bin} … {@code data_batch_5.bin} (whichever exist) of {@code folder}. */
    public static Dataset loadTraining(Path folder, Shape target) throws DataException {
        List<Path> batches = list(folder, "data_batch_");
        if (batches.isEmpty()) {
            throw new DataException(folder + ": no data_batch_N.bin files (CIFAR-10 binary version)");
        }
        return load(batches, target);
    }

    /** {@code test_batch.bin} of {@code folder}. */
    public static Dataset loadTest(Path folder, Shape target) throws DataException {
        return load(List.of(folder.resolve("test_batch.bin")), target);
    }

    /** The given batch files, in order. */
    public static Dataset load(List<Path> files, Shape target) throws DataException {
        PixelConverter.checkTarget(target);
        List<String> names = classNames(files.get(0).toAbsolutePath().getParent());
        long records = 0;
        for (Path file : files) {
            records += plainRecords(file);
        }
        if (records > 0) {
            PixelBudget.check(source(files), records, target, records * RECORD);
        }
        List<byte[]> contents = new ArrayList<>();
        int n = 0;
        for (Path file : files) {
            byte[] bytes = readAll(file);
            check(file.getFileName().toString(), bytes, names.size());
            contents.add(bytes);
            n += bytes.length / RECORD;
        }
        PixelBudget.check(source(files), n, target, 0);
        int size = (int) target.elements();
        byte[] pixels = new byte[Math.multiplyExact(n, size)];
        int[] labels = new int[n];
        int first = 0;
        for (byte[] bytes : contents) {
            int base = first;
            IntStream.range(0, bytes.length / RECORD).parallel().forEach(r -> {
                labels[base + r] = bytes[r * RECORD] & 0xFF;
                PixelConverter.convert(
                        SourceImage.ofBytes(3, 32, 32, bytes, r * RECORD + 1), target, pixels, (base + r) * size);
            });
            first += bytes.length / RECORD;
        }
        return new Dataset(target, pixels, labels, names, LoadReport.clean(source(files), n));
    }

    private static String source(List<Path> files) {
        return files.size() == 1
                ? files.get(0).toString()
                : files.get(0).getParent() + " (" + files.size() + " batches)";
    }

    /** Records of an uncompressed batch from its length (checked again once read), 0 for a gzip file. */
    private static long plainRecords(Path file) throws DataException {
        try (BinaryFiles f = BinaryFiles.open(file)) {
            return f.gzip() ? 0 : f.size() / RECORD;
        }
    }

    /** The whole (decompressed) batch, refused beyond what one data set may hold: a gzip bomb stops there. */
    private static byte[] readAll(Path file) throws DataException {
        try (BinaryFiles f = BinaryFiles.open(file)) {
            if (!f.gzip() && f.size() > PixelBudget.MAX_ARRAY) {
                throw new DataException(
                        f.name() + ": " + f.size() + " bytes, more than one data set may hold (2.0 GB)");
            }
            long cap = Math.min(MAX_RECORDS * RECORD, MemoryLimits.current().heapBytes() / 3);
            byte[] bytes = f.read((int) cap);
            if (f.hasMore()) {
                throw new DataException(f.name() + ": more than " + Bytes.format(cap)
                        + " once decompressed, more than a CIFAR-10 file holds (a batch is 10,000 images, 29.3 MB)");
            }
            return bytes;
        }
    }

    private static void check(String name, byte[] bytes, int classes) throws DataException {
        if (bytes.length == 0) {
            throw new DataException(name + ": empty file");
        }
        if (bytes.length % RECORD != 0) {
            String hint = bytes.length % (RECORD + 1) == 0
                    ? "; it looks like CIFAR-100 (2 label bytes per record), which is not supported"
                    : "; the file is truncated or not a CIFAR-10 binary batch";
            throw new DataException(name + ": " + bytes.length + " bytes is not a multiple of " + RECORD
                    + " (1 label byte + 3072 pixel bytes per image)" + hint);
        }
        for (int r = 0; r < bytes.length / RECORD; r++) {
            int label = bytes[r * RECORD] & 0xFF;
            if (label >= classes) {
                throw new DataException(
                        name + ": image " + r + " has label " + label + ", expected 0.." + (classes - 1));
            }
        }
    }

    private static List<String> classNames(Path folder) throws DataException {
        Path meta = folder.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) {
            return CLASSES;
        }
        try (Stream<String> lines = Files.lines(meta)) {
            List<String> names =
                    lines.map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (names.size() < 2) {
                throw new DataException(meta + ": expected one class name per line, found " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new DataException(meta + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> list(Path folder, String prefix) throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException("folder not found: " + folder);
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataException("cannot list folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
