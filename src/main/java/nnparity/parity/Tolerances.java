package nnparity.parity;

import nnparity.text.Fmt;

/**
 * How close is "the same". The two sides sum in different orders (ND4J's BLAS vs plain loops),
 * so results differ in the last bits: a few ulps, about 1e-16 relative per operation, which
 * training compounds only slowly. 1e-12 leaves room for thousands of steps of that while still
 * catching any real difference in the math, which shows up at 1e-8 or more.
 *
 * <p>Every tolerance scales with the numbers compared, because rounding does: a difference of
 * 2 ulps is 4e-16 at 1 but 6e-14 at 300. Every comparison, the loss's included, divides the
 * difference by {@code max(1, |a|, |b|)} ({@link #scaledDiff}): absolutely below 1, where a
 * relative bound would be needlessly strict on values near 0, and relatively above it.
 *
 * <p>The loss is no exception. It is a mean of terms {@code −ln p_i ≥ 0} (plus any penalty), and
 * {@code −ln p} is rounded to about {@code ε·max(1, |ln p|)} absolutely: a probability near 1 is
 * itself held only to ±ε/2, and {@code −ln p ≈ 1 − p} inherits that. So the loss's rounding scales
 * with {@code max(1, L)}, not with {@code L}, and a relative bound calls rounding a difference
 * once the loss is small: at {@code L = 4.8e-5} the two sides' 5.6e-17 (about 2⁻⁵⁴) is 1.15e-12 of {@code L}.
 *
 * @param lossScaled  max {@link #scaledDiff} of the two losses
 * @param gradScaled  max {@link #scaledDiff} of any mean-loss gradient element
 * @param paramScaled max {@link #scaledDiff} of any parameter
 * @param probScaled  max {@link #scaledDiff} of any predicted probability (probabilities are ≤ 1, so absolute)
 */
public record Tolerances(double lossScaled, double gradScaled, double paramScaled, double probScaled) {

    public static final Tolerances DEFAULT = new Tolerances(1e-12, 1e-12, 1e-12, 1e-12);

    public Tolerances {
        for (double t : new double[]{lossScaled, gradScaled, paramScaled, probScaled}) {
            if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("tolerance " + t + " is invalid; it must be a finite number ≥ 0");
        }
    }

    /**
     * |a − b| / max(1, |a|, |b|): the absolute difference for numbers up to 1, the relative one
     * beyond. 0 when a == b (also for equal infinities); NaN if either is NaN.
     */
    public static double scaledDiff(double a, double b) {
        if (a == b) return 0;
        return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * The run header's tolerance line, e.g. {@code 1.0e-12 on |a − b| / max(1, |a|, |b|) (loss,
     * gradient, parameter, updater state, probability)}: every comparison scales the same way;
     * each bound is named when they differ.
     */
    public String describe() {
        String rule = " on |a − b| / max(1, |a|, |b|)";
        if (lossScaled == gradScaled && gradScaled == paramScaled && paramScaled == probScaled)
            return Fmt.sci(lossScaled) + rule + " (loss, gradient, parameter, updater state, probability)";
        return "loss " + Fmt.sci(lossScaled) + ", gradient " + Fmt.sci(gradScaled) + ", parameter and updater state "
                + Fmt.sci(paramScaled) + ", probability " + Fmt.sci(probScaled) + ", each" + rule;
    }

    /** True when {@code diff} is within {@code tol}; NaN never is. */
    public static boolean within(double diff, double tol) {
        return diff <= tol;
    }
}
