package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * One lockstep step on both sides ({@link StepRunner}), either way they share the machine: what
 * runs in which order, who updates when the meeting says stop or a side fails, that a failure
 * reaches the caller as itself, and what each side's time holds. The sides are stand-ins that
 * log, sleep and fail on cue; no net trains.
 */
class StepRunnerTest {
    private static final Batch BATCH = Batch.all(QuadrantData.tutorial());
    /** The losses the stand-ins report: distinct, so the meeting can tell which it got. */
    private static final double LOSS_HAND_WRITTEN = 0.25, LOSS_DL4J = 0.5;
    private static final double EXACT = 0;
    private static final long MS = 1_000_000;

    /** A hand-written side that logs its calls, sleeps and fails on cue; nothing else is called. */
    static final class HandWritten implements Side {
        final List<String> log;
        double loss = LOSS_HAND_WRITTEN;
        long lossMillis, updateMillis;
        RuntimeException lossFails, updateFails;
        Error lossError, updateError;
        /** The thread the last loss ran on. */
        volatile Thread thread;

        HandWritten(List<String> log) {
            this.log = log;
        }

        @Override
        public double lossAndGradient(Batch b) {
            sleep(lossMillis);
            log.add("hand-written loss");
            thread = Thread.currentThread();
            if (lossFails != null) throw lossFails;
            if (lossError != null) throw lossError;
            return loss;
        }

        @Override
        public void update(Batch b) {
            sleep(updateMillis);
            log.add("hand-written update");
            if (updateFails != null) throw updateFails;
            if (updateError != null) throw updateError;
        }

        @Override public String name() { throw new UnsupportedOperationException(); }
        @Override public ParamSet meanGradient() { throw new UnsupportedOperationException(); }
        @Override public Map<String, ParamSet> updaterState() { throw new UnsupportedOperationException(); }
        @Override public void endEpoch() { throw new UnsupportedOperationException(); }
        @Override public ParamSet params() { throw new UnsupportedOperationException(); }
        @Override public void setParams(ParamSet p) { throw new UnsupportedOperationException(); }
        @Override public double[] predict(double[] x, int rows) { throw new UnsupportedOperationException(); }
    }

    /** DL4J's side as {@code fit} behaves to the runner: its gradient, the meeting, then its update unless told to stop. */
    static final class Dl4j extends Dl4jSide {
        final List<String> log;
        long beforeGradientMillis;
        RuntimeException failsBeforeGradient;

        Dl4j(List<String> log) {
            super(null, NetSpec.quadrant());   // never touched: trainStep is all the runner calls
            this.log = log;
        }

        @Override
        public boolean trainStep(Batch b, InsideFit inside) {
            sleep(beforeGradientMillis);
            if (failsBeforeGradient != null) throw failsBeforeGradient;
            log.add("DL4J gradient");
            if (!inside.atGradient(LOSS_DL4J)) return false;
            log.add("DL4J update");
            return true;
        }
    }

    /** A meeting that logs what it was given, sleeps, and answers {@code go}. */
    static final class Meeting implements StepRunner.Meeting {
        final List<String> log;
        final boolean go;
        long millis;
        double lossScratch = Double.NaN, lossDl4j = Double.NaN;
        int calls;

        Meeting(List<String> log, boolean go) {
            this.log = log;
            this.go = go;
        }

        @Override
        public boolean atGradient(double ls, double ld) {
            calls++;
            lossScratch = ls;
            lossDl4j = ld;
            sleep(millis);
            log.add("compare");
            return go;
        }
    }

    private static void sleep(long millis) {
        if (millis == 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Sides.class)
    void bothSidesUpdateAfterTheMeetingHasComparedTheirLosses(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        Meeting m = new Meeting(log, true);
        try (StepRunner r = StepRunner.of(sides, new HandWritten(log), new Dl4j(log))) {
            assertTrue(r.step(BATCH, m));
        }
        assertEquals(LOSS_HAND_WRITTEN, m.lossScratch, EXACT);
        assertEquals(LOSS_DL4J, m.lossDl4j, EXACT);
        assertEquals(1, m.calls);
        assertEquals(Set.of("hand-written loss", "DL4J gradient"), Set.copyOf(log.subList(0, 2)), log::toString);
        assertEquals("compare", log.get(2), log::toString);
        assertEquals(Set.of("hand-written update", "DL4J update"), Set.copyOf(log.subList(3, log.size())), log::toString);
        assertEquals(5, log.size(), log::toString);
        if (sides == Sides.TAKE_TURNS)
            assertEquals(List.of("hand-written loss", "DL4J gradient", "compare", "DL4J update", "hand-written update"), log);
    }

    @ParameterizedTest
    @EnumSource(Sides.class)
    void whenTheMeetingSaysStopNeitherSideUpdates(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        try (StepRunner r = StepRunner.of(sides, new HandWritten(log), new Dl4j(log))) {
            assertFalse(r.step(BATCH, new Meeting(log, false)));
        }
        assertFalse(log.contains("hand-written update"), log::toString);
        assertFalse(log.contains("DL4J update"), log::toString);
    }

    @ParameterizedTest
    @EnumSource(Sides.class)
    void aHandWrittenFailureReachesTheCallerAsItselfAndNothingUpdatesOrIsCompared(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        h.lossFails = new IllegalStateException("the hand-written side broke");
        Meeting m = new Meeting(log, true);
        try (StepRunner r = StepRunner.of(sides, h, new Dl4j(log))) {
            assertSame(h.lossFails, assertThrows(IllegalStateException.class, () -> r.step(BATCH, m)));
        }
        assertEquals(0, m.calls);
        assertFalse(log.contains("DL4J update"), log::toString);
        assertFalse(log.contains("hand-written update"), log::toString);
    }

    @ParameterizedTest
    @EnumSource(Sides.class)
    void anErrorOnTheHandWrittenSideReachesTheCallerAsItself(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        h.lossError = new StackOverflowError("deep");
        try (StepRunner r = StepRunner.of(sides, h, new Dl4j(log))) {
            assertSame(h.lossError, assertThrows(StackOverflowError.class, () -> r.step(BATCH, new Meeting(log, true))));
        }
        assertFalse(log.contains("DL4J update"), log::toString);
    }

    @ParameterizedTest
    @EnumSource(Sides.class)
    void aFailureInTheHandWrittenUpdateReachesTheCallerUnwrapped(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        h.updateFails = new ArithmeticException("update");
        try (StepRunner r = StepRunner.of(sides, h, new Dl4j(log))) {
            assertSame(h.updateFails, assertThrows(ArithmeticException.class, () -> r.step(BATCH, new Meeting(log, true))));
            h.updateFails = null;
            h.updateError = new OutOfMemoryError("update");
            assertSame(h.updateError, assertThrows(OutOfMemoryError.class, () -> r.step(BATCH, new Meeting(log, true))));
        }
    }

    /**
     * DL4J fails before its gradient: the hand-written side finishes its loss and does not
     * update, the failure reaches the caller, and the next step pairs the next losses (no signal
     * is left over from the failed step).
     */
    @ParameterizedTest
    @EnumSource(Sides.class)
    void aDl4jFailureBeforeItsGradientLeavesTheHandWrittenSideUnchangedAndTheNextStepWorks(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        Dl4j d = new Dl4j(log);
        d.failsBeforeGradient = new IllegalArgumentException("bad batch for DL4J");
        try (StepRunner r = StepRunner.of(sides, h, d)) {
            assertSame(d.failsBeforeGradient, assertThrows(IllegalArgumentException.class, () -> r.step(BATCH, new Meeting(log, true))));
            assertEquals(List.of("hand-written loss"), log);

            d.failsBeforeGradient = null;
            h.loss = 0.125;
            h.lossMillis = 50;   // a leftover signal would let the meeting read the loss before this one is known
            Meeting next = new Meeting(log, true);
            assertTrue(r.step(BATCH, next));
            assertEquals(0.125, next.lossScratch, EXACT);
            assertEquals(1, log.stream().filter("hand-written update"::equals).count(), log::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Sides.class)
    void theCallersInterruptIsKept(Sides sides) {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        if (sides == Sides.SIDE_BY_SIDE) h.updateMillis = 20;   // the runner waits for the worker with the interrupt set
        try (StepRunner r = StepRunner.of(sides, h, new Dl4j(log))) {
            Thread.currentThread().interrupt();
            boolean updated;
            try {
                updated = r.step(BATCH, new Meeting(log, true));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt is still set (and cleared here)");
            }
            assertTrue(updated);
            assertTrue(log.contains("hand-written update"), "the step finished despite the interrupt");
        }
    }

    @Test
    void aClosedSideBySideRunnerTakesNoMoreSteps() {
        List<String> log = new CopyOnWriteArrayList<>();
        StepRunner r = StepRunner.of(Sides.SIDE_BY_SIDE, new HandWritten(log), new Dl4j(log));
        r.close();
        assertThrows(RejectedExecutionException.class, () -> r.step(BATCH, new Meeting(log, true)));
    }

    /**
     * Taking turns: each side's time is its own calls (hand-written loss 30 ms + update 20 ms,
     * DL4J 40 ms before its gradient), the wall time their sum; the meeting's 300 ms is in none.
     * The upper bounds leave 200 ms and more for a loaded machine's delays.
     */
    @Test
    void takingTurnsEachSidesTimeIsItsOwnAndTheMeetingIsInNone() {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        h.lossMillis = 30;
        h.updateMillis = 20;
        Dl4j d = new Dl4j(log);
        d.beforeGradientMillis = 40;
        Meeting m = new Meeting(log, true);
        m.millis = 300;
        try (StepRunner r = StepRunner.of(Sides.TAKE_TURNS, h, d)) {
            r.step(BATCH, m);
            assertTrue(r.nanosScratch >= 50 * MS && r.nanosScratch < 250 * MS, r.nanosScratch / MS + " ms");
            assertTrue(r.nanosDl4j >= 40 * MS && r.nanosDl4j < 250 * MS, r.nanosDl4j / MS + " ms");
            assertTrue(r.nanosTraining >= 90 * MS && r.nanosTraining < 290 * MS, r.nanosTraining / MS + " ms");
            assertTrue(r.nanosTraining >= r.nanosScratch + r.nanosDl4j, "taking turns, the wall time holds both");
            long once = r.nanosTraining;
            r.step(BATCH, m);
            assertTrue(r.nanosTraining >= once + 90 * MS, "the times add up over the steps");
        }
    }

    /**
     * Side by side: the hand-written loss takes 400 ms while DL4J reaches its gradient in 40 ms
     * and waits for it; DL4J's time is its own 40 ms, without the wait or the meeting's 300 ms;
     * the wall time holds the hand-written side's 420 ms but not the meeting.
     */
    @Test
    void sideBySideDl4jsTimeLeavesOutItsWaitAndTheMeeting() {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        h.lossMillis = 400;
        h.updateMillis = 20;
        Dl4j d = new Dl4j(log);
        d.beforeGradientMillis = 40;
        Meeting m = new Meeting(log, true);
        m.millis = 300;
        try (StepRunner r = StepRunner.of(Sides.SIDE_BY_SIDE, h, d)) {
            r.step(BATCH, m);
            assertTrue(r.nanosScratch >= 420 * MS && r.nanosScratch < 700 * MS, r.nanosScratch / MS + " ms");
            assertTrue(r.nanosDl4j >= 40 * MS && r.nanosDl4j < 300 * MS, r.nanosDl4j / MS + " ms");
            assertTrue(r.nanosTraining >= 420 * MS && r.nanosTraining < 700 * MS, r.nanosTraining / MS + " ms");
        }
    }
    /** Side by side the hand-written side runs on a daemon thread of its own, which cannot keep the JVM alive. */
    @Test
    void sideBySideTheHandWrittenSideRunsOnADaemonThreadOfItsOwn() {
        List<String> log = new CopyOnWriteArrayList<>();
        HandWritten h = new HandWritten(log);
        try (StepRunner r = StepRunner.of(Sides.SIDE_BY_SIDE, h, new Dl4j(log))) {
            r.step(BATCH, new Meeting(log, true));
        }
        assertTrue(h.thread != Thread.currentThread() && h.thread.isDaemon(), h.thread::toString);
        assertEquals("nnparity-hand-written", h.thread.getName());
    }
}
