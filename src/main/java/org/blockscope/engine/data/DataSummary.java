package org.blockscope.engine.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.blockscope.graph.Shape;

/**
 * What the training run will see: sources, target shape, images per class in each part, skipped
 * files, warnings, normalisation and augmentation. {@link #toString()} is the CLI text.
 */
public record DataSummary(
        String trainSource,
        String validationSource,
        Shape shape,
        List<String> classNames,
        List<Integer> trainCounts,
        List<Integer> validationCounts,
        List<Skipped> skipped,
        List<String> warnings,
        Normalization normalization,
        Augmentation augmentation) {

    public DataSummary {
        classNames = List.copyOf(classNames);
        trainCounts = List.copyOf(trainCounts);
        validationCounts = List.copyOf(validationCounts);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public static DataSummary of(TrainingData data) {
        Dataset train = data.split().train();
        Dataset val = data.split().validation();
        Set<Skipped> skipped = new LinkedHashSet<>(train.report().skipped());
        skipped.addAll(val.report().skipped());
        Set<String> warnings = new LinkedHashSet<>(train.report().warnings());
        warnings.addAll(val.report().warnings());
        if (val.size() == 0) {
            warnings.add("no validation images: loss and accuracy on unseen images are not measured");
        }
        return new DataSummary(
                train.report().source(),
                val.report().source(),
                train.shape(),
                train.classNames(),
                boxed(train.countsPerClass()),
                boxed(val.countsPerClass()),
                new ArrayList<>(skipped),
                new ArrayList<>(warnings),
                data.normalization(),
                data.augmentation());
    }

    public int trainTotal() {
        return trainCounts.stream().mapToInt(Integer::intValue).sum();
    }

    public int validationTotal() {
        return validationCounts.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("Training:     ")
                .append(trainTotal())
                .append(" images from ")
                .append(trainSource)
                .append('\n');
        text.append("Validation:   ")
                .append(validationTotal())
                .append(" images from ")
                .append(validationSource)
                .append('\n');
        text.append("Input shape:  ")
                .append(shape)
                .append(shape.channels() == 1 ? " (grey)" : " (RGB)")
                .append(", pixels in [0,1], resized by area averaging (shrink) or bilinear (enlarge)\n");
        int width =
                Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(0));
        text.append("Classes:      ").append(classNames.size()).append('\n');
        text.append(String.format("  %-" + width + "s %7s %7s%n", "class", "train", "val"));
        for (int c = 0; c < classNames.size(); c++) {
            text.append(String.format(
                    "  %-" + width + "s %7d %7d%n", classNames.get(c), trainCounts.get(c), validationCounts.get(c)));
        }
        text.append("Skipped:      ")
                .append(skipped.isEmpty() ? "none" : skipped.size() + " file" + (skipped.size() == 1 ? "" : "s"))
                .append('\n');
        skipped.forEach(s -> text.append("  ").append(s).append('\n'));
        warnings.forEach(w -> text.append("Warning:      ").append(w).append('\n'));
        text.append("Normalisation: ").append(normalization).append('\n');
        text.append("Augmentation: ").append(augmentation).append(augmentation.isNone() ? "" : " (training only)");
        return text.toString();
    }

    private static List<Integer> boxed(int[] counts) {
        return IntStream.of(counts).boxed().toList();
    }
}
