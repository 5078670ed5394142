package nnparity.parity;

import java.util.List;

/**
 * Both nets' class probabilities on the same points, and how far they agree.
 *
 * @param points      the inputs, one row each
 * @param scratch     hand-written probabilities, [points, classes] row-major
 * @param dl4j        DL4J probabilities, same shape
 * @param nClasses    classes per point
 */
public record Predictions(List<double[]> points, double[] scratch, double[] dl4j, int nClasses) {

    public int size() {
        return points.size();
    }

    public int classScratch(int i) {
        return argmax(scratch, i);
    }

    public int classDl4j(int i) {
        return argmax(dl4j, i);
    }

    public double probScratch(int i, int k) {
        return scratch[i * nClasses + k];
    }

    public double probDl4j(int i, int k) {
        return dl4j[i * nClasses + k];
    }

    /** The fraction of points whose predicted class is the same on both sides. */
    public double agreement() {
        if (size() == 0) return 1;
        int same = 0;
        for (int i = 0; i < size(); i++) if (classScratch(i) == classDl4j(i)) same++;
        return (double) same / size();
    }

    /** max |Δp| over every point and class (NaN if either side produced NaN). */
    public double maxAbsProbDiff() {
        double m = 0;
        for (int i = 0; i < scratch.length; i++) {
            double d = Math.abs(scratch[i] - dl4j[i]);
            if (Double.isNaN(d)) return Double.NaN;
            m = Math.max(m, d);
        }
        return m;
    }

    /**
     * The first point and class whose probabilities differ beyond {@code tol} (scaled, see
     * {@link Tolerances#scaledDiff}), or whose predicted classes differ, or null.
     */
    public Divergence firstOver(double tol, long step) {
        for (int i = 0; i < scratch.length; i++) {
            if (!Tolerances.within(Tolerances.scaledDiff(scratch[i], dl4j[i]), tol) || classScratch(i / nClasses) != classDl4j(i / nClasses))
                return new Divergence(step, Phase.PREDICTION, 0, "p", i / nClasses, i % nClasses, scratch[i], dl4j[i]);
        }
        return null;
    }

    private int argmax(double[] p, int i) {
        int best = 0;
        for (int k = 1; k < nClasses; k++) if (p[i * nClasses + k] > p[i * nClasses + best]) best = k;
        return best;
    }
}
