package org.blockscope.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.blockscope.graph.Shape;

/**
 * Loads {@code <folder>/<class>/<image>}: one sub-folder per class, class name = folder name,
 * classes in sorted order (label = position). Images (PNG, JPEG, BMP, GIF) are decoded in parallel,
 * converted to the target C×H×W by {@link PixelConverter} (area averaging when shrinking, bilinear
 * when enlarging, BT.601 luma for RGB → grey, copy for grey → RGB) and scaled to [0,1].
 *
 * <p>An image that cannot be decoded is skipped and listed in the {@link LoadReport}; files with
 * other extensions and hidden files are ignored; a class folder without images is left out with a
 * warning. Everything that makes the folder unusable is a {@link DataException}.
 */
public final class ImageFolderLoader {

    private ImageFolderLoader() {}

    private record ClassFolder(String name, List<Path> images, List<Path> others) {}

    private record Decoded(byte[] pixels, String failure) {}

    public static Dataset load(Path folder, Shape target) throws DataException {
        PixelConverter.checkTarget(target);
        List<ClassFolder> found = scan(folder);
        List<String> warnings = new ArrayList<>();
        List<ClassFolder> classes = new ArrayList<>();
        for (ClassFolder c : found) {
            if (c.images().isEmpty()) {
                warnings.add("class folder '" + c.name() + "' has no images, left out");
            } else {
                classes.add(c);
            }
        }
        if (classes.isEmpty()) {
            throw noImages(folder, found);
        }
        if (classes.size() == 1) {
            throw new DataException(folder + ": only one class ('"
                    + classes.get(0).name() + "'); a classifier needs at least two class folders");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            for (Path image : classes.get(label).images()) {
                files.add(image);
                fileLabels.add(label);
            }
        }
        PixelBudget.check(folder.toString(), files.size(), target, 0);
        List<Decoded> decoded = IntStream.range(0, files.size())
                .parallel()
                .mapToObj(i -> decode(files.get(i), target))
                .toList();
        return assemble(folder, target, classes, files, fileLabels, decoded, warnings);
    }

    private static Dataset assemble(
            Path folder,
            Shape target,
            List<ClassFolder> classes,
            List<Path> files,
            List<Integer> fileLabels,
            List<Decoded> decoded,
            List<String> warnings)
            throws DataException {
        int n = (int) decoded.stream().filter(d -> d.pixels() != null).count();
        if (n == 0) {
            throw new DataException(folder + ": none of the " + files.size() + " images could be read (first: "
                    + folder.relativize(files.get(0)) + ": " + decoded.get(0).failure() + ")");
        }
        int size = (int) target.elements();
        byte[] pixels = new byte[Math.multiplyExact(n, size)];
        int[] labels = new int[n];
        int[] perClass = new int[classes.size()];
        List<Skipped> skipped = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < files.size(); i++) {
            Decoded d = decoded.get(i);
            if (d.pixels() == null) {
                skipped.add(new Skipped(folder.relativize(files.get(i)).toString(), d.failure()));
                continue;
            }
            System.arraycopy(d.pixels(), 0, pixels, k * size, size);
            labels[k++] = fileLabels.get(i);
            perClass[fileLabels.get(i)]++;
        }
        for (int c = 0; c < classes.size(); c++) {
            if (perClass[c] == 0) {
                warnings.add("class '" + classes.get(c).name() + "': none of its images could be read");
            }
        }
        List<String> names = classes.stream().map(ClassFolder::name).toList();
        return new Dataset(target, pixels, labels, names, new LoadReport(folder.toString(), n, skipped, warnings));
    }

    private static Decoded decode(Path file, Shape target) {
        try {
            byte[] out = new byte[(int) target.elements()];
            PixelConverter.convert(ImageDecoder.decode(file), target, out, 0);
            return new Decoded(out, null);
        } catch (IOException e) {
            return new Decoded(null, e.getMessage());
        }
    }

    private static DataException noImages(Path folder, List<ClassFolder> found) {
        List<Path> others = found.stream().flatMap(c -> c.others().stream()).toList();
        String text = folder + ": no images (" + ImageDecoder.KINDS + ") in " + found.size() + " class folder"
                + (found.size() == 1 ? "" : "s");
        if (!others.isEmpty()) {
            text += "; found " + others.size() + " other file" + (others.size() == 1 ? "" : "s") + ", e.g. "
                    + folder.relativize(others.get(0));
        }
        return new DataException(text);
    }

    private static List<ClassFolder> scan(Path folder) throws DataException {
        if (!Files.exists(folder)) {
            throw new DataException("folder not found: " + folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + " is a file; expected a folder with one sub-folder per class");
        }
        List<Path> entries = list(folder);
        List<ClassFolder> classes = new ArrayList<>();
        for (Path dir : entries.stream().filter(Files::isDirectory).toList()) {
            List<Path> files = list(dir).stream().filter(Files::isRegularFile).toList();
            classes.add(new ClassFolder(
                    dir.getFileName().toString(),
                    files.stream().filter(ImageDecoder::isImageName).toList(),
                    files.stream().filter(f -> !ImageDecoder.isImageName(f)).toList()));
        }
        if (classes.isEmpty()) {
            long loose = entries.stream().filter(ImageDecoder::isImageName).count();
            throw new DataException(folder + ": no class folders; expected one sub-folder per class, e.g. "
                    + folder.resolve("cat").resolve("001.png")
                    + (loose > 0 ? " (found " + loose + " images directly in the folder)" : ""));
        }
        return classes;
    }

    /** Sorted entries of a folder, without hidden ones ({@code .DS_Store}, {@code .git}). */
    private static List<Path> list(Path dir) throws DataException {
        try (Stream<Path> stream = Files.list(dir)) {
            return stream.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
