package org.blockscope.engine;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J's native library on a background thread after the window is up (2–3 s on a first
 * start, when it unpacks into ~/.javacpp), so that the first training does not wait for it.
 */
public final class EngineWarmup {

    private EngineWarmup() {}

    public static void startInBackground() {
        Thread t = new Thread(
                () -> {
                    try {
                        Nd4j.create(1).addi(1);
                    } catch (Throwable e) { // a broken native install shows later, when training starts
                        System.err.println("Blockscope: the engine could not start: " + e);
                    }
                },
                "engine-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
