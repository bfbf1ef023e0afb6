package org.blockscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A thread's OpenMP limit holds for that thread only (what a search's trainer thread relies on). */
class NativeThreadsTest {

    private static int onNewThread(Runnable before) throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        Thread t = new Thread(() -> {
            before.run();
            seen.set(NativeThreads.openMpThreadsOfCallingThread());
        });
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void aLimitAppliesToTheCallingThreadOnly() throws Exception {
        int unlimited = onNewThread(() -> {});
        assertThat(onNewThread(() -> NativeThreads.limitCallingThread(1))).isEqualTo(1);
        assertThat(onNewThread(() -> {})).as("a thread that set nothing").isEqualTo(unlimited);
        assertThat(NativeThreads.openMpThreadsOfCallingThread()).isEqualTo(unlimited);
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThatThrownBy(() -> NativeThreads.limitCallingThread(0)).hasMessage("threads must be at least 1, got 0");
    }
}
