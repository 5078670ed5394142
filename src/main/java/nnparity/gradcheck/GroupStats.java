package nnparity.gradcheck;

import java.util.Locale;

import nnparity.text.Fmt;

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
 * @param elements      every compared element's relative error and every skipped element, for plotting
 */
public record GroupStats(int checked, int skipped, double maxRelError, double maxAbsError, int floorPasses,
                         int failures, int worstIndex, double worstAnalytic, double worstReference, Elements elements) {

    /** Without per-element errors. */
    public GroupStats(int checked, int skipped, double maxRelError, double maxAbsError, int floorPasses,
                      int failures, int worstIndex, double worstAnalytic, double worstReference) {
        this(checked, skipped, maxRelError, maxAbsError, floorPasses, failures, worstIndex, worstAnalytic, worstReference, Elements.NONE);
    }

    /**
     * Each element as compared, in the order compared: {@code index[k]} (in the group's canonical
     * array) had relative error {@code relError[k]}; {@code skipped} lists the elements skipped at a
     * kink. The arrays are shared, never written after {@link Builder#build()}.
     */
    public record Elements(int[] index, double[] relError, int[] skipped) {
        static final Elements NONE = new Elements(new int[0], new double[0], new int[0]);

        public Elements {
            if (index.length != relError.length)
                throw new IllegalArgumentException(index.length + " indices for " + relError.length + " errors");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Elements e && java.util.Arrays.equals(index, e.index) && java.util.Arrays.equals(relError, e.relError)
                    && java.util.Arrays.equals(skipped, e.skipped);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(java.util.Arrays.hashCode(index), java.util.Arrays.hashCode(relError), java.util.Arrays.hashCode(skipped));
        }

        @Override
        public String toString() {
            return "Elements(" + index.length + " compared, " + skipped.length + " skipped)";
        }
    }

    public boolean pass() {
        return failures == 0;
    }

    /** Collects element comparisons into a {@link GroupStats}. */
    static final class Builder {
        private int checked, skipped, floorPasses, failures, worst = -1;
        private double largestRel, largestAbs, worstA, worstR;
        private final java.util.List<Integer> indices = new java.util.ArrayList<>(), skippedIndices = new java.util.ArrayList<>();
        private final java.util.List<Double> rels = new java.util.ArrayList<>();

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
            indices.add(index);
            rels.add(rel);
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

        /** Skips element {@code index} (a kink), remembering which. */
        Builder skip(int index) {
            skippedIndices.add(index);
            return skip();
        }

        GroupStats build() {
            Elements e = new Elements(indices.stream().mapToInt(Integer::intValue).toArray(), rels.stream().mapToDouble(Double::doubleValue).toArray(),
                    skippedIndices.stream().mapToInt(Integer::intValue).toArray());
            return new GroupStats(checked, skipped, largestRel, largestAbs, floorPasses, failures, worst, worstA, worstR, e);
        }
    }

    /** E.g. {@code 3.2e-11 (354 checked)} or {@code 6.0e-1 FAIL 12/50}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s%s (%d checked%s%s)", Fmt.sci(maxRelError), pass() ? "" : " FAIL " + failures,
                checked, skipped > 0 ? ", " + skipped + " skipped" : "", floorPasses > 0 ? ", " + floorPasses + " by abs floor" : "");
    }
}
