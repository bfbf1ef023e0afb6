package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.ImageProbe;
import org.blockscope.engine.inspect.FeatureMapImages;
import org.blockscope.engine.inspect.Inspector;
import org.blockscope.engine.inspect.NodeOutput;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "inspect",
        description = "Feature maps (PNG grids) and SE channel weights (CSV) of a trained network for one image.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CKPT", description = "a checkpoint saved by 'blockscope train --save'")
    Path checkpoint;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "the image to look at")
    Path image;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            description = "only this node (a block name or a primitive path like stage1_0/conv1)")
    String node;

    @Option(
            names = "--out",
            defaultValue = "inspect-out",
            paramLabel = "DIR",
            description = "where to write (default ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--training-mode",
            description = "batch statistics and dropout as in training, instead of inference")
    boolean trainingMode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckpointSource ck;
        INDArray x;
        try {
            Args.writableFolder("--out", out);
            ck = CheckpointSource.load(checkpoint);
            x = ImageProbe.load(image, ck.model().inputShape(), ck.metadata().normalization());
        } catch (GraphSource.Failure | DataException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        Model model = ck.model();
        List<NodeOutput> outputs = Inspector.outputs(model, x, trainingMode ? Mode.TRAINING : Mode.INFERENCE);
        List<NodeOutput> chosen = choose(model, outputs);
        if (chosen.isEmpty()) {
            return BlockscopeCli.fail(
                    err,
                    "no node named '" + node + "'; names are the blocks of the network ("
                            + String.join(", ", model.graph().names()) + ") or primitive paths");
        }
        try {
            Files.createDirectories(out);
            for (NodeOutput o : chosen) {
                Path png = out.resolve(o.path().replace('/', '.') + ".png");
                ImageIO.write(FeatureMapImages.grid(o.value(), o.path() + "  " + o.shape()), "png", png.toFile());
            }
            Map<String, double[]> gates = Inspector.seGates(model, x);
            if (!gates.isEmpty()) {
                List<String> lines = new ArrayList<>(List.of("se_block,channel,weight"));
                gates.forEach((se, w) -> {
                    for (int c = 0; c < w.length; c++) {
                        lines.add(se + "," + c + "," + String.format(Locale.ROOT, "%.6f", w[c]));
                    }
                });
                Files.write(out.resolve("se_weights.csv"), lines);
            }
        } catch (IOException e) {
            err.println("blockscope: cannot write to " + out + ": " + Args.reason(e));
            err.flush();
            return 1;
        }
        double[] p = model.forward(x, Mode.INFERENCE)
                .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .reshape(-1)
                .toDoubleVector();
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        stdout.printf(
                Locale.ROOT,
                "prediction: %s (%.1f%%)%n",
                ck.metadata().classNames().get(best),
                100 * p[best]);
        stdout.printf(
                "wrote %d feature-map grid(s)%s to %s%n",
                chosen.size(), Inspector.seBlocks(model).isEmpty() ? "" : " and se_weights.csv", out);
        stdout.flush();
        return 0;
    }

    private List<NodeOutput> choose(Model model, List<NodeOutput> all) {
        if (node == null) {
            return all;
        }
        String path = model.expanded().outputOf(node).map(p -> p.path()).orElse(node);
        return all.stream().filter(o -> o.path().equals(path)).toList();
    }
}
