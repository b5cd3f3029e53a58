package io.docswarm.engine.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads for the forward pass's many short parallel loops (a few per layer per token).
 * The caller works alongside {@code threads - 1} workers; workers spin briefly between tasks and then
 * park, so back-to-back loops in the token loop start within microseconds (a ForkJoin task per loop
 * costs more than many of these loops take) while an idle engine uses no CPU.
 *
 * <p>Work is handed out in chunks from a shared counter, so a thread that is descheduled (the machine
 * is shared) does not hold up the others. Not reentrant: one loop at a time.
 */
public final class ThreadTeam implements AutoCloseable {
    /** A loop body over the index range {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int start, int end);
    }

    /** A loop body that also gets the running thread's index in {@code [0, size())}, for per-thread scratch. */
    @FunctionalInterface
    public interface IndexedRangeTask {
        void run(int thread, int start, int end);
    }

    private static final int SPIN_ITERATIONS = 20_000;

    private final int size;
    private final Thread[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile IndexedRangeTask task;
    private volatile RangeTask plainTask;
    private volatile int total;
    private volatile int chunk;
    private volatile Throwable failure;
    private final Thread[] parked;

    public ThreadTeam(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.size = threads;
        this.workers = new Thread[threads - 1];
        this.parked = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int id = i;
            workers[i] = Thread.ofPlatform().daemon().name("engine-worker-" + (i + 1)).start(() -> workLoop(id));
        }
    }

    public int size() {
        return size;
    }

    /**
     * Runs {@code task} over {@code [0, n)} split into chunks of at least {@code grain} indices, on all
     * threads; returns when every index is done. Exceptions from any thread are rethrown here.
     */
    public void parallelFor(int n, int grain, RangeTask task) {
        run(n, grain, task, null);
    }

    /** As {@link #parallelFor(int, int, RangeTask)}, telling the body which thread runs it. */
    public void parallelFor(int n, int grain, IndexedRangeTask task) {
        run(n, grain, null, task);
    }

    /**
     * One of {@code plain} and {@code indexed} is set. They are kept apart rather than adapting one to the
     * other so that a call allocates nothing: callers in the token loop pass task objects they created once.
     */
    private void run(int n, int grain, RangeTask plain, IndexedRangeTask indexed) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(n / Math.max(1, grain), size * 4);
        if (size == 1 || chunks <= 1) {
            if (plain != null) {
                plain.run(0, n);
            } else {
                indexed.run(0, 0, n);
            }
            return;
        }
        this.plainTask = plain;
        this.task = indexed;
        this.total = n;
        this.chunk = (n + chunks - 1) / chunks;
        this.failure = null;
        next.set(0);
        pending.set(workers.length);
        generation++; // publishes the fields above (volatile write)
        for (Thread t : parked) {
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        work(0);
        for (int spins = 0; pending.get() != 0; spins++) {
            // On a busy machine a worker may be descheduled: stop burning its core after a while.
            if (spins < SPIN_ITERATIONS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        this.plainTask = null;
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    private void work(int thread) {
        IndexedRangeTask t = task;
        RangeTask p = plainTask;
        int n = total;
        int c = chunk;
        try {
            for (int start = next.getAndAdd(c); start < n; start = next.getAndAdd(c)) {
                if (p != null) {
                    p.run(start, Math.min(n, start + c));
                } else {
                    t.run(thread, start, Math.min(n, start + c));
                }
            }
        } catch (Throwable e) {
            failure = e;
            next.set(n); // stop handing out work
        }
    }

    private void workLoop(int id) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPIN_ITERATIONS) {
                    Thread.onSpinWait();
                } else {
                    parked[id] = Thread.currentThread();
                    if (generation == seen && !closed) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    parked[id] = null;
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            work(id + 1);
            pending.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
