package org.blockscope.engine.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.blockscope.engine.data.DataException;

/**
 * Where training images come from. {@link #detect} looks at a folder the user named: MNIST IDX
 * files, CIFAR-10 binary batches, a folder with {@code train/} and {@code val/} class folders, or
 * one folder of class folders (split by seed).
 */
public sealed interface DataSpec {

    /** Class folders; {@code validation} null means "split the training folder by seed". */
    record Folder(Path train, Path validation) implements DataSpec {}

    /** {@code train-images-idx3-ubyte[.gz]} etc.; the {@code t10k-*} files, if present, validate. */
    record Mnist(Path trainImages, Path trainLabels, Path testImages, Path testLabels) implements DataSpec {}

    /** {@code data_batch_N.bin}; {@code test_batch.bin}, if present, validates. */
    record Cifar(Path folder, boolean hasTest) implements DataSpec {}

    static DataSpec detect(Path data, Path validation) throws DataException {
        if (!Files.isDirectory(data)) {
            throw new DataException("folder not found: " + data);
        }
        Optional<Path> mnistImages = find(data, "train-images-idx3-ubyte", "train-images.idx3-ubyte");
        if (mnistImages.isPresent()) {
            Path labels = find(data, "train-labels-idx1-ubyte", "train-labels.idx1-ubyte")
                    .orElseThrow(() -> new DataException(data + ": found "
                            + mnistImages.get().getFileName() + " but no train-labels-idx1-ubyte next to it"));
            return new Mnist(
                    mnistImages.get(),
                    labels,
                    find(data, "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte")
                            .orElse(null),
                    find(data, "t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte")
                            .orElse(null));
        }
        if (Files.exists(data.resolve("data_batch_1.bin"))) {
            return new Cifar(data, Files.exists(data.resolve("test_batch.bin")));
        }
        if (validation == null && Files.isDirectory(data.resolve("train")) && Files.isDirectory(data.resolve("val"))) {
            return new Folder(data.resolve("train"), data.resolve("val"));
        }
        return new Folder(data, validation);
    }

    private static Optional<Path> find(Path dir, String... names) {
        for (String n : names) {
            for (String candidate : List.of(n, n + ".gz")) {
                if (Files.isRegularFile(dir.resolve(candidate))) {
                    return Optional.of(dir.resolve(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** Everything a folder holds for evaluation: its {@code val/} part if it has one, else all of it. */
    static DataSpec forEvaluation(Path data) throws DataException {
        DataSpec s = detect(data, null);
        if (s instanceof Folder f && f.validation() != null) {
            return new Folder(f.validation(), f.validation());
        }
        return s;
    }
}
