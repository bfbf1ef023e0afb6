package org.blockscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        description =
                "Measure speed: network analysis, and with --engine training and inference (compare with bench/pytorch_bench.py).")
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--runs",
            defaultValue = "200",
            description = "timed runs per measurement (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--engine", description = "also measure training and inference images/s and peak memory")
    boolean engine;

    @Option(names = "--batch", defaultValue = "64", description = "engine batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--warmup",
            defaultValue = "120",
            description =
                    "longest engine warm-up per template, seconds: it stops once the median iteration time stops moving (at least 3 iterations; default ${DEFAULT-VALUE})")
    double warmup;

    @Option(
            names = "--iterations",
            defaultValue = "10",
            description = "engine iterations per measurement (default ${DEFAULT-VALUE})")
    int iterations;

    @picocli.CommandLine.Parameters(
            paramLabel = "TEMPLATE",
            arity = "0..*",
            description = "engine templates (default: resnet20 se_resnet20 densenet_bc40)")
    java.util.List<String> templates = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        try {
            Args.atLeastOne("--runs", runs);
            Args.atLeastOne("--batch", batch);
            Args.atLeastOne("--iterations", iterations);
            Args.nonNegative("--warmup", warmup);
        } catch (GraphSource.Failure e) {
            return BlockscopeCli.fail(spec.commandLine().getErr(), e.getMessage());
        }
        AnalysisBench.run(out, runs);
        if (engine) {
            java.util.List<String> which =
                    templates.isEmpty() ? java.util.List.of("resnet20", "se_resnet20", "densenet_bc40") : templates;
            for (String t : which) {
                if (org.blockscope.templates.Templates.byId(t).isEmpty()) {
                    return BlockscopeCli.fail(spec.commandLine().getErr(), "no template named '" + t + "'");
                }
            }
            out.println(org.blockscope.engine.bench.EngineBench.threads());
            org.blockscope.engine.bench.EngineBench.run(which, batch, warmup, iterations, out);
        }
        out.flush();
        return 0;
    }
}
