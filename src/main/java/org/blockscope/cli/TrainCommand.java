package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.memory.NotEnoughMemoryException;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.Evaluation;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Schedule;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.graph.Graph;
import org.blockscope.primitive.Primitive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Train a network on a folder of images, MNIST IDX or CIFAR-10 files.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    GraphSource source;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "class folders (or train/ and val/), MNIST IDX files, or CIFAR-10 batches")
    Path data;

    @Option(names = "--val", paramLabel = "DIR", description = "validation class folders (default: split --data)")
    Path val;

    @Option(
            names = "--val-split",
            defaultValue = "0.2",
            description = "fraction held out when there is no --val (default ${DEFAULT-VALUE})")
    double valSplit;

    @Option(names = "--epochs", defaultValue = "5", description = "default ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            description = "adam or sgd (momentum 0.9) (default ${DEFAULT-VALUE})")
    String optimizer;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description = "constant, step (×0.1 every third of the epochs) or cosine")
    String schedule;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--augment", description = "random crops (and flips for colour images) while training")
    boolean augment;

    @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--save",
            paramLabel = "CKPT",
            description = "save the network here after every epoch (a checkpoint, e.g. run.ckpt)")
    Path save;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config;
        TrainingRun run;
        try {
            config = config();
            if (save != null) {
                Args.writableFile("--save", save);
            }
            Graph g = source.load();
            DataSpec dataSpec = DataSpec.detect(data, val);
            boolean colour = g.nodes().stream()
                    .anyMatch(n -> n.kind() == Primitive.INPUT && n.params().getInt("channels") == 3);
            Augmentation aug =
                    !augment ? Augmentation.NONE : colour ? Augmentation.cropAndFlip() : Augmentation.cropOnly();
            run = TrainingRun.prepare(g, dataSpec, new TrainingRun.Settings(config, valSplit, aug));
        } catch (GraphSource.Failure | DataException | NotEnoughMemoryException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        } catch (CompileException e) {
            return BlockscopeCli.invalid(err, e.diagnostics());
        }
        out.println(run.data().summary());
        run.notes().forEach(n -> out.println("note: " + n));
        out.printf(
                Locale.ROOT,
                "training %s: %,d params, %d epochs, batch %d, %s lr %s%n",
                source.title(),
                run.model().parameterCount(),
                epochs,
                batch,
                optimizer,
                lr);
        out.flush();
        boolean validation = run.data().split().validation().size() > 0;
        TrainProgress progress =
                new TrainProgress(err, run.trainer().config().epochs(), batchCount(run), System.console() != null);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicReference<String> saved = new AtomicReference<>();
        run.trainer().addListener(e -> {
            if (e instanceof TrainingEvent.IterationDone it) {
                progress.iteration(it);
            } else if (e instanceof TrainingEvent.EpochDone ep) {
                progress.clear();
                out.printf(
                        Locale.ROOT,
                        "epoch %d/%d  loss %.4f  accuracy %.4f%s  (%.0f img/s)%n",
                        ep.epoch() + 1,
                        epochs,
                        ep.trainLoss(),
                        ep.trainAcc(),
                        validation
                                ? String.format(
                                        Locale.ROOT, "  val_loss %.4f  val_accuracy %.4f", ep.valLoss(), ep.valAcc())
                                : "",
                        progress.imagesPerSecond());
                out.flush();
                saveAfterEpoch(run, ep.epoch() + 1, saved, failure);
            } else if (e instanceof TrainingEvent.Failed f) {
                failure.compareAndSet(null, f.reason());
            }
        });
        run.trainer().start();
        try {
            run.trainer().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.trainer().stop();
        }
        progress.clear();
        if (failure.get() != null) {
            err.println("blockscope: training failed: " + failure.get()
                    + (saved.get() == null ? "" : " (" + save + " holds " + saved.get() + ")"));
            err.flush();
            return 1;
        }
        if (validation) {
            Evaluation ev = run.evaluateValidation(batch);
            out.printf(Locale.ROOT, "validation accuracy %.4f on %d images%n", ev.accuracy(), ev.total());
        } else {
            out.println("no validation images: accuracy on unseen images was not measured"
                    + " (use --val-split above 0 or --val DIR)");
        }
        if (save != null) {
            out.println("saved " + save);
        }
        out.flush();
        return 0;
    }

    /** Saves after every epoch, so a run killed later keeps its last completed epoch. */
    private void saveAfterEpoch(
            TrainingRun run, int epochsDone, AtomicReference<String> saved, AtomicReference<String> failure) {
        if (save == null) {
            return;
        }
        try {
            run.saveCheckpoint(save);
            saved.set("the network after epoch " + epochsDone);
        } catch (IOException e) {
            failure.compareAndSet(null, "cannot save " + save + ": " + Args.reason(e));
            run.trainer().stop();
        }
    }

    private static int batchCount(TrainingRun run) {
        return run.data().trainingBatches(run.trainer().config().batchSize(), 0).batchCount();
    }

    private TrainingConfig config() throws GraphSource.Failure {
        Args.atLeastOne("--epochs", epochs);
        Args.atLeastOne("--batch", batch);
        Args.positive("--lr", lr);
        Args.fraction("--val-split", valSplit);
        Args.nonNegative("--weight-decay", weightDecay);
        OptimizerConfig opt = switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "adam" -> new OptimizerConfig.Adam(0.9, 0.999, 1e-8, weightDecay);
            case "sgd" -> new OptimizerConfig.Sgd(0.9, false, weightDecay);
            default -> throw new GraphSource.Failure("--optimizer: expected adam or sgd, got '" + optimizer + "'");
        };
        Schedule s = switch (schedule.toLowerCase(Locale.ROOT)) {
            case "constant" -> new Schedule.Constant();
            case "step" -> new Schedule.Step(Math.max(1, epochs / 3), 0.1);
            case "cosine" -> new Schedule.Cosine();
            default ->
                throw new GraphSource.Failure("--schedule: expected constant, step or cosine, got '" + schedule + "'");
        };
        return new TrainingConfig(opt, lr, s, batch, epochs, seed);
    }
}
