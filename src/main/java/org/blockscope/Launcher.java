package org.blockscope;

import org.blockscope.cli.BlockscopeCli;

/**
 * Entry point of {@code blockscope.jar}: with no arguments it opens the app, with a subcommand it
 * runs the headless CLI. A plain class (not an {@code Application}) so that JavaFX loads from the
 * class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.blockscope.app.BlockscopeApp.start(args);
        } else {
            System.exit(BlockscopeCli.run(args));
        }
    }
}
