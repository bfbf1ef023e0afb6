package org.blockscope.app.inspect;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands values from a worker or trainer thread to the UI, keeping only the newest: however often
 * {@link #post} is called, at most one delivery is queued on the UI thread at a time.
 */
public final class Mailbox<T> {

    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Executor deliver;
    private final Consumer<T> sink;

    public Mailbox(Executor deliver, Consumer<T> sink) {
        this.deliver = deliver;
        this.sink = sink;
    }

    public void post(T value) {
        latest.set(value);
        if (!queued.getAndSet(true)) {
            deliver.execute(() -> {
                queued.set(false);
                T v = latest.getAndSet(null);
                if (v != null) {
                    sink.accept(v);
                }
            });
        }
    }
}
