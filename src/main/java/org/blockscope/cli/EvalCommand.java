package org.blockscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.engine.data.Batches;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.memory.MemoryEstimate;
import org.blockscope.engine.memory.MemoryLimits;
import org.blockscope.engine.memory.NotEnoughMemoryException;
import org.blockscope.engine.run.DataLoading;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = "Accuracy, per-class accuracy and confusion matrix of a trained network.")
final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CKPT", description = "a checkpoint saved by 'blockscope train --save'")
    Path checkpoint;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "class folders (its val/ part if it has one), MNIST IDX or CIFAR-10 files")
    Path data;

    @Option(names = "--batch", defaultValue = "64", description = "images per batch (default ${DEFAULT-VALUE})")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckpointSource ck;
        Dataset ds;
        try {
            Args.atLeastOne("--batch", batch);
            ck = CheckpointSource.load(checkpoint);
            MemoryEstimate.inference(NetworkAnalysis.of(ck.model().graph()), batch, 4)
                    .check(MemoryLimits.current());
            ds = DataLoading.loadAll(DataSpec.forEvaluation(data), ck.model().inputShape());
        } catch (GraphSource.Failure | DataException | NotEnoughMemoryException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        List<String> names = ck.metadata().classNames();
        if (!ds.classNames().equals(names)) {
            return BlockscopeCli.fail(
                    err,
                    data + ": classes " + ds.classNames() + " differ from the ones the network was trained on "
                            + names);
        }
        Evaluation ev = Evaluation.of(
                ck.model(),
                DataLoading.source(Batches.evaluation(ds, batch, ck.metadata().normalization())));
        out.printf(
                Locale.ROOT,
                "accuracy %.4f (%d of %d images), loss %.4f%n",
                ev.accuracy(),
                Math.round(ev.accuracy() * ev.total()),
                ev.total(),
                ev.loss());
        out.println();
        out.println(ConfusionTable.text(names, ev));
        out.flush();
        return 0;
    }
}
