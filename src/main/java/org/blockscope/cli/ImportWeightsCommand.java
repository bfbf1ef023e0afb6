package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.export.pytorch.WeightsFile;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import-weights",
        description = "Read weights trained outside Blockscope (the train.py of a PyTorch export) into a checkpoint.")
final class ImportWeightsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WEIGHTS", description = "a .safetensors file written by train.py")
    Path weights;

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description = "the exported network.bsg.json (default: next to WEIGHTS or one folder up)")
    Path network;

    @Option(names = "--save", required = true, paramLabel = "CKPT", description = "the checkpoint to write")
    Path save;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(weights)) {
            return BlockscopeCli.fail(err, "weights not found: " + weights);
        }
        Path graphFile = network != null ? network : findNetwork();
        if (graphFile == null) {
            return BlockscopeCli.fail(
                    err, "no network.bsg.json next to " + weights + " or one folder up: give it with --network FILE");
        }
        TrainedNetwork net;
        try {
            net = TrainedNetwork.untrained(GraphFiles.read(graphFile));
        } catch (GraphFileException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        } catch (CompileException e) {
            return BlockscopeCli.invalid(err, e.diagnostics());
        }
        try {
            WeightsFile.Loaded loaded = WeightsFile.read(net, weights);
            net.load(loaded.tensors());
            net.saveCheckpoint(save, loaded.classNames(), loaded.normalization());
            out.printf(
                    "saved %s: %d tensors from %s, classes %s%n",
                    save, loaded.tensors().size(), weights, String.join(", ", loaded.classNames()));
        } catch (IOException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        out.flush();
        return 0;
    }

    private Path findNetwork() {
        Path dir = weights.toAbsolutePath().getParent();
        for (Path candidate :
                List.of(dir.resolve("network.bsg.json"), dir.getParent().resolve("network.bsg.json"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
