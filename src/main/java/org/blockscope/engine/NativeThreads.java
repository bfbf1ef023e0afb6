package org.blockscope.engine;

import java.util.Locale;

/**
 * Lets libnd4j's OpenMP threads sleep instead of spinning between ops, so that the engine's own Java
 * loops (batch norm, ReLU, add) can use every core.
 *
 * <p>libnd4j uses GNU OpenMP, whose idle threads busy-wait for a while after each parallel region. On
 * a 2-core machine that spinning thread holds the second core while the Java loops between two
 * convolutions run: measured on ResNet-20 side by side, two Java threads then gained nothing, while with
 * {@code OMP_WAIT_POLICY=PASSIVE} they made a training iteration 10-20 % faster (see
 * {@code bench/README.md}). libgomp reads that variable once, when it is loaded, so {@link #configure()}
 * sets it in the process environment (JavaCPP's {@code systems} preset, Linux and macOS) before ND4J
 * loads: call it first thing in {@code main}. A value the user set is left alone.
 */
public final class NativeThreads {
    private NativeThreads() {}

    private static final String VARIABLE = "OMP_WAIT_POLICY";
    private static volatile boolean passive = isPassive(System.getenv(VARIABLE));

    /** Sets OMP_WAIT_POLICY=PASSIVE unless already set; returns whether OpenMP threads will sleep. */
    public static synchronized boolean configure() {
        if (System.getenv(VARIABLE) != null || passive) {
            return passive;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        try {
            int rc;
            if (os.contains("linux")) {
                rc = org.bytedeco.systems.global.linux.setenv(VARIABLE, "PASSIVE", 1);
            } else if (os.contains("mac")) {
                rc = org.bytedeco.systems.global.macosx.setenv(VARIABLE, "PASSIVE", 1);
            } else {
                return false;
            }
            passive = rc == 0;
        } catch (Throwable e) { // no native preset for this platform: stay as is
            passive = false;
        }
        return passive;
    }

    /**
     * Limits the OpenMP parallel regions started from the calling thread (libnd4j's and oneDNN's, which
     * share one runtime) to n threads; other threads keep theirs. For networks so small that a parallel
     * region's hand-off costs more than its work: measured on the search's RegNet candidates
     * (about 0.1 MMAC per image) on 2 busy cores, one thread trained an epoch in 3-12 s, two in 5-79 s.
     */
    public static void limitCallingThread(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        org.nd4j.linalg.factory.Nd4j.getExecutioner(); // loads ND4J's native library (and its OpenMP) first
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    }

    /** The OpenMP threads a parallel region started from the calling thread would use. */
    public static int openMpThreadsOfCallingThread() {
        org.nd4j.linalg.factory.Nd4j.getExecutioner();
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance()
                .getDeviceNativeOps()
                .ompGetMaxThreads();
    }

    /** Whether OpenMP's idle threads sleep (set by the user or by {@link #configure()}). */
    public static boolean passive() {
        return passive;
    }

    static boolean isPassive(String value) {
        return value != null && value.trim().equalsIgnoreCase("passive");
    }
}
