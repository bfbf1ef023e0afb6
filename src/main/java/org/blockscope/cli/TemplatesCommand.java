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
        int name = Templates.all().stream().mapToInt(t -> t.id().length()).max().orElse(4);
        int title =
                Templates.all().stream().mapToInt(t -> t.title().length()).max().orElse(5);
        String row = "%-" + name + "s  %-" + title + "s  %-12s %14s %12s  %s%n"; // columns as wide as the longest
        out.printf(row, "NAME", "TITLE", "INPUT", "PARAMS", "MACS", "");
        for (Template t : Templates.all()) {
            NetworkAnalysis a = NetworkAnalysis.of(t.graph());
            String input = a.expanded().nodes().isEmpty()
                    ? "?"
                    : a.expanded().nodes().get(0).output().toString();
            out.printf(
                    row,
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
