package nnparity.parity;

/**
 * How close is "the same". The two sides sum in different orders (ND4J's BLAS vs plain loops),
 * so results differ in the last bits: a few ulps, about 1e-16 relative per operation, which
 * training compounds only slowly. 1e-12 leaves room for thousands of steps of that while still
 * catching any real difference in the math, which shows up at 1e-8 or more.
 *
 * <p>Every tolerance scales with the numbers compared, because rounding does: a difference of
 * 2 ulps is 4e-16 at 1 but 6e-14 at 300. The loss is compared relative to its size,
 * {@code |a − b| / max(|a|, |b|)}; gradients, parameters and probabilities relative to
 * {@code max(1, |a|, |b|)} ({@link #scaledDiff}), i.e. absolutely below 1 (where a relative bound
 * would be needlessly strict on values near 0) and relatively above it.
 *
 * @param lossRel     max relative difference of the losses, {@link #relDiff}
 * @param gradScaled  max {@link #scaledDiff} of any mean-loss gradient element
 * @param paramScaled max {@link #scaledDiff} of any parameter
 * @param probScaled  max {@link #scaledDiff} of any predicted probability (probabilities are ≤ 1, so absolute)
 */
public record Tolerances(double lossRel, double gradScaled, double paramScaled, double probScaled) {

    public static final Tolerances DEFAULT = new Tolerances(1e-12, 1e-12, 1e-12, 1e-12);

    public Tolerances {
        for (double t : new double[]{lossRel, gradScaled, paramScaled, probScaled}) {
            if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("tolerance " + t + " is invalid; it must be a finite number ≥ 0");
        }
    }

    /** |a − b| / max(|a|, |b|), 0 when both are 0; NaN if either is NaN. */
    public static double relDiff(double a, double b) {
        double d = Math.abs(a - b), m = Math.max(Math.abs(a), Math.abs(b));
        return d == 0 ? 0 : d / m;
    }

    /**
     * |a − b| / max(1, |a|, |b|): the absolute difference for numbers up to 1, the relative one
     * beyond. 0 when a == b (also for equal infinities); NaN if either is NaN.
     */
    public static double scaledDiff(double a, double b) {
        if (a == b) return 0;
        return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** True when {@code diff} is within {@code tol}; NaN never is. */
    public static boolean within(double diff, double tol) {
        return diff <= tol;
    }
}
