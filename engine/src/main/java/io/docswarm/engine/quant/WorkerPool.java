package io.docswarm.engine.quant;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that run the chunks of one job at a time, with the calling thread taking part.
 * Built for the token loop: a run allocates nothing, and idle workers spin briefly before parking, so the
 * many small matrix products of one token do not each pay a thread wake-up.
 *
 * <p>Chunks are claimed dynamically (a noisy shared machine makes static splits uneven). The claim counter
 * carries the job's generation in its upper half, so a worker that wakes late can never claim a chunk of a
 * later job with the previous job in hand.
 */
final class WorkerPool implements AutoCloseable {
    /** One parallel job: {@code run(chunk)} is called exactly once for each chunk, from any thread. */
    interface Job {
        void run(int chunk);
    }

    private static final long SPIN_NANOS = 50_000;

    private final Thread[] workers;
    private final boolean[] parked;
    /** Generation (upper 32 bits) and next unclaimed chunk (lower 32 bits). */
    private final AtomicLong control = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private Job job;
    private int chunks;
    private volatile boolean closed;
    private volatile Throwable failure;
    private final Object parkedLock = new Object();

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        workers = new Thread[threads - 1];
        parked = new boolean[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int index = i;
            workers[i] = Thread.ofPlatform().daemon().name("docswarm-quant-" + (i + 1)).unstarted(() -> workLoop(index));
            workers[i].start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** Runs {@code job} over chunks {@code 0 .. chunks-1} and returns when all are done. Not reentrant. */
    void run(Job job, int chunks) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (chunks <= 0) {
            return;
        }
        if (chunks == 1 || workers.length == 0) {
            for (int c = 0; c < chunks; c++) {
                job.run(c);
            }
            return;
        }
        this.job = job;
        this.chunks = chunks;
        failure = null;
        pending.set(chunks);
        long generation = (control.get() >>> 32) + 1;
        control.set(generation << 32); // publishes job and chunks
        for (int i = 0; i < workers.length; i++) {
            if (isParked(i)) {
                LockSupport.unpark(workers[i]);
            }
        }
        work(generation, job, chunks);
        long start = System.nanoTime();
        while (pending.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Claims and runs chunks of {@code generation} until none are left or a newer job was published. */
    private void work(long generation, Job job, int chunks) {
        while (true) {
            long c = control.get();
            if ((c >>> 32) != generation || (int) c >= chunks) {
                return;
            }
            if (!control.compareAndSet(c, c + 1)) {
                continue;
            }
            try {
                job.run((int) c);
            } catch (Throwable t) {
                failure = t;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    private void workLoop(int index) {
        long seen = 0;
        while (!closed) {
            long generation = awaitNewGeneration(index, seen);
            if (generation < 0) {
                return;
            }
            seen = generation;
            // Read after the generation: the caller wrote them before publishing it. If a newer job has been
            // published meanwhile, work() finds the generation changed and claims nothing.
            work(generation, job, chunks);
        }
    }

    private long awaitNewGeneration(int index, long seen) {
        long start = System.nanoTime();
        while (true) {
            long generation = control.get() >>> 32;
            if (generation != seen) {
                return generation;
            }
            if (closed) {
                return -1;
            }
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            // Announce the park before re-checking, so a publisher either sees the flag or we see its job.
            setParked(index, true);
            if ((control.get() >>> 32) == seen && !closed) {
                LockSupport.park(this);
            }
            setParked(index, false);
            start = System.nanoTime();
        }
    }

    private boolean isParked(int index) {
        synchronized (parkedLock) {
            return parked[index];
        }
    }

    private void setParked(int index, boolean value) {
        synchronized (parkedLock) {
            parked[index] = value;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}
