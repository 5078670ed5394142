package nnparity.scratch;

/**
 * Whether a product of one size is worth sharing with {@link MatMul.Team}'s helper thread, decided
 * from how the last shared runs of that size went. It changes who computes a part, never its bits.
 *
 * <p><b>Why.</b> The caller claims parts until none is left, then waits for the part the helper is
 * still computing. On an idle machine that wait is short and two threads take about half the time.
 * On a shared one the helper is often descheduled in the middle of its part, and the caller waits
 * for the scheduler (a time slice of another process, milliseconds) instead of doing the part itself
 * (measured on 2 vCPUs at load 20, x·W1 at 784-50 batch 100: 1 thread 4.0 ms, 2 threads 8.0 ms).
 *
 * <p><b>The measurement.</b> After a shared run the caller knows the time it spent on its own parts,
 * {@code own}, how many parts it ran, and the time it then waited, {@code wait}. Alone it would have
 * needed {@code own + own/ownParts · helperParts}: the helper's parts at the caller's own pace. So
 * sharing lost when
 * <pre>
 *   wait &gt; own / ownParts · helperParts        (or the helper ran no part at all)
 * </pre>
 * After {@link #LOSSES_TO_PAUSE} losses in a row the product runs on the caller alone for the next
 * {@link #PAUSE_RUNS} runs of its size, and then sharing is tried again: load on a shared machine
 * comes and goes.
 *
 * <p>Not thread-safe: {@link MatMul.Team} consults and updates it only while it holds the team,
 * which one caller at a time does.
 */
final class SplitPolicy {
    /** Losses in a row that pause sharing: one slow run is noise, three are the machine. */
    static final int LOSSES_TO_PAUSE = 3;
    /** Runs on the caller alone before sharing is tried again: about 100 training steps. */
    static final int PAUSE_RUNS = 256;

    private int lossesInARow;
    private int pausedFor;

    /** Whether this run should be shared; a paused policy counts the run towards its pause. */
    boolean share() {
        if (pausedFor > 0) {
            pausedFor--;
            return false;
        }
        return true;
    }

    /**
     * Records one shared run.
     *
     * @param ownNanos    the caller's time on its own parts
     * @param ownParts    how many parts the caller ran
     * @param helperParts how many parts the helpers ran
     * @param waitNanos   how long the caller then waited for the helpers
     */
    void record(long ownNanos, int ownParts, int helperParts, long waitNanos) {
        boolean lost = helperParts == 0 || waitNanos * ownParts > ownNanos * helperParts;
        if (!lost) {
            lossesInARow = 0;
        } else if (++lossesInARow == LOSSES_TO_PAUSE) {
            lossesInARow = 0;
            pausedFor = PAUSE_RUNS;
        }
    }

    /** Runs left in the current pause: 0 while sharing. */
    int pausedFor() {
        return pausedFor;
    }

    @Override
    public String toString() {
        return pausedFor > 0 ? "SplitPolicy(alone for " + pausedFor + " runs)" : "SplitPolicy(sharing, " + lossesInARow + " losses in a row)";
    }
}
