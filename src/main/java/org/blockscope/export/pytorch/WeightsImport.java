package org.blockscope.export.pytorch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;

/**
 * Trained weights read back: a checkpoint, or the {@code weights.safetensors} an exported project's
 * train.py saved, with the exported {@code network.bsg.json} (given, or found next to the weights or one
 * folder up). Shared by {@code blockscope import-weights} and the app's File → Open trained weights.
 */
public final class WeightsImport {

    private WeightsImport() {}

    /**
     * @param network the graph file, or null to look for network.bsg.json
     * @throws IOException naming the file and what is wrong with it
     */
    public static TrainedNetwork open(Path weights, Path network) throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IOException("weights not found: " + weights);
        }
        if (!weights.getFileName().toString().endsWith(".safetensors")) {
            return TrainedNetwork.fromCheckpoint(weights);
        }
        Path graphFile = network != null
                ? network
                : findNetwork(weights)
                        .orElseThrow(() -> new IOException("no network.bsg.json next to " + weights
                                + " or one folder up: say which network the weights are for"));
        TrainedNetwork net;
        try {
            net = TrainedNetwork.untrained(GraphFiles.read(graphFile));
        } catch (GraphFileException e) {
            throw new IOException(e.getMessage(), e);
        } catch (CompileException e) {
            throw new IOException(graphFile + ": " + e.getMessage(), e);
        }
        WeightsFile.Loaded loaded = WeightsFile.read(net, weights);
        net.load(loaded.tensors());
        return net.withLabels(loaded.classNames(), loaded.normalization());
    }

    /** {@code network.bsg.json} next to the weights or one folder up (train.py writes to runs/). */
    public static Optional<Path> findNetwork(Path weights) {
        Path dir = weights.toAbsolutePath().getParent();
        for (Path candidate :
                List.of(dir.resolve("network.bsg.json"), dir.getParent().resolve("network.bsg.json"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
