package org.blockscope.engine.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.blockscope.engine.NativeThreads;

/**
 * Splits a Java loop over the machine's cores for the memory-bound kernels (batch norm, ReLU, add):
 * the calling thread takes the first share and helper threads the others. The helpers park as soon as
 * their share is done and never spin: libnd4j's OpenMP threads, which run the convolutions next, must
 * find the cores free (a spinning Java pool — the common ForkJoinPool — slowed the following conv2d
 * about 10x on 2 cores, measured). One caller at a time (calls are serialised); work below
 * {@link #MIN_VALUES} runs inline.
 *
 * <p>Helpers are used only when OpenMP's idle threads sleep ({@link NativeThreads#passive()}): next to
 * spinning OpenMP threads a second Java thread gained nothing (measured). -Dblockscope.workers=N sets
 * the number of threads regardless (1 turns the helpers off); the default is the available processors
 * (at most 8) when OpenMP is passive, else 1.
 */
public final class Workers {
    private Workers() {}

    /** Below this many values a loop is not worth a thread hand-off (about 20 µs of work). */
    static final long MIN_VALUES = 1 << 16;

    private static final int MAX = 8;
    private static volatile int threads = Integer.getInteger("blockscope.workers", 0);

    private static final Helper[] HELPERS = new Helper[MAX - 1];

    /** Sets the number of threads (1..8) for the following loops, or with 0 the default; for benchmarks. */
    public static void setThreads(int n) {
        threads = n <= 0 ? 0 : Math.min(MAX, n);
    }

    /** Threads the Java loops use now. */
    public static int threadCount() {
        return threads();
    }

    private static final ThreadLocal<Integer> LIMIT = new ThreadLocal<>();

    /** Limits the loops called from this thread to n threads (1 runs them inline); 0 lifts the limit. */
    public static void limitCallingThread(int n) {
        LIMIT.set(n <= 0 ? null : Math.min(MAX, n));
    }

    static int threads() {
        Integer limit = LIMIT.get();
        if (limit != null) {
            return limit;
        }
        int t = threads;
        if (t <= 0) {
            t = NativeThreads.passive() ? Runtime.getRuntime().availableProcessors() : 1;
        }
        return Math.max(1, Math.min(MAX, t));
    }

    /** Runs body.accept(i) for every i in [0, tasks), split in contiguous shares over the threads. */
    public static void forEach(int tasks, long totalValues, IntConsumer body) {
        forRanges(tasks, totalValues, (from, to) -> {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        });
    }

    /** A contiguous share [from, to) of the tasks. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs body on contiguous shares of [0, tasks) in parallel (inline when small or single-threaded). */
    public static void forRanges(int tasks, long totalValues, Range body) {
        int threads = (int) Math.min(threads(), tasks);
        if (threads <= 1 || totalValues < MIN_VALUES) {
            body.run(0, tasks);
            return;
        }
        synchronized (Workers.class) {
            Helper[] helpers = helpers(threads - 1);
            Job job = new Job(body, threads - 1);
            for (int t = 1; t < threads; t++) {
                helpers[t - 1].submit(
                        job, (int) ((long) tasks * t / threads), (int) ((long) tasks * (t + 1) / threads));
            }
            Throwable mine = null;
            try {
                body.run(0, tasks / threads);
            } catch (Throwable e) {
                mine = e;
            }
            job.await();
            if (mine != null) {
                sneaky(mine);
            }
            if (job.failure != null) {
                sneaky(job.failure);
            }
        }
    }

    private static Helper[] helpers(int n) {
        for (int i = 0; i < n; i++) {
            if (HELPERS[i] == null) {
                HELPERS[i] = new Helper("blockscope-worker-" + (i + 1));
                HELPERS[i].start();
            }
        }
        return HELPERS;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static final class Job {
        final Range body;
        final AtomicInteger pending;
        final Thread caller = Thread.currentThread();
        volatile Throwable failure;

        Job(Range body, int helpers) {
            this.body = body;
            this.pending = new AtomicInteger(helpers);
        }

        void done(Throwable t) {
            if (t != null) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        void await() {
            while (pending.get() > 0) {
                LockSupport.park(this);
            }
        }
    }

    private static final class Helper extends Thread {
        private volatile Job job;
        private int from;
        private int to;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Job j, int from, int to) {
            this.from = from;
            this.to = to;
            this.job = j; // volatile write publishes from/to
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = job;
                if (j == null) {
                    LockSupport.park(this);
                    continue;
                }
                Throwable failure = null;
                try {
                    j.body.run(from, to);
                } catch (Throwable e) {
                    failure = e;
                }
                job = null;
                j.done(failure);
            }
        }
    }
}
