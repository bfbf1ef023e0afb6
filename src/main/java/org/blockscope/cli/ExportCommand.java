package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.export.onnx.OnnxExporter;
import org.blockscope.export.pytorch.PyTorchExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        description = "Write a network as an ONNX model or as a PyTorch project (model.py, weights, train.py).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    NetworkSource source;

    @Option(names = "--onnx", paramLabel = "OUT.onnx", description = "write an ONNX model")
    Path onnx;

    @Option(
            names = "--opset",
            defaultValue = "" + OnnxExporter.DEFAULT_OPSET,
            description = "ONNX opset version (default ${DEFAULT-VALUE})")
    int opset;

    @Option(names = "--pytorch", paramLabel = "DIR", description = "write a PyTorch project into this folder")
    Path pytorch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (onnx == null && pytorch == null) {
            return BlockscopeCli.fail(err, "say what to write: --onnx OUT.onnx and/or --pytorch DIR");
        }
        TrainedNetwork net;
        try {
            net = source.load();
        } catch (GraphSource.Failure e) {
            return BlockscopeCli.fail(err, e.getMessage());
        } catch (NetworkSource.Invalid e) {
            return BlockscopeCli.invalid(err, e.problems.diagnostics());
        }
        String from = source.describe();
        String weights = net.trained() ? "trained weights" : "initial weights";
        try {
            if (onnx != null) {
                List<String> problems = OnnxExporter.problems(net, opset);
                if (!problems.isEmpty()) {
                    err.println("blockscope: cannot export to ONNX:");
                    problems.forEach(p -> err.println("  " + p));
                    err.flush();
                    return BlockscopeCli.EXIT_BAD_INPUT;
                }
                OnnxExporter.write(net, opset, from, onnx);
                out.printf("wrote %s (ONNX opset %d, %s)%n", onnx, opset, weights);
            }
            if (pytorch != null) {
                List<String> problems = PyTorchExporter.problems(net);
                if (!problems.isEmpty()) {
                    err.println("blockscope: cannot export to PyTorch:");
                    problems.forEach(p -> err.println("  " + p));
                    err.flush();
                    return BlockscopeCli.EXIT_BAD_INPUT;
                }
                PyTorchExporter.write(net, from, pytorch);
                out.printf(
                        "wrote %s: model.py, weights.safetensors (%s), train.py, network.bsg.json, README.md%n",
                        pytorch, weights);
                if (net.settings().isEmpty()) {
                    out.println("note: no training settings saved with the network: train.py uses those of"
                            + " 'blockscope train' without options");
                }
            }
        } catch (IOException e) {
            err.println("blockscope: cannot write: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.flush();
        return 0;
    }
}
