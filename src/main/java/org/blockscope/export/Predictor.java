package org.blockscope.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.ImageProbe;
import org.blockscope.engine.data.Normalization;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class probabilities and logits of image files, preprocessed exactly as validation images are
 * ({@link ImageProbe}). {@code blockscope predict}, the app's probe view and the export tests all
 * predict through this class, so an exported network is checked against what users see.
 */
public final class Predictor {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final int BATCH = 32;

    private Predictor() {}

    /** One image's result. */
    public record ImagePrediction(Path image, float[] logits, float[] probabilities, int best) {}

    /** Predicts every image, in the order given (batches of 32). */
    public static List<ImagePrediction> predict(TrainedNetwork net, List<Path> images) throws DataException {
        List<ImagePrediction> out = new ArrayList<>();
        for (int start = 0; start < images.size(); start += BATCH) {
            List<Path> part = images.subList(start, Math.min(images.size(), start + BATCH));
            Prediction p = net.predict(batch(net, part));
            for (int i = 0; i < part.size(); i++) {
                out.add(new ImagePrediction(part.get(i), p.logits()[i], p.probabilities()[i], p.best(i)));
            }
        }
        return out;
    }

    /** The images as one preprocessed batch [N, C, H, W]. */
    public static INDArray batch(TrainedNetwork net, List<Path> images) throws DataException {
        INDArray[] xs = new INDArray[images.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = ImageProbe.load(images.get(i), net.inputShape(), net.normalization());
        }
        return xs.length == 1 ? xs[0] : Nd4j.concat(0, xs);
    }

    /** Image files (PNG, JPEG, BMP, GIF) in {@code folder} and its sub-folders, sorted by path; hidden ones left out. */
    public static List<Path> imagesIn(Path folder) throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException("folder not found: " + folder);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> images = files.filter(Files::isRegularFile)
                    .filter(p -> !folder.relativize(p).toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("."))
                    .filter(Predictor::isImage)
                    .sorted()
                    .toList();
            if (images.isEmpty()) {
                throw new DataException(folder + ": no images (PNG, JPEG, BMP or GIF) in it or its sub-folders");
            }
            return images;
        } catch (IOException e) {
            throw new DataException("cannot list folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** One sentence saying how an image becomes the network's input. */
    public static String preprocessing(Shape input, Normalization n) {
        String colour = input.channels() == 1
                ? "grey (colour images by BT.601 luma, Y' = 0.299 R' + 0.587 G' + 0.114 B')"
                : "RGB (grey images copied to the three channels)";
        StringBuilder mean = new StringBuilder();
        StringBuilder std = new StringBuilder();
        for (int c = 0; c < n.channels(); c++) {
            mean.append(c == 0 ? "" : ", ").append(n.mean(c));
            std.append(c == 0 ? "" : ", ").append(n.std(c));
        }
        return "decoded, converted to " + colour + ", resized to " + input.height() + "×" + input.width()
                + " (area averaging when shrinking, bilinear when enlarging), rounded to 8 bits, scaled to [0, 1],"
                + " then (x − mean) / std per channel with mean (" + mean + ") and std (" + std + ")";
    }
}
