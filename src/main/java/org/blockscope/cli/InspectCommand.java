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
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.inspect.FeatureMapImages;
import org.blockscope.engine.inspect.Inspector;
import org.blockscope.engine.inspect.NodeOutput;
import org.blockscope.export.Prediction;
import org.blockscope.export.TrainedNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "inspect",
        description = "Feature maps (PNG grids) and SE channel weights (CSV) of a trained network for one image;"
                + " with --gradcam, --saliency or --occlusion, where the network looks (overlay PNG and CSV) instead.")
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

    @Option(
            names = "--gradcam",
            paramLabel = "NODE",
            description = "Grad-CAM of this convolutional node (a block name or a primitive path)")
    String gradcam;

    @Option(names = "--saliency", description = "gradient saliency: |d score / d pixel|")
    boolean saliency;

    @Option(
            names = "--occlusion",
            paramLabel = "PX",
            arity = "0..1",
            fallbackValue = "0",
            description = "occlusion map: the drop of the class's probability under a grey square of PX pixels"
                    + " (default: a quarter of the image side), stride PX/2")
    Integer occlusion;

    @Option(
            names = "--class",
            paramLabel = "NAME",
            description = "the class to explain (a name or an index; default: the predicted class)")
    String cls;

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
        if (gradcam != null || saliency || occlusion != null) {
            return explain(ck, x, stdout, err);
        }
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

    private int explain(CheckpointSource ck, INDArray x, PrintWriter stdout, PrintWriter err) {
        Model model = ck.model();
        List<String> names = ck.metadata().classNames();
        // the same pass and numbers as 'blockscope predict'
        Prediction p =
                TrainedNetwork.of(model, names, ck.metadata().normalization()).predict(x);
        int best = p.best(0);
        stdout.printf(
                Locale.ROOT,
                "prediction: %s (%.1f%%)%n",
                best < names.size() ? names.get(best) : "class " + best,
                100 * p.probabilities()[0][best]);
        try {
            float[] photo = ImageProbe.load(
                            image,
                            model.inputShape(),
                            Normalization.identity(model.inputShape().channels()))
                    .data()
                    .asFloat();
            ExplainOutputs o = new ExplainOutputs(
                    model,
                    x.castTo(DataType.FLOAT).dup('c').data().asFloat(),
                    photo,
                    ck.metadata().classNames(),
                    out,
                    stdout);
            int c = o.classOf(cls, best);
            if (gradcam != null) {
                if (!model.graph().contains(gradcam)
                        && model.expanded().primitive(gradcam).isEmpty()) {
                    return BlockscopeCli.fail(
                            err,
                            "no node named '" + gradcam + "'; names are the blocks of the network ("
                                    + String.join(", ", model.graph().names()) + ") or primitive paths");
                }
                o.gradCam(gradcam, c);
            }
            if (saliency) {
                o.saliency(c);
            }
            if (occlusion != null) {
                int side =
                        Math.min(model.inputShape().height(), model.inputShape().width());
                int patch = occlusion > 0 ? occlusion : Math.max(2, side / 4);
                o.occlusion(c, patch, Math.max(1, patch / 2), ck.metadata().normalization());
            }
        } catch (DataException | IllegalArgumentException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        } catch (IOException e) {
            err.println("blockscope: cannot write to " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
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
