package org.blockscope.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.blockscope.engine.train.TrainingEvent;

/**
 * Where the trainer thread drops its events. The UI drains it once per tick (every 100 ms), so a
 * run of 10,000 iterations costs 10,000 queue offers and a few hundred UI updates, never one
 * {@code Platform.runLater} per iteration.
 */
public final class EventInbox {

    private final Queue<TrainingEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong offered = new AtomicLong();

    /** Called on the trainer thread; never blocks. */
    public void offer(TrainingEvent e) {
        queue.add(e);
        offered.incrementAndGet();
    }

    /** Everything that arrived since the last drain, in order. */
    public List<TrainingEvent> drain() {
        List<TrainingEvent> out = new ArrayList<>();
        for (TrainingEvent e; (e = queue.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    public long offered() {
        return offered.get();
    }
}
