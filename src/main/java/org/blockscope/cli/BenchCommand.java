package org.blockscope.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Measure speed: network analysis (and the engine, when asked).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "200", description = "timed runs per measurement (default ${DEFAULT-VALUE})")
    int runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AnalysisBench.run(spec.commandLine().getOut(), runs);
        return 0;
    }
}
