package org.blockscope.export.pytorch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.blockscope.block.NamedBlock;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Schedule;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.export.Predictor;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.io.GraphFiles;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/**
 * Writes a small PyTorch project for a network: {@code model.py}, {@code weights.safetensors},
 * {@code train.py} with the training settings of the run as its defaults, {@code network.bsg.json} and a
 * README with the commands for one machine, several GPUs and several machines.
 */
public final class PyTorchExporter {

    /** The settings of {@code blockscope train} without options, for networks saved without settings. */
    public static final TrainingRun.Settings DEFAULT_SETTINGS = new TrainingRun.Settings(
            new TrainingConfig(new OptimizerConfig.Adam(0.9, 0.999, 1e-8, 0), 0.001, new Schedule.Constant(), 64, 5, 1),
            0.2,
            Augmentation.NONE);

    private PyTorchExporter() {}

    /** What keeps the network from being exported to PyTorch; empty when it can be. */
    public static List<String> problems(TrainedNetwork net) {
        List<String> problems = new ArrayList<>();
        for (Node n : net.graph().nodes()) {
            if (n.kind() == Structural.GROUP) {
                headsInside(n, n.body().graph(), problems);
            }
        }
        return problems;
    }

    private static void headsInside(Node group, Graph body, List<String> problems) {
        for (Node n : body.nodes()) {
            if (n.kind() == Primitive.CLASSIFIER || n.kind() == NamedBlock.AUX_CLASSIFIER) {
                problems.add("'" + group.name() + "': the group holds the classifier '" + n.name()
                        + "'; put classifiers at the top level of the network to export it to PyTorch");
            } else if (n.kind() == Structural.GROUP) {
                headsInside(group, n.body().graph(), problems);
            }
        }
    }

    /** Writes the project into {@code dir} (created if needed); existing files of the same names are replaced. */
    public static void write(TrainedNetwork net, String source, Path dir) throws IOException {
        write(net, source, dir, true);
    }

    /**
     * As {@link #write(TrainedNetwork, String, Path)}; with {@code handWrittenBlocks} false every named
     * block is written from its expansion, as one without a hand-written class is (tests check that path).
     */
    public static void write(TrainedNetwork net, String source, Path dir, boolean handWrittenBlocks)
            throws IOException {
        List<String> problems = problems(net);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Files.createDirectories(dir);
        TorchNames names = TorchNames.of(net.graph());
        text(dir.resolve("model.py"), ModelPy.generate(net, names, source, handWrittenBlocks));
        WeightsFile.write(net, dir.resolve("weights.safetensors"), source);
        TrainingRun.Settings settings = net.settings().orElse(DEFAULT_SETTINGS);
        String origin = net.settings().isPresent()
                ? "those of the Blockscope run saved in " + source
                : "those of `blockscope train` without options; the network was saved without its settings";
        text(
                dir.resolve("train.py"),
                ModelPy.resource("train.py").replace("# {{DEFAULTS}}", defaults(settings, origin)));
        text(dir.resolve("network.bsg.json"), GraphFiles.toJson(net.graph()));
        String in = net.inputShape().channels() + "×" + net.inputShape().height() + "×"
                + net.inputShape().width();
        text(
                dir.resolve("README.md"),
                ModelPy.resource("README.md")
                        .replace("{{SOURCE}}", source)
                        .replace("{{WEIGHTS}}", net.trained() ? "trained weights" : "initial weights")
                        .replace("{{INPUT}}", in)
                        .replace(
                                "{{INPUT_TUPLE}}",
                                net.inputShape().channels() + ", "
                                        + net.inputShape().height() + ", "
                                        + net.inputShape().width())
                        .replace("{{CLASSES}}", String.join(", ", net.classNames()))
                        .replace("{{PREPROCESSING}}", Predictor.preprocessing(net.inputShape(), net.normalization()))
                        .replace("{{SETTINGS_ORIGIN}}", origin)
                        .replace("{{SETTINGS}}", describe(settings)));
    }

    /** The DEFAULTS dict of train.py. */
    public static String defaults(TrainingRun.Settings s, String origin) {
        TrainingConfig c = s.config();
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        double momentum = 0.9;
        boolean nesterov = false;
        String optimizer = "adam";
        if (c.optimizer() instanceof OptimizerConfig.Adam a) {
            beta1 = a.beta1();
            beta2 = a.beta2();
            eps = a.eps();
        } else if (c.optimizer() instanceof OptimizerConfig.Sgd g) {
            optimizer = "sgd";
            momentum = g.momentum();
            nesterov = g.nesterov();
        }
        String schedule = "constant";
        int every = 1;
        double gamma = 0.1;
        if (c.schedule() instanceof Schedule.Step st) {
            schedule = "step";
            every = st.every();
            gamma = st.gamma();
        } else if (c.schedule() instanceof Schedule.Cosine) {
            schedule = "cosine";
        }
        String[][] values = {
            {"epochs", Integer.toString(c.epochs())},
            {"batch", Integer.toString(c.batchSize())},
            {"lr", ModuleWriter.literal(c.learningRate())},
            {"optimizer", ModuleWriter.literal(optimizer)},
            {"beta1", ModuleWriter.literal(beta1)},
            {"beta2", ModuleWriter.literal(beta2)},
            {"eps", ModuleWriter.literal(eps)},
            {"momentum", ModuleWriter.literal(momentum)},
            {"nesterov", ModuleWriter.literal(nesterov)},
            {"weight_decay", ModuleWriter.literal(c.optimizer().weightDecay())},
            {"schedule", ModuleWriter.literal(schedule)},
            {"step_every", Integer.toString(every)},
            {"step_gamma", ModuleWriter.literal(gamma)},
            {"seed", Long.toString(c.seed())},
            {"val_split", ModuleWriter.literal(s.valFraction())},
            {"crop_padding", Integer.toString(s.augmentation().cropPadding())},
            {"flip", ModuleWriter.literal(s.augmentation().horizontalFlip())},
        };
        StringBuilder t = new StringBuilder("# The training settings: " + origin + ".\nDEFAULTS = dict(\n");
        for (String[] v : values) {
            t.append("    ").append(v[0]).append('=').append(v[1]).append(",\n");
        }
        return t.append(")").toString();
    }

    private static String describe(TrainingRun.Settings s) {
        TrainingConfig c = s.config();
        String opt = c.optimizer() instanceof OptimizerConfig.Sgd g
                ? "SGD (momentum " + g.momentum() + (g.nesterov() ? ", Nesterov" : "") + ")"
                : "Adam";
        String schedule = c.schedule() instanceof Schedule.Step st
                ? "step (×" + st.gamma() + " every " + st.every() + " epochs)"
                : c.schedule() instanceof Schedule.Cosine ? "cosine" : "constant";
        return String.format(
                Locale.ROOT,
                "%s, learning rate %s, %s schedule, weight decay %s, batch %d, %d epochs, seed %d,"
                        + " validation split %s, augmentation: %s",
                opt,
                c.learningRate(),
                schedule,
                c.optimizer().weightDecay(),
                c.batchSize(),
                c.epochs(),
                c.seed(),
                s.valFraction(),
                s.augmentation());
    }

    private static void text(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
