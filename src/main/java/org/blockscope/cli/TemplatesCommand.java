package org.blockscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.Numbers;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "templates", description = "List the built-in templates with their input, params and MACs.")
final class TemplatesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-16s %-28s %-12s %14s %12s  %s%n", "NAME", "TITLE", "INPUT", "PARAMS", "MACS", "");
        for (Template t : Templates.all()) {
            NetworkAnalysis a = NetworkAnalysis.of(t.graph());
            String input = a.expanded().nodes().isEmpty()
                    ? "?"
                    : a.expanded().nodes().get(0).output().toString();
            out.printf(
                    "%-16s %-28s %-12s %14s %12s  %s%n",
                    t.id(),
                    t.title(),
                    input,
                    Numbers.grouped(a.total().params()),
                    Numbers.compact(a.total().macs()),
                    t.classroom() ? "classroom" : "");
        }
        out.flush();
        return 0;
    }
}
