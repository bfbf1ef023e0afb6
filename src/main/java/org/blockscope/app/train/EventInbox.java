package org.blockscope.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.blockscope.engine.train.TrainingEvent;

/**
 * Where trainer threads drop their events, each with the run it belongs to. The UI drains it once
 * per tick (every 100 ms), so a run of 10,000 iterations costs 10,000 queue offers and a few
 * hundred UI updates, never one {@code Platform.runLater} per iteration. A run stopped from the UI
 * may still send its last events: they carry their run, so they never reach a newer one.
 */
public final class EventInbox {

    /** An event of {@code run} (null: the current run). */
    public record Tagged(TrainingRunRecord run, TrainingEvent event) {}

    private final Queue<Tagged> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong offered = new AtomicLong();

    /** Called on a trainer thread; never blocks. The event belongs to the current run. */
    public void offer(TrainingEvent e) {
        offer(null, e);
    }

    /** Called on a trainer thread; never blocks. */
    public void offer(TrainingRunRecord run, TrainingEvent e) {
        queue.add(new Tagged(run, e));
        offered.incrementAndGet();
    }

    /** Everything that arrived since the last drain, in order. */
    public List<Tagged> drain() {
        List<Tagged> out = new ArrayList<>();
        for (Tagged e; (e = queue.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    public long offered() {
        return offered.get();
    }
}
