package org.blockscope;

import org.blockscope.cli.BlockscopeCli;

/**
 * Entry point of {@code blockscope.jar}: with no arguments (or just a {@code .bsg.json} file) it
 * opens the app, with a subcommand it runs the headless CLI. A plain class (not an {@code Application}) so that JavaFX loads from the
 * class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        boolean opensFile = args.length == 1 && args[0].endsWith(org.blockscope.io.GraphFiles.EXTENSION);
        if (args.length == 0 || opensFile) {
            org.blockscope.app.BlockscopeApp.start(args);
        } else {
            System.exit(BlockscopeCli.run(args));
        }
    }
}
