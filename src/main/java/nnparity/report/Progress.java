package nnparity.report;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

import nnparity.parity.Lockstep;
import nnparity.parity.StepRecord;

/**
 * A progress line on stderr at most every {@link #INTERVAL_NANOS} for long work, e.g.
 * {@code progress: step 1,200,000 of 50,000,000 (2.4%), 3,850 steps/s, about 3.5 h left}, so that
 * a run whose next table row is far away is never silent. stdout (the deterministic table) is
 * untouched, and a run shorter than the interval prints nothing.
 */
public final class Progress implements Lockstep.StepListener {
    /** Five seconds between progress lines. */
    public static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final String unit;
    private final LongSupplier clock;
    private final long interval;
    private final long start;
    private long last;

    /** Progress in {@code unit}s (e.g. "step", "SGD step") on {@code err}, on the system clock. */
    public Progress(PrintWriter err, String unit) {
        this(err, unit, System::nanoTime, INTERVAL_NANOS);
    }

    Progress(PrintWriter err, String unit, LongSupplier clock, long intervalNanos) {
        this.err = err;
        this.unit = unit;
        this.clock = clock;
        this.interval = intervalNanos;
        this.start = clock.getAsLong();
        this.last = start;
    }

    @Override
    public void onStep(StepRecord r, long totalSteps) {
        done(r.step(), totalSteps);
    }

    /** Reports {@code done} of {@code total} units if the interval has passed since the last line. */
    public void done(long done, long total) {
        long now = clock.getAsLong();
        if (now - last < interval || done >= total) return;
        last = now;
        double perSecond = done / ((now - start) / 1e9);
        err.println(String.format(Locale.ROOT, "progress: %s %,d of %,d (%.1f%%), %,.0f %ss/s, about %s left",
                unit, done, total, 100.0 * done / total, perSecond, unit, duration((total - done) / perSecond)));
        err.flush();
    }

    /** 45 s, 12 min, 3.5 h, 12 days. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "an unknown time";
        if (seconds < 90) return String.format(Locale.ROOT, "%.0f s", seconds);
        if (seconds < 90 * 60) return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        if (seconds < 48 * 3600) return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        return String.format(Locale.ROOT, "%,.0f days", seconds / 86400);
    }
}
