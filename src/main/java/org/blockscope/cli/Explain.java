package org.blockscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the explanation page of a tool ({@code resources/explain/<page>.md}). */
@Command(name = "explain", description = "Explain a tool: compound-scaling or design-space-search.")
final class Explain implements Callable<Integer> {

    static final List<String> PAGES = List.of("compound-scaling", "design-space-search");

    @Parameters(index = "0", paramLabel = "PAGE", description = "compound-scaling or design-space-search")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!PAGES.contains(name)) {
            return BlockscopeCli.fail(
                    spec.commandLine().getErr(), "no page '" + name + "'; pages: " + String.join(", ", PAGES));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(page(name));
        out.flush();
        return 0;
    }

    static String page(String name) {
        try (InputStream in = Explain.class.getResourceAsStream("/org/blockscope/res/explain/" + name + ".md")) {
            if (in == null) {
                throw new IllegalStateException("missing resource explain/" + name + ".md");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
