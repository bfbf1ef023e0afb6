package org.blockscope.design;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A few bundled digits per class copied into a temporary folder: a search on them takes seconds. */
public final class SmallDigits {

    public static final Path SAMPLES = Path.of("sample-images");

    private SmallDigits() {}

    /** The first {@code perClass} images of each class of the bundled digits, under {@code tmp/digits}. */
    public static Path copy(Path tmp, int perClass) throws IOException {
        Path root = tmp.resolve("digits");
        try (Stream<Path> classes = Files.list(SAMPLES.resolve("digits/train"))) {
            for (Path c : classes.sorted().toList()) {
                Path to = Files.createDirectories(root.resolve(c.getFileName().toString()));
                try (Stream<Path> images = Files.list(c)) {
                    for (Path img : images.sorted().limit(perClass).toList()) {
                        Files.copy(img, to.resolve(img.getFileName().toString()));
                    }
                }
            }
        }
        return root;
    }
}
