package org.blockscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: the same features as the app, for scripts, CI and handouts. */
@Command(
        name = "blockscope",
        mixinStandardHelpOptions = true,
        version = "Blockscope 0.1.0",
        description = "Design, train and look inside convolutional networks.",
        subcommands = {
            SummaryCommand.class,
            TemplatesCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            InspectCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            ImportWeightsCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BlockscopeCli implements Runnable {

    /** Bad input: a file that cannot be read, an invalid network, a wrong option. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BlockscopeCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("blockscope: " + ParameterMessages.clean(ex.getMessage()) + " (see 'blockscope "
                    + ex.getCommandLine().getCommandName() + " --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("blockscope: internal error: " + ex);
            err.println("Please report this with the command you ran.");
            err.flush();
            return 1;
        });
        return cl;
    }

    /** Prints a user-facing problem and returns the bad-input exit status. */
    static int fail(PrintWriter err, String message) {
        err.println("blockscope: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** Prints an invalid network's errors and returns the bad-input exit status. */
    static int invalid(PrintWriter err, java.util.List<org.blockscope.graph.Diagnostic> diagnostics) {
        err.println("blockscope: the network is invalid:");
        diagnostics.stream().filter(org.blockscope.graph.Diagnostic::isError).forEach(d -> err.println("  " + d));
        err.flush();
        return EXIT_BAD_INPUT;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
