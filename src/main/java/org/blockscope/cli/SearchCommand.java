package org.blockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.blockscope.analysis.Numbers;
import org.blockscope.design.Candidate;
import org.blockscope.design.Counts;
import org.blockscope.design.DesignSpace;
import org.blockscope.design.Sampler;
import org.blockscope.design.SearchPlots;
import org.blockscope.design.SpaceFiles;
import org.blockscope.design.Trial;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.search.Search;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "search",
        description = "Sample networks from a design space under a budget; with --data, train each for a few"
                + " epochs and keep the best ('blockscope explain design-space-search').")
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPACE", description = "a design space (*.json)")
    Path spaceFile;

    @Option(names = "--data", paramLabel = "DIR", description = "train on these images (without: sample only)")
    Path data;

    @Option(names = "--budget-macs", paramLabel = "N", description = "at most N MACs per image (e.g. 2M)")
    String budgetMacs;

    @Option(names = "--budget-params", paramLabel = "N", description = "at most N parameters (e.g. 50K)")
    String budgetParams;

    @Option(names = "--samples", defaultValue = "20", description = "networks to draw (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--epochs", defaultValue = "2", description = "epochs per network (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "default ${DEFAULT-VALUE}")
    int batch;

    @Option(
            names = "--lr",
            defaultValue = "0.005",
            description = "Adam's learning rate (default ${DEFAULT-VALUE}, as in the app)")
    double lr;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "threads each network trains on (default ${DEFAULT-VALUE}: the sampled networks are so small"
                    + " that more threads wait more than they work)")
    int threads;

    @Option(names = "--val-split", defaultValue = "0.2", description = "held-out fraction (default ${DEFAULT-VALUE})")
    double valSplit;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "draws, data split and weights (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "write results.csv, the plots (SVG) and best.bsg.json")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DesignSpace space;
        Sampler.Budget budget;
        TrainingConfig config;
        try {
            space = SpaceFiles.read(spaceFile);
            budget = new Sampler.Budget(
                    Counts.parse("--budget-macs", budgetMacs), Counts.parse("--budget-params", budgetParams));
            config = TrainingConfig.adam(lr, batch, epochs).withSeed(seed);
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            if (samples < 1) {
                throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
            }
        } catch (SpaceFiles.SpaceFileException | IllegalArgumentException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        Sampler.Sample sample = Sampler.sample(space, samples, budget, seed);
        o.println(space.describe());
        o.printf(
                Locale.ROOT,
                "drew %d networks (%d over budget, %d invalid rejected), seed %d%n",
                sample.candidates().size(),
                sample.overBudget(),
                sample.invalid(),
                seed);
        if (sample.candidates().isEmpty()) {
            o.flush();
            return BlockscopeCli.fail(err, "no network of the space fits the budget: raise it or change the space");
        }
        try {
            if (out != null) {
                Files.createDirectories(out);
                Files.writeString(out.resolve("space.svg"), SearchPlots.scatter(sample.candidates(), "sampled"));
            }
            if (data == null) {
                sample.candidates().forEach(c -> o.println(row(c) + "  " + c.describe()));
                o.flush();
                return 0;
            }
            return train(o, err, space, sample.candidates(), config);
        } catch (IOException e) {
            return BlockscopeCli.fail(err, "cannot write to " + out + ": " + e.getMessage());
        }
    }

    private int train(PrintWriter o, PrintWriter err, DesignSpace space, List<Candidate> cs, TrainingConfig config)
            throws IOException {
        TrainingData d;
        try {
            d = Search.load(DataSpec.detect(data, null), space.input(), valSplit, seed);
        } catch (DataException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        o.println(d.summary());
        o.printf(Locale.ROOT, "training each for %d epochs, batch %d, Adam lr %s%n", epochs, batch, lr);
        o.flush();
        long t0 = System.nanoTime();
        List<Trial> trials;
        try {
            trials = new Search(cs, d, config).threads(threads).run(new Search.Listener() {
                @Override
                public void started(Candidate c, int of) {}

                @Override
                public void progress(Candidate c, double progress, double loss) {}

                @Override
                public void finished(Trial t) {
                    o.printf(
                            Locale.ROOT,
                            "%s  %s  %5.1f s  %s%n",
                            row(t.candidate()),
                            t.ok()
                                    ? String.format(Locale.ROOT, "accuracy %.4f", t.accuracy())
                                    : "failed: " + t.failure(),
                            t.seconds(),
                            t.candidate().describe());
                    o.flush();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        Trial best = trials.stream()
                .filter(Trial::ok)
                .max(Comparator.comparingDouble(Trial::accuracy))
                .orElse(null);
        o.printf(Locale.ROOT, "%d networks in %.0f s%n", trials.size(), (System.nanoTime() - t0) / 1e9);
        if (best == null) {
            o.flush();
            return BlockscopeCli.fail(err, "no network trained successfully");
        }
        o.printf(
                Locale.ROOT,
                "best: #%d, accuracy %.4f, %s%n",
                best.candidate().index(),
                best.accuracy(),
                best.candidate().describe());
        if (out != null) {
            Files.writeString(out.resolve("results.csv"), csv(trials));
            Files.writeString(
                    out.resolve("search.svg"),
                    SearchPlots.results(trials, spaceFile.getFileName().toString()));
            try {
                GraphFiles.write(best.candidate().graph(), out.resolve("best" + GraphFiles.EXTENSION));
            } catch (GraphFileException e) {
                return BlockscopeCli.fail(err, e.getMessage());
            }
            o.println("wrote " + out.resolve("results.csv") + ", search.svg, space.svg, best" + GraphFiles.EXTENSION);
        }
        o.flush();
        return 0;
    }

    private static String row(Candidate c) {
        return String.format(
                Locale.ROOT,
                "#%-3d %11s params %14s MACs",
                c.index(),
                Numbers.grouped(c.params()),
                Numbers.grouped(c.macs()));
    }

    static String csv(List<Trial> trials) {
        StringBuilder sb = new StringBuilder("index,params,macs,accuracy,loss,seconds,choices,failure\n");
        for (Trial t : trials) {
            Candidate c = t.candidate();
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%d,%d,%.4f,%.4f,%.1f,\"%s\",%s%n",
                    c.index(),
                    c.params(),
                    c.macs(),
                    t.accuracy(),
                    t.loss(),
                    t.seconds(),
                    c.describe(),
                    t.failure() == null ? "" : "\"" + t.failure().replace("\"", "'") + "\""));
        }
        return sb.toString();
    }
}
