package nnparity.report;

import java.util.Locale;

/** Number formats shared by the console report. */
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

    /** Seconds with 3 significant digits. */
    public static String secs(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.3g s" : "%.1f s", s);
    }

    /** A round step interval giving about {@code rows} table rows for {@code total} steps. */
    public static long every(long total, int rows) {
        if (total <= rows) return 1;
        double raw = (double) total / rows;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) if (m * mag >= raw) return (long) (m * mag);
        return (long) (10 * mag);
    }
}
