package org.blockscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.blockscope.design.Pages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the explanation page of a tool ({@code resources/explain/<page>.md}). */
@Command(name = "explain", description = "Explain a tool: compound-scaling or design-space-search.")
final class Explain implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PAGE", description = "compound-scaling or design-space-search")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Pages.ALL.contains(name)) {
            return BlockscopeCli.fail(
                    spec.commandLine().getErr(), "no page '" + name + "'; pages: " + String.join(", ", Pages.ALL));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Pages.text(name));
        out.flush();
        return 0;
    }
}
