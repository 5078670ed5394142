package nnparity.gradcheck;

import java.util.Locale;

/**
 * What one comparison found in one parameter group: how many elements it compared, the largest
 * errors among them, and how many failed its bound.
 *
 * @param checked       elements compared
 * @param skipped       elements not compared: perturbations that straddle a kink ({@link Kinks}; the numerical checks only)
 * @param maxRelError   the largest {@link RelativeError} among the compared elements (0 if none)
 * @param maxAbsError   the largest |a − b| among them
 * @param floorPasses   elements over the relative bound that pass by the check's absolute floor
 *                      (DL4J's minAbsoluteError; the cross-framework 1e-12)
 * @param failures      elements over every bound of the check
 * @param worstIndex    the element with {@code maxRelError} (index in the group's canonical array), −1 if none
 * @param worstAnalytic the analytic (hand-written or DL4J backprop) value there
 * @param worstReference the reference (numerical or DL4J) value there
 */
public record GroupStats(int checked, int skipped, double maxRelError, double maxAbsError, int floorPasses,
                         int failures, int worstIndex, double worstAnalytic, double worstReference) {

    public boolean pass() {
        return failures == 0;
    }

    /** Collects element comparisons into a {@link GroupStats}. */
    static final class Builder {
        private int checked, skipped, floorPasses, failures, worst = -1;
        private double largestRel, largestAbs, worstA, worstR;

        /**
         * Records one compared element.
         *
         * @param index     its index in the group
         * @param analytic  the value under test
         * @param reference the value it is compared with
         * @param maxRel    the relative bound
         * @param absFloor  an absolute error below which it passes anyway; use a negative number for none
         */
        Builder add(int index, double analytic, double reference, double maxRel, double absFloor) {
            double rel = RelativeError.of(analytic, reference), abs = Math.abs(analytic - reference);
            checked++;
            // the first NaN is kept: nothing is larger than it
            if (worst < 0 || rel > largestRel || (Double.isNaN(rel) && !Double.isNaN(largestRel))) {
                largestRel = rel;
                worst = index;
                worstA = analytic;
                worstR = reference;
            }
            if (abs > largestAbs || Double.isNaN(abs)) largestAbs = abs;
            if (!(rel <= maxRel)) {
                if (abs < absFloor) floorPasses++;
                else failures++;
            }
            return this;
        }

        Builder skip() {
            skipped++;
            return this;
        }

        GroupStats build() {
            return new GroupStats(checked, skipped, largestRel, largestAbs, floorPasses, failures, worst, worstA, worstR);
        }
    }

    /** E.g. {@code 3.2e-11 (354 checked)} or {@code 0.6 FAIL 12/50}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1e%s (%d checked%s%s)", maxRelError, pass() ? "" : " FAIL " + failures,
                checked, skipped > 0 ? ", " + skipped + " skipped" : "", floorPasses > 0 ? ", " + floorPasses + " by abs floor" : "");
    }
}
