package org.blockscope.app.model;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs work off the UI thread and delivers only the newest result: a request made while an older
 * one is still computing makes the older result stale, and stale results are dropped. A fast slider
 * therefore never queues a hundred renders.
 */
public final class LatestWins<T> {

    private final ExecutorService worker;
    private final Executor deliver;
    private final AtomicLong latest = new AtomicLong();

    /** {@code deliver} runs the result callback (Platform::runLater in the app, Runnable::run in tests). */
    public LatestWins(String name, Executor deliver) {
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.deliver = deliver;
    }

    public void submit(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        long ticket = latest.incrementAndGet();
        worker.execute(() -> {
            if (ticket != latest.get()) {
                return; // a newer request is queued: skip the work entirely
            }
            try {
                T result = work.get();
                deliver.execute(() -> {
                    if (ticket == latest.get()) {
                        onResult.accept(result);
                    }
                });
            } catch (RuntimeException e) {
                deliver.execute(() -> onError.accept(e));
            }
        });
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
