package nnparity.scratch;

import nnparity.spec.Regularization;

/**
 * The regularization of one {@link Parameter}, as DL4J applies it: everything {@link Sgd} needs to
 * regularize that parameter, so the optimizer reads nothing but the parameter itself. For the
 * parameter θ (a weight matrix or a bias vector), with coefficients ≥ 0 (0 = off):
 *
 * <pre>
 *   score    += l1 · Σ|θ| + ½ · l2 · Σθ² + ½ · wd · Σθ²          (not divided by the batch size)
 *   gradient += l2 · θ + l1 · sign(θ)                           (before the updater; sign(0) = 0)
 *   update   += wd · lr · θ     (wd · θ when not weightDecayTimesLr)   (after the updater)
 * </pre>
 *
 * A weight takes {@code l1, l2, weightDecay} from its layer's {@link Regularization}, a bias
 * {@code l1Bias, l2Bias, weightDecayBias} ({@link #ofWeights}, {@link #ofBias}).
 *
 * @param l1                 the L1 coefficient
 * @param l2                 the L2 coefficient
 * @param weightDecay        the weight-decay coefficient
 * @param weightDecayTimesLr DL4J's {@code WeightDecay.applyLR}: scale the decay by the learning rate
 */
public record Penalty(double l1, double l2, double weightDecay, boolean weightDecayTimesLr) {

    /** No penalty: the optimizer takes its plain path. */
    public static final Penalty NONE = new Penalty(0, 0, 0, true);

    public Penalty {
        check("l1", l1);
        check("l2", l2);
        check("weightDecay", weightDecay);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v))
            throw new IllegalArgumentException(name + " " + v + " is invalid; it must be a finite number ≥ 0 (0 = off)");
    }

    /** The weights' penalty of a layer regularized by {@code r}: {@code l1, l2, weightDecay}. */
    public static Penalty ofWeights(Regularization r) {
        return new Penalty(r.l1(), r.l2(), r.weightDecay(), r.weightDecayTimesLr());
    }

    /** The bias's penalty of a layer regularized by {@code r}: {@code l1Bias, l2Bias, weightDecayBias}. */
    public static Penalty ofBias(Regularization r) {
        return new Penalty(r.l1Bias(), r.l2Bias(), r.weightDecayBias(), r.weightDecayTimesLr());
    }

    public boolean isNone() {
        return l1 == 0 && l2 == 0 && weightDecay == 0;
    }

    /** This penalty's term of DL4J's score: {@code l1 · Σ|θ| + ½ · l2 · Σθ² + ½ · wd · Σθ²}; 0 without a penalty. */
    public double score(double[] theta) {
        if (isNone()) return 0;
        double abs = 0, squares = 0;
        for (double t : theta) {
            abs += Math.abs(t);
            squares += t * t;
        }
        return l1 * abs + 0.5 * l2 * squares + 0.5 * weightDecay * squares;
    }

    /**
     * Adds the gradient of {@link #score} to {@code grad} in place: {@code g + l2·θ + l1·sign(θ) + wd·θ}
     * (sign(0) = 0, DL4J's subgradient at the kink of |θ|).
     */
    public void addScoreGradient(double[] theta, double[] grad) {
        if (isNone()) return;
        for (int i = 0; i < theta.length; i++) {
            double t = theta[i];
            grad[i] = grad[i] + l2 * t + l1 * sign(t) + weightDecay * t;
        }
    }

    /** −1, 0 or 1; 0 for ±0 and NaN, like ND4J's {@code Sign}. */
    static double sign(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : 0;
    }

    /** E.g. {@code l2=1.0E-4 wd=5.0E-4}, {@code none}; {@code (wd not ×lr)} marks applyLR = false. */
    @Override
    public String toString() {
        if (isNone()) return "none";
        StringBuilder s = new StringBuilder();
        if (l1 != 0) s.append("l1=").append(l1).append(' ');
        if (l2 != 0) s.append("l2=").append(l2).append(' ');
        if (weightDecay != 0) s.append("wd=").append(weightDecay).append(weightDecayTimesLr ? " " : " (wd not ×lr) ");
        return s.toString().trim();
    }
}
