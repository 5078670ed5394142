package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link SplitPolicy}: sharing a product pauses after three losing runs in a row, where a run
 * loses when the caller waited longer than the helper's parts would have taken it (at its own
 * pace), and resumes after {@link SplitPolicy#PAUSE_RUNS} runs.
 */
class SplitPolicyTest {

    /** A run where the caller did 2 parts in 100 ns and the helper 2: alone it would have needed 100 ns more. */
    private static void lose(SplitPolicy p) {
        p.record(100, 2, 2, 101);
    }

    @Test
    void aFreshPolicyShares() {
        SplitPolicy p = new SplitPolicy();
        assertTrue(p.share());
        assertEquals(0, p.pausedFor());
        assertEquals("SplitPolicy(sharing, 0 losses in a row)", p.toString());
    }

    @Test
    void threeLossesInARowPauseSharingForPauseRunsRuns() {
        SplitPolicy p = new SplitPolicy();
        lose(p);
        lose(p);
        assertEquals("SplitPolicy(sharing, 2 losses in a row)", p.toString());
        assertTrue(p.share(), "two losses are still noise");
        lose(p);
        assertEquals(256, p.pausedFor());
        assertEquals("SplitPolicy(alone for 256 runs)", p.toString());
        for (int run = 0; run < 256; run++) assertFalse(p.share(), "run " + run + " of the pause");
        assertTrue(p.share(), "sharing is tried again after the pause");
    }

    @Test
    void aWinBetweenLossesStartsTheCountAgain() {
        SplitPolicy p = new SplitPolicy();
        lose(p);
        lose(p);
        p.record(100, 2, 2, 100);   // waited exactly as long as the helper's parts would take: not a loss
        lose(p);
        lose(p);
        assertTrue(p.share());
        assertEquals(0, p.pausedFor());
        lose(p);
        assertEquals(256, p.pausedFor());
    }

    @Test
    void theHelpersPartsAreWeighedAtTheCallersPacePerPart() {
        SplitPolicy p = new SplitPolicy();
        // The caller ran 3 parts in 300 ns (100 each); the helper's one part would have cost it 100 ns.
        for (int run = 0; run < 3; run++) p.record(300, 3, 1, 150);
        assertEquals(256, p.pausedFor(), "waiting 150 ns for a 100 ns part loses");
        SplitPolicy q = new SplitPolicy();
        // Same wait, but the helper ran 2 parts: 200 ns of work saved for 150 ns of waiting.
        for (int run = 0; run < 3; run++) q.record(300, 3, 2, 150);
        assertEquals(0, q.pausedFor(), "waiting 150 ns for 200 ns of parts wins");
    }

    @Test
    void aHelperThatRanNoPartLosesEvenWithoutAWait() {
        SplitPolicy p = new SplitPolicy();
        for (int run = 0; run < 3; run++) p.record(100, 4, 0, 0);
        assertEquals(256, p.pausedFor());
    }

    @Test
    void aCallerThatRanNoPartDidNotLose() {
        SplitPolicy p = new SplitPolicy();
        for (int run = 0; run < 3; run++) p.record(0, 0, 4, 1_000_000);
        assertEquals(0, p.pausedFor(), "the helper did everything while the caller was away: sharing helped");
    }

    @Test
    void aPausedPolicyMakesTheTeamDeclineWithoutRunningAnything() {
        MatMul.Team team = new MatMul.Team(1);
        SplitPolicy p = new SplitPolicy();
        for (int run = 0; run < 3; run++) lose(p);
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        assertFalse(team.tryRun(2, runs::incrementAndGet, p), "a paused policy declines");
        assertEquals(0, runs.get(0) + runs.get(1), "nothing ran");
        assertEquals(255, p.pausedFor(), "the declined run counts towards the pause");
    }

    @Test
    void aSharedRunWhoseHelperKeepsTheCallerWaitingIsRecordedAsALoss() {
        MatMul.Team team = new MatMul.Team(1);
        assertTrue(team.tryRun(2, t -> { }), "the helper is started before the timed runs");
        SplitPolicy p = new SplitPolicy();
        Thread caller = Thread.currentThread();
        // Both parts start together; the caller's ends at once, the helper's after HELPER_MILLIS: the
        // caller waits far longer for the helper's part than its own part took.
        for (int run = 0; run < 3; run++) {
            assertTrue(team.tryRun(2, MatMulTest.rendezvous(new CountDownLatch(2), t -> {
                if (Thread.currentThread() != caller) sleep(HELPER_MILLIS);
            }), p), "run " + run + " is shared");
        }
        assertEquals(256, p.pausedFor(), "three slow helpers in a row pause sharing");
        assertFalse(team.tryRun(2, t -> { }, p));
    }

    /** Far longer than a helper takes to enter its part, even on a loaded machine. */
    private static final long HELPER_MILLIS = 200;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
