package nnparity.text;

import java.util.Locale;

/**
 * The number formats every printed figure uses, so that the step table, the verdict line, the
 * tolerance line, the HTML page and the gradient check write one number the same way.
 */
public final class Fmt {
    private Fmt() {
    }

    /** A difference or tolerance, e.g. {@code 2.2e-16}; exactly zero prints as {@code 0}. */
    public static String sci(double v) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return String.valueOf(v);
        return String.format(Locale.ROOT, "%.1e", v).replace("e-0", "e-").replace("e+0", "e+");
    }

    /** A probability as a percentage with one decimal, e.g. {@code 99.1%}. */
    public static String pct(double p) {
        return String.format(Locale.ROOT, "%5.1f%%", 100 * p);
    }

    /** A coordinate without trailing zeros: 2 → "2", -1.75 → "-1.75". */
    public static String coord(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Seconds: 3 significant digits below 10 s ({@code 0.0312 s}, {@code 5.87 s}), one decimal from 10 s on. */
    public static String secs(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.3g s" : "%.1f s", s);
    }

    /** A count and its noun, plural unless the count is 1: {@code 1 step}, {@code 0 steps}, {@code 1000 epochs}. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * A round step interval for a table of about {@code rows} rows over {@code total} steps: the
     * smallest 1, 2 or 5 × 10^d that is at least total / rows (1 when total ≤ rows).
     */
    public static long every(long total, int rows) {
        double raw = Math.max(1, (double) total / rows);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5}) if (m * mag >= raw) return (long) (m * mag);
        return (long) (10 * mag);
    }
}
