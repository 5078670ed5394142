package nnparity.parity;

/**
 * How close is "the same". The two sides sum in different orders (ND4J's BLAS vs plain loops),
 * so results differ in the last bits: a few ulps, about 1e-16 relative per operation, which
 * training compounds only slowly. 1e-12 leaves room for thousands of steps of that while still
 * catching any real difference in the math, which shows up at 1e-8 or more.
 *
 * @param lossRel  max relative difference of the losses, |a − b| / max(|a|, |b|)
 * @param gradAbs  max absolute difference of any mean-loss gradient element
 * @param paramAbs max absolute difference of any parameter
 * @param probAbs  max absolute difference of any predicted probability
 */
public record Tolerances(double lossRel, double gradAbs, double paramAbs, double probAbs) {

    public static final Tolerances DEFAULT = new Tolerances(1e-12, 1e-12, 1e-12, 1e-12);

    public Tolerances {
        for (double t : new double[]{lossRel, gradAbs, paramAbs, probAbs}) {
            if (!(t >= 0) || Double.isInfinite(t)) throw new IllegalArgumentException("tolerance " + t + " is invalid; it must be a finite number ≥ 0");
        }
    }

    /** |a − b| / max(|a|, |b|), 0 when both are 0; NaN if either is NaN. */
    public static double relDiff(double a, double b) {
        double d = Math.abs(a - b), m = Math.max(Math.abs(a), Math.abs(b));
        return d == 0 ? 0 : d / m;
    }

    /** True when {@code diff} is within {@code tol}; NaN never is. */
    public static boolean within(double diff, double tol) {
        return diff <= tol;
    }
}
