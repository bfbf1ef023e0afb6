package org.blockscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.SummaryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "summary", description = "Print shapes, parameters, MACs and receptive fields of a network.")
final class SummaryCommand implements Callable<Integer> {

    @Mixin
    GraphSource source;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--primitives", description = "one row per primitive instead of per block")
    boolean primitives;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NetworkAnalysis a;
        try {
            a = NetworkAnalysis.of(source.load());
        } catch (GraphSource.Failure f) {
            return BlockscopeCli.fail(err, f.getMessage());
        }
        SummaryReport report = new SummaryReport(source.title(), a, primitives);
        if (json) {
            out.print(report.json());
        } else {
            out.print(report.text());
        }
        out.flush();
        if (a.hasErrors()) {
            return BlockscopeCli.invalid(err, a.diagnostics());
        }
        return 0;
    }
}
