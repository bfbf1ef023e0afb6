package org.blockscope;

import org.blockscope.cli.BlockscopeCli;

/**
 * Entry point of {@code blockscope.jar}: with no arguments (or just a {@code .bsg.json} file) it
 * opens the app, with a subcommand it runs the headless CLI. A plain class (not an {@code Application}) so that JavaFX loads from the
 * class path.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * ND4J's arrays live outside the Java heap and are freed when the garbage collector finds them
     * unreachable. Bound that memory (unless the user set it) so that a long training run on a
     * small heap cannot take the whole machine: past the bound, JavaCPP collects garbage first.
     */
    static void boundNativeMemory() {
        long ram = ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes", Long.toString(ram * 3 / 10));
        }
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", Long.toString(ram / 2));
        }
    }

    public static void main(String[] args) {
        org.blockscope.engine.NativeThreads.configure(); // before ND4J loads
        boundNativeMemory();
        boolean opensFile = args.length == 1 && args[0].endsWith(org.blockscope.io.GraphFiles.EXTENSION);
        if (args.length == 0 || opensFile) {
            org.blockscope.app.BlockscopeApp.start(args);
        } else {
            System.exit(BlockscopeCli.run(args));
        }
    }
}
