package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.export.pytorch.WeightsImport;
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
        try {
            TrainedNetwork net = WeightsImport.open(weights, network);
            net.saveCheckpoint(save);
            out.printf(
                    "saved %s: %d tensors from %s, classes %s%n",
                    save, net.tensorShapes().size(), weights, String.join(", ", net.classNames()));
        } catch (IOException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        out.flush();
        return 0;
    }
}
