package nnparity.parity;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import nnparity.data.Batch;

/**
 * Runs one lockstep step's training on both sides ({@link Sides}) and times it. Per step: the
 * hand-written loss and gradient, DL4J's {@code fit}, inside which {@link Meeting#atGradient}
 * compares the two (the hand-written loss is then known, its gradient not yet changed), then the
 * hand-written update, unless the meeting said stop.
 *
 * <p>Times, summed over the steps: each side's own training, and the wall time of the two sides'
 * training ({@link #nanosTraining}), which excludes the meeting's comparisons. Taking turns, that
 * wall time is the sum of the two sides'; side by side, about the longer one's.
 */
abstract class StepRunner implements AutoCloseable {

    /** Where the two sides meet within a step, on the caller's thread. */
    interface Meeting {
        /**
         * The hand-written loss {@code lossScratch} and DL4J's {@code lossDl4j} are known, and both
         * gradients; nothing is updated yet.
         *
         * @return true to let both sides update, false to stop the step here
         */
        boolean atGradient(double lossScratch, double lossDl4j);
    }

    /** The hand-written side (any {@link Side}: tests give one that fails on cue). */
    final Side scratch;
    final Dl4jSide dl4j;
    long nanosScratch, nanosDl4j, nanosTraining;

    private StepRunner(Side scratch, Dl4jSide dl4j) {
        this.scratch = scratch;
        this.dl4j = dl4j;
    }

    static StepRunner of(Sides sides, Side scratch, Dl4jSide dl4j) {
        return sides == Sides.SIDE_BY_SIDE ? new SideBySide(scratch, dl4j) : new TakeTurns(scratch, dl4j);
    }

    /** One training step of both sides on {@code b}; returns true when both updated. */
    abstract boolean step(Batch b, Meeting m);

    @Override
    public void close() {
    }

    private static final class TakeTurns extends StepRunner {
        TakeTurns(Side scratch, Dl4jSide dl4j) {
            super(scratch, dl4j);
        }

        @Override
        boolean step(Batch b, Meeting m) {
            long t0 = System.nanoTime();
            double ls = scratch.lossAndGradient(b);
            long t1 = System.nanoTime();
            long[] inside = new long[1];
            boolean updated = dl4j.trainStep(b, ld -> {
                long s = System.nanoTime();
                try {
                    return m.atGradient(ls, ld);
                } finally {
                    inside[0] = System.nanoTime() - s;
                }
            });
            long t2 = System.nanoTime(), t3 = t2;
            if (updated) {
                scratch.update(b);
                t3 = System.nanoTime();
            }
            nanosScratch += (t1 - t0) + (t3 - t2);
            nanosDl4j += (t2 - t1) - inside[0];
            nanosTraining += (t3 - t0) - inside[0];
            return updated;
        }
    }

    /**
     * The hand-written side on a worker thread. The worker computes the loss and gradient, signals
     * {@code lossKnown}, waits for {@code decided}, and updates if told to go on; DL4J's
     * {@code fit} on the caller waits for {@code lossKnown} at its gradient, compares, then signals
     * {@code decided}. The semaphores order every read after the write it needs.
     */
    private static final class SideBySide extends StepRunner {
        private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nnparity-hand-written");
            t.setDaemon(true);
            return t;
        });
        private final Semaphore lossKnown = new Semaphore(0), decided = new Semaphore(0);
        /** Written before {@code decided} is released, read after it is acquired. */
        private boolean go;
        /** Written by the worker before it releases {@code lossKnown}. */
        private double lossScratch;
        private Throwable failure;
        private long workerNanos;

        SideBySide(Side scratch, Dl4jSide dl4j) {
            super(scratch, dl4j);
        }

        @Override
        boolean step(Batch b, Meeting m) {
            long t0 = System.nanoTime();
            failure = null;
            go = false;
            Future<?> done = worker.submit(() -> {
                long s0 = System.nanoTime();
                try {
                    lossScratch = scratch.lossAndGradient(b);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    workerNanos = System.nanoTime() - s0;
                    lossKnown.release();
                }
                decided.acquireUninterruptibly();
                if (go) {
                    long s1 = System.nanoTime();
                    scratch.update(b);
                    workerNanos += System.nanoTime() - s1;
                }
            });
            long[] inside = new long[1], waited = new long[1];
            boolean[] released = new boolean[1];
            boolean updated = false;
            long f0 = System.nanoTime(), f1 = f0;
            try {
                updated = dl4j.trainStep(b, ld -> {
                    long w = System.nanoTime();
                    lossKnown.acquireUninterruptibly();
                    long s = System.nanoTime();
                    waited[0] = s - w;
                    try {
                        go = failure == null && m.atGradient(lossScratch, ld);
                        return go;
                    } finally {
                        released[0] = true;
                        decided.release();
                        inside[0] = System.nanoTime() - s;
                    }
                });
                f1 = System.nanoTime();
            } finally {
                if (!released[0]) {   // fit failed before its gradient: let the worker finish without updating
                    lossKnown.acquireUninterruptibly();
                    decided.release();
                }
                join(done);
            }
            long t1 = System.nanoTime();
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            nanosScratch += workerNanos;
            nanosDl4j += (f1 - f0) - inside[0] - waited[0];
            nanosTraining += (t1 - t0) - inside[0];
            return updated;
        }

        private static void join(Future<?> done) {
            boolean interrupted = false;
            while (true) {
                try {
                    done.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) throw r;
                    if (c instanceof Error err) throw err;
                    throw new IllegalStateException(c);
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }

        @Override
        public void close() {
            worker.shutdownNow();
        }
    }
}
