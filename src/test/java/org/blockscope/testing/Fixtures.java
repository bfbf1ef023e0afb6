package org.blockscope.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.cli.BlockscopeCli;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFiles;
import picocli.CommandLine;

/**
 * A tiny network, a tiny image folder and a checkpoint trained on them through the CLI, made once
 * per test JVM: fast enough to run the CLI hundreds of times (fuzzing, bad-input cases).
 */
public final class Fixtures {

    /** What a CLI run printed and returned. */
    public record Run(int exit, String out, String err) {}

    private static Path root;
    private static Path graph;
    private static Path data;
    private static Path checkpoint;

    private Fixtures() {}

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BlockscopeCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** input 1×8×8 → conv 4 (3×3) → ReLU → global average pool → FC 2 → classifier. */
    public static Graph tinyNetwork() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 8, 8);
        x = b.conv("conv", x, 4, 3, 1, 1, 1, true);
        x = b.relu("relu", x);
        x = b.gap("gap", x);
        x = b.fc("fc", x, 2, true);
        b.classifier("out", x);
        return b.graph();
    }

    public static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("blockscope-fixtures");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r)));
        }
        return root;
    }

    public static synchronized Path graph() {
        if (graph == null) {
            try {
                graph = root().resolve("tiny.bsg.json");
                GraphFiles.write(tinyNetwork(), graph);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return graph;
    }

    /** Classes "dark" and "light", 6 grey 8×8 images each: a bright square on the left or right. */
    public static synchronized Path data() {
        if (data == null) {
            data = root().resolve("tinydata");
            imageFolder(data, 6);
        }
        return data;
    }

    /** A folder of two classes of {@code perClass} 8×8 grey PNGs. */
    public static void imageFolder(Path dir, int perClass) {
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean on = (c == 0 ? x < 4 : x >= 4) && y >= 2 && y < 6;
                        img.getRaster().setSample(x, y, 0, on ? 200 + i : 20 + 3 * i);
                    }
                }
                write(dir.resolve(c == 0 ? "dark" : "light").resolve(i + ".png"), img);
            }
        }
    }

    /** {@link #tinyNetwork()} trained one epoch on {@link #data()} by {@code blockscope train --save}. */
    public static synchronized Path checkpoint() {
        if (checkpoint == null) {
            Path file = root().resolve("tiny.ckpt");
            Run r = cli(
                    "train",
                    graph().toString(),
                    "--data",
                    data().toString(),
                    "--epochs",
                    "1",
                    "--batch",
                    "4",
                    "--save",
                    file.toString());
            if (r.exit() != 0) {
                throw new IllegalStateException("fixture training failed: " + r.err());
            }
            checkpoint = file;
        }
        return checkpoint;
    }

    private static void write(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files: the OS cleans up eventually
        }
    }
}
