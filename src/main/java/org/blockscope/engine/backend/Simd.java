package org.blockscope.engine.backend;

/**
 * Whether the engine's SIMD loops ({@link VectorLoops}) run: they use JDK 17's incubating Vector API, which
 * the JVM only has when started with {@code --add-modules jdk.incubator.vector} (the app's launchers,
 * {@code mvn javafx:run}, the tests and the bench pass it). Without it, or with
 * {@code -Dblockscope.vector=false}, the same operations run as plain Java loops and oneDNN calls.
 *
 * <p>Why: C2 does not vectorise a float sum (it keeps the order of the additions), and plain Java reads
 * native memory only through heap copies. The Vector API does both: SE scaling's backward on SE-ResNet-20's
 * shapes (dx = dy·s and ds = Σ dy·x in one pass) ran 2.6-3.1x faster on one thread than the same loop on heap
 * copies (measured side by side, AVX2).
 */
public final class Simd {
    private Simd() {}

    /** The incubating module (JDK 16-24); no class of it is loaded unless it is in the boot layer. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final boolean PRESENT = ModuleLayer.boot().findModule(MODULE).isPresent();
    private static volatile boolean enabled = !"false".equals(System.getProperty("blockscope.vector"));

    /** Whether the Vector API is in this JVM (started with {@code --add-modules jdk.incubator.vector}). */
    public static boolean present() {
        return PRESENT;
    }

    /** Whether the SIMD loops run: the module is present and they are not switched off. */
    public static boolean available() {
        return PRESENT && enabled;
    }

    /** Switches the SIMD loops on or off (for A/B benchmarks and tests); returns the previous setting. */
    public static boolean enable(boolean on) {
        boolean old = enabled;
        enabled = on;
        return old;
    }

    /** One line for a report: which loops run. */
    public static String describe() {
        if (!PRESENT) {
            return "Java loops (no " + MODULE + ": start the JVM with --add-modules " + MODULE + ")";
        }
        return enabled ? "SIMD loops (" + VectorLoops.describe() + ")" : "Java loops (SIMD switched off)";
    }
}
