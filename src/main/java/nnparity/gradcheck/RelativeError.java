package nnparity.gradcheck;

/**
 * The symmetric relative error of CS231n and DL4J's {@code GradientCheckUtil}:
 *
 * <pre>
 *   rel(a, b) = |a − b| / max(|a| + |b|, TINY)
 * </pre>
 *
 * It lies in [0, 1]: 0 when a = b (including both 0), 1 when one of them is 0 or they have
 * opposite signs. TINY only keeps 0/0 away; it is the smallest normal double, so it never turns a
 * real difference into a small one. (DL4J writes the same with an explicit "both zero → 0" case.)
 * It is about half of {@code |a − b| / max(|a|, |b|)}, the definition of {@code parity.Tolerances}.
 *
 * <p>How to read it: rel ≈ 10^-k means a and b agree in about k significant digits. Double holds
 * about 16; 1e-7 is "7 digits agree"; 1e-3 is DL4J's default bound; 1 means unrelated numbers.
 * NaN in either argument gives NaN, which every bound in this package treats as a failure.
 */
public final class RelativeError {
    /** Guards 0/0; see the class comment. */
    public static final double TINY = Double.MIN_NORMAL;

    private RelativeError() {
    }

    public static double of(double a, double b) {
        double d = Math.abs(a - b);
        if (d == 0) return 0;
        return d / Math.max(Math.abs(a) + Math.abs(b), TINY);
    }
}
