package nnparity.parity;

import nnparity.spec.BatchNormParams;
import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * The element-wise comparison of two parameter (or gradient) sets in the canonical layout:
 * the largest |Δ| anywhere, and the first element, in canonical order (W1, b1, [gamma1, beta1,
 * mean1, var1,] W2, b2, each row-major), whose difference scaled by {@code max(1, |a|, |b|)} ({@link Tolerances#scaledDiff})
 * exceeds a tolerance.
 *
 * @param maxAbs    max |a − b| over every element (NaN if any element is NaN on one side only)
 * @param firstOver the first element beyond the tolerance, or null
 */
public record ParamDiff(double maxAbs, Divergence firstOver) {

    public static ParamDiff of(ParamSet scratch, ParamSet dl4j, double tol, long step, Phase phase) {
        return of(scratch, dl4j, tol, step, phase, null);
    }

    /** As above, for the updater's state variable {@code state} (e.g. {@code Adam v}), which its divergence names. */
    public static ParamDiff of(ParamSet scratch, ParamSet dl4j, double tol, long step, Phase phase, String state) {
        double max = 0;
        Divergence first = null;
        for (int k = 0; k < scratch.layers().size(); k++) {
            DenseParams a = scratch.layers().get(k), b = dl4j.layers().get(k);
            if (a.nIn() != b.nIn() || a.nOut() != b.nOut())
                throw new IllegalStateException("layer " + (k + 1) + " shapes differ: " + a + " vs " + b);
            for (int i = 0; i < a.w().length; i++) {
                double d = diff(a.w()[i], b.w()[i]);
                max = worse(max, d);
                if (first == null && !Tolerances.within(Tolerances.scaledDiff(a.w()[i], b.w()[i]), tol))
                    first = new Divergence(step, phase, k + 1, "W", i / a.nOut(), i % a.nOut(), a.w()[i], b.w()[i], state);
            }
            for (int j = 0; j < a.b().length; j++) {
                double d = diff(a.b()[j], b.b()[j]);
                max = worse(max, d);
                if (first == null && !Tolerances.within(Tolerances.scaledDiff(a.b()[j], b.b()[j]), tol))
                    first = new Divergence(step, phase, k + 1, "b", 0, j, a.b()[j], b.b()[j], state);
            }
            BatchNormParams na = scratch.batchNorm(k + 1), nb = dl4j.batchNorm(k + 1);
            if ((na == null) != (nb == null) || (na != null && na.n() != nb.n()))
                throw new IllegalStateException("batch norm after layer " + (k + 1) + " differs: " + na + " vs " + nb);
            if (na == null) continue;
            double[][] xa = na.arrays(), xb = nb.arrays();
            for (int p = 0; p < xa.length; p++) {
                for (int j = 0; j < na.n(); j++) {
                    double d = diff(xa[p][j], xb[p][j]);
                    max = worse(max, d);
                    if (first == null && !Tolerances.within(Tolerances.scaledDiff(xa[p][j], xb[p][j]), tol))
                        first = new Divergence(step, phase, k + 1, BatchNormParams.NAMES.get(p), 0, j, xa[p][j], xb[p][j]);
                }
            }
        }
        return new ParamDiff(max, first);
    }

    /** |a − b|, where two equal infinities differ by 0 and a NaN on either side differs by NaN. */
    private static double diff(double a, double b) {
        return a == b ? 0 : Math.abs(a - b);
    }

    private static double worse(double max, double d) {
        return Double.isNaN(max) || Double.isNaN(d) ? Double.NaN : Math.max(max, d);
    }
}
