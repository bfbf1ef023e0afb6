package org.blockscope.app.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.Trainer;

/**
 * The one way the UI touches a model's arrays. A model is either <b>idle</b> (no run trains it:
 * jobs run on one worker thread, one at a time) or <b>live</b> (a trainer owns it: jobs run on the
 * trainer thread between iterations, through a hook). Jobs must return copies. Results come back on
 * the UI thread; per key only the latest request is delivered (a newer one makes the older stale).
 *
 * <p>Live jobs registered with {@link #sampleWhileTraining} run at most every {@code everyMillis}
 * (like {@code ProbeSampler}); their results are coalesced through a {@link Mailbox}.
 */
public final class ModelAccess {

    private final Executor deliver;
    private final ExecutorService worker;
    private final long everyMillis;
    private final LongSupplier clock;
    private final Map<String, AtomicLong> tickets = new ConcurrentHashMap<>();
    private final Map<String, Sampler<?>> samplers = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final List<Runnable> pendingLive = new ArrayList<>();
    private Model liveModel;

    public ModelAccess(Executor deliver, long everyMillis) {
        this(deliver, everyMillis, System::currentTimeMillis);
    }

    ModelAccess(Executor deliver, long everyMillis, LongSupplier clock) {
        this.deliver = deliver;
        this.everyMillis = everyMillis;
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "blockscope-inspect");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code job} on {@code model} (idle, or live if it is the model being trained); latest per key wins. */
    public <T> void submit(
            String key, Model model, Function<Model, T> job, Consumer<T> onResult, Consumer<Throwable> onError) {
        long ticket = tickets.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        Runnable r = () -> {
            if (ticket != tickets.get(key).get()) {
                return; // a newer request for this key exists
            }
            try {
                T result = job.apply(model);
                deliver.execute(() -> {
                    if (ticket == tickets.get(key).get()) {
                        onResult.accept(result);
                    }
                });
            } catch (RuntimeException e) {
                deliver.execute(() -> onError.accept(e));
            }
        };
        synchronized (lock) {
            if (model == liveModel && model != null) {
                pendingLive.add(r);
                return;
            }
        }
        execute(r);
    }

    private void execute(Runnable r) {
        try {
            worker.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down (the window closed): late requests are dropped
        }
    }

    /** Runs {@code job} on an idle model made (or fetched from a cache) on the worker thread. */
    public <T> void submit(
            String key,
            java.util.function.Supplier<Model> idle,
            Function<Model, T> job,
            Consumer<T> onResult,
            Consumer<Throwable> onError) {
        long ticket = tickets.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        execute(() -> {
            if (ticket != tickets.get(key).get()) {
                return;
            }
            try {
                T result = job.apply(idle.get());
                deliver.execute(() -> {
                    if (ticket == tickets.get(key).get()) {
                        onResult.accept(result);
                    }
                });
            } catch (RuntimeException e) {
                deliver.execute(() -> onError.accept(e));
            }
        });
    }

    /** Plain work on the worker thread (e.g. loading a data preview); it queues behind model jobs. */
    public void background(Runnable r) {
        execute(r);
    }

    /**
     * While a run trains, {@code job} runs on the trainer thread at most every {@code everyMillis};
     * its newest result reaches {@code sink} on the UI thread. Replaces an earlier sampler of the same key.
     */
    public <T> void sampleWhileTraining(String key, Function<Model, T> job, Consumer<T> sink) {
        samplers.put(key, new Sampler<>(job, new Mailbox<>(deliver, sink)));
    }

    public void stopSampling(String key) {
        samplers.remove(key);
    }

    /** The hook to add to a trainer before it starts; from then on jobs for {@code model} run on its thread. */
    public Trainer.IterationHook goLive(Model model) {
        synchronized (lock) {
            liveModel = model;
        }
        long[] last = {Long.MIN_VALUE};
        return (m, epoch, iteration) -> {
            List<Runnable> jobs;
            synchronized (lock) {
                if (m != liveModel) {
                    return;
                }
                jobs = new ArrayList<>(pendingLive);
                pendingLive.clear();
            }
            jobs.forEach(Runnable::run);
            long now = clock.getAsLong();
            if (samplers.isEmpty() || (last[0] != Long.MIN_VALUE && now - last[0] < everyMillis)) {
                return;
            }
            last[0] = now;
            for (Sampler<?> s : new LinkedHashMap<>(samplers).values()) {
                s.sample(m);
            }
        };
    }

    /** The run ended: its model is idle again; jobs still waiting for the trainer move to the worker. */
    public void endLive(Model model) {
        List<Runnable> jobs;
        synchronized (lock) {
            if (liveModel != model) {
                return;
            }
            liveModel = null;
            jobs = new ArrayList<>(pendingLive);
            pendingLive.clear();
        }
        jobs.forEach(this::execute);
    }

    public boolean isLive(Model model) {
        synchronized (lock) {
            return model != null && model == liveModel;
        }
    }

    public void shutdown() {
        worker.shutdownNow();
    }

    private record Sampler<T>(Function<Model, T> job, Mailbox<T> mailbox) {
        void sample(Model m) {
            try {
                T v = job.apply(m);
                if (v != null) {
                    mailbox.post(v);
                }
            } catch (RuntimeException e) {
                // a view's sampler must never stop a training run; the view shows its last good picture
            }
        }
    }
}
