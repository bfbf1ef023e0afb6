package org.blockscope.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.TinyNets;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.Batch;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.Optimizer;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Schedule;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Networks trained for a few iterations, so that exported weights and batch-norm statistics are not the
 * initial ones: tiny nets on seeded random batches, classroom templates on the bundled sample images.
 */
final class BriefTraining {

    private BriefTraining() {}

    static final Path DIGITS = Path.of("sample-images/digits");
    static final Path COLOUR = Path.of("sample-images/colour32");

    /** A trained classroom template and real images of its data set (validation images, unseen). */
    record Classroom(TrainedNetwork net, TrainingRun run, List<Path> images) {}

    private static final Map<String, Classroom> CLASSROOM = new ConcurrentHashMap<>();

    /** Three SGD steps (momentum 0.9, lr 0.05) on seeded random batches of 8 (labels i mod 3). */
    static TrainedNetwork tiny(Graph g) {
        Model m = Compiler.compile(g);
        Optimizer opt = new Optimizer(new OptimizerConfig.Sgd(0.9, false, 0));
        Shape in = m.inputShape();
        int[] labels = new int[8];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % TinyNets.CLASSES;
        }
        for (int step = 0; step < 3; step++) {
            INDArray x = TinyNets.randomInput(100 + step, DataType.FLOAT, 8, in.channels(), in.height(), in.width());
            m.forward(x, Mode.TRAINING);
            m.backward(labels);
            opt.step(m, 0.05);
        }
        List<String> names = List.of("a", "b", "c");
        return TrainedNetwork.of(m, names, Normalization.identity(in.channels()));
    }

    /** The template trained for 8 Adam iterations of 16 images (cached per template). */
    static Classroom classroom(String template) {
        return CLASSROOM.computeIfAbsent(template, t -> train(t, Templates.graph(t)));
    }

    /** {@link EveryBlock#graph()} trained like a classroom template, on the colour images. */
    static Classroom everyBlock() {
        return CLASSROOM.computeIfAbsent("every block", t -> train(t, EveryBlock.graph()));
    }

    private static Classroom train(String template, Graph g) {
        Shape in = TrainedNetwork.untrained(g).inputShape();
        Path data = in.channels() == 1 ? DIGITS : COLOUR;
        try {
            TrainingConfig config =
                    new TrainingConfig(OptimizerConfig.Adam.defaults(), 0.003, new Schedule.Constant(), 16, 1, 7);
            TrainingRun run = TrainingRun.prepare(
                    g, DataSpec.detect(data, null), new TrainingRun.Settings(config, 0.2, Augmentation.NONE));
            Model m = run.model();
            Optimizer opt = new Optimizer(config.optimizer());
            Iterator<Batch> batches = run.data().trainingBatches(16, 7).epoch(0);
            for (int i = 0; i < 8; i++) {
                Batch b = batches.next();
                m.forward(b.features(), Mode.TRAINING);
                m.backward(b.labels());
                opt.step(m, 0.003);
            }
            TrainedNetwork net =
                    TrainedNetwork.of(m, run.classNames(), run.data().normalization());
            return new Classroom(net, run, images(data.resolve("val"), 2));
        } catch (Exception e) {
            throw new IllegalStateException(template + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code perClass} images of every class folder, sorted. */
    static List<Path> images(Path folder, int perClass) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> classes = Files.list(folder)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(c)) {
                    files.sorted().limit(perClass).forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
