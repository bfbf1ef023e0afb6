package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.blockscope.app.inspect.Pixels;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.DataSummary;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.run.DataLoading;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.graph.Shape;

/** What a data folder holds, as the network will see it: counts per class, sample thumbnails, resizing and normalisation. */
public record DataPreview(
        Path folder, String kind, DataSummary summary, List<Thumbnail> thumbnails, Shape nativeShape, Path firstImage) {

    /** One sample image at the network's input shape. */
    public record Thumbnail(String label, int width, int height, int[] argb) {}

    /** Loads (on a worker thread) the folder at {@code input}, with the split the run would use. */
    public static DataPreview load(Path folder, Shape input, double valFraction, long seed, int perClass)
            throws DataException {
        DataSpec spec = DataSpec.detect(folder, null);
        TrainingData data = DataLoading.load(spec, input, valFraction, seed, Augmentation.NONE);
        Dataset train = data.split().train();
        List<Thumbnail> thumbs = new ArrayList<>();
        int[] taken = new int[train.classCount()];
        for (int i = 0; i < train.size() && thumbs.size() < perClass * train.classCount(); i++) {
            int c = train.label(i);
            if (taken[c] < perClass) {
                taken[c]++;
                thumbs.add(new Thumbnail(
                        train.classNames().get(c), input.width(), input.height(), Pixels.photo(train.image(i), input)));
            }
        }
        String kind = spec instanceof DataSpec.Mnist
                ? "MNIST IDX files"
                : spec instanceof DataSpec.Cifar
                        ? "CIFAR-10 binary batches"
                        : ((DataSpec.Folder) spec).validation() != null
                                ? "class folders (train/ and val/)"
                                : "class folders, split by seed";
        Path first = spec instanceof DataSpec.Folder f ? firstImage(f.train()) : null;
        return new DataPreview(folder, kind, data.summary(), thumbs, nativeShape(spec, first), first);
    }

    /** The size of the images as stored (MNIST 1×28×28, CIFAR-10 3×32×32, else the first image's), or null. */
    static Shape nativeShape(DataSpec spec, Path first) {
        if (spec instanceof DataSpec.Mnist) {
            return Shape.map(1, 28, 28);
        }
        if (spec instanceof DataSpec.Cifar) {
            return Shape.map(3, 32, 32);
        }
        if (first == null) {
            return null;
        }
        try {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(first.toFile());
            if (img == null) {
                return null;
            }
            int channels = img.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
            return Shape.map(channels, img.getHeight(), img.getWidth());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The first image file of the first class folder, in name order (a picture from the data's own domain). */
    static Path firstImage(Path root) {
        if (root == null || !java.nio.file.Files.isDirectory(root)) {
            return null;
        }
        try (var classes = java.nio.file.Files.list(root)) {
            for (Path c :
                    classes.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                try (var files = java.nio.file.Files.list(c)) {
                    var f = files.filter(x -> x.getFileName().toString().matches("(?i).*\\.(png|jpe?g|bmp|gif)"))
                            .sorted()
                            .findFirst();
                    if (f.isPresent()) {
                        return f.get();
                    }
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    /** How every image is turned into the network's input, in words. */
    public String preparation() {
        Shape s = summary.shape();
        Normalization n = summary.normalization();
        StringBuilder mean = new StringBuilder();
        for (int c = 0; c < n.channels(); c++) {
            mean.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f/%.3f", n.mean(c), n.std(c)));
        }
        return String.format(
                Locale.ROOT,
                "Each image becomes %s (%s): resized by area averaging when shrinking, bilinear when enlarging, "
                        + "pixels scaled to [0,1], then per channel (x − mean) / std with mean/std %s "
                        + "fitted on the training part.",
                s,
                s.channels() == 1 ? "grey" : "RGB",
                mean);
    }

    /** "0: 240 / 60" per class (training / validation). */
    public List<String> countLines() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < summary.classNames().size(); c++) {
            out.add(summary.classNames().get(c) + ": " + summary.trainCounts().get(c) + " / "
                    + summary.validationCounts().get(c));
        }
        return out;
    }

    public String headline() {
        return String.format(
                Locale.ROOT,
                "%s · %d classes · %,d training + %,d validation images",
                kind,
                summary.classNames().size(),
                summary.trainTotal(),
                summary.validationTotal());
    }
}
