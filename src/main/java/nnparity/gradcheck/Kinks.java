package nnparity.gradcheck;

import nnparity.spec.Activation;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;

/**
 * Where the score is not differentiable, and whether a central difference straddles such a point.
 * At a kink the two one-sided slopes differ, so {@code (L(θ+ε) − L(θ−ε)) / 2ε} averages them and
 * measures no derivative; a parameter whose difference straddles one is skipped and counted,
 * never compared against a looser bound.
 *
 * <pre>
 *   relu, leakyrelu   z = 0                    the slope jumps 0 → 1 (α → 1)
 *   selu              z = 0                    λα ≈ 1.758 → λ ≈ 1.051 (the function is continuous, its slope is not)
 *   hardtanh          z = ±1                   1 inside, 0 outside
 *   hardsigmoid       z ∈ ±[0.5/0.2f, 2.5]      DL4J's forward clamps at 0.5/0.2f ≈ 2.49999996 (slope 0.2f),
 *                                              its derivative at |z| ≤ 2.5: between the two they disagree
 *   L1 loss           ŷ − y = 0                sign(ŷ − y) jumps −1 → 1
 *   l1 penalty        θ = 0                    l1·sign(θ) jumps −l1 → l1
 * </pre>
 *
 * (elu with α = 1 has slope 1 on both sides of 0; the other activations are smooth.) An element
 * straddles when its values at θ − ε and θ + ε, widened by {@link #MARGIN}, reach a kink; elements
 * that the perturbation does not move at all (an input x_i = 0, a dead unit downstream) never do.
 */
final class Kinks {
    /** A value this close to a kink counts as on it: far above the rounding of z in double (≈ 1e-14 here). */
    static final double MARGIN = 1e-9;

    private static final double HARDSIGMOID_CLAMP = 0.5 / ReferenceLoss.HARDSIGMOID_SLOPE;
    private static final double[][] NONE = {};
    private static final double[][] AT_ZERO = {{0, 0}};
    private static final double[][] AT_PLUS_MINUS_ONE = {{-1, -1}, {1, 1}};
    private static final double[][] HARDSIGMOID = {{-2.5, -HARDSIGMOID_CLAMP}, {HARDSIGMOID_CLAMP, 2.5}};

    private Kinks() {
    }

    /** The intervals [a, b] of z where {@code f} has a kink (a = b for a point); empty for a smooth f. */
    static double[][] of(Activation f) {
        return switch (f) {
            case RELU, LEAKYRELU, SELU -> AT_ZERO;
            case HARDTANH -> AT_PLUS_MINUS_ONE;
            case HARDSIGMOID -> HARDSIGMOID;
            default -> NONE;
        };
    }

    /** True when {@code spec} has any kink a central difference could straddle. */
    static boolean possible(NetSpec spec) {
        if (spec.loss() == Loss.L1) return true;
        if (spec.layers().stream().anyMatch(l -> l.regularization().l1() > 0 || l.regularization().l1Bias() > 0)) return true;
        for (int k = 0; k < spec.depth(); k++) {
            boolean applies = k < spec.depth() - 1 || spec.loss() == Loss.MSE || spec.loss() == Loss.L1;
            if (applies && of(spec.layers().get(k).activation()).length > 0) return true;
        }
        return false;
    }

    /**
     * True when the central difference of element {@code index} of {@code g} at ±{@code eps} straddles a kink:
     * of an activation, of the L1 loss, or of an l1 penalty on θ itself.
     */
    static boolean straddled(ReferenceLoss ref, NetSpec spec, Group g, int index, double theta, double eps) {
        if (g.penalty(spec).l1() > 0 && Math.abs(theta) <= eps + MARGIN) return true;
        ReferenceLoss.Evaluation plus = ref.perturbed(g, index, eps), minus = ref.perturbed(g, index, -eps);
        return straddled(ref, plus, minus);
    }

    /** True when some pre-activation or L1 residual moved across (or to within {@link #MARGIN} of) a kink between the two. */
    static boolean straddled(ReferenceLoss ref, ReferenceLoss.Evaluation plus, ReferenceLoss.Evaluation minus) {
        for (int k = 0; k < plus.zHi().length; k++) {
            if (plus.zHi()[k] == null) continue;
            if (straddles(of(ref.activation(k + 1)), plus.zHi()[k], plus.zLo()[k], minus.zHi()[k], minus.zLo()[k])) return true;
        }
        return plus.residual() != null && straddles(AT_ZERO, plus.residual(), null, minus.residual(), null);
    }

    /** Element by element: does [min(p, m) − MARGIN, max(p, m) + MARGIN] reach a kink, for an element that moved? */
    static boolean straddles(double[][] kinks, double[] pHi, double[] pLo, double[] mHi, double[] mLo) {
        for (int i = 0; i < pHi.length; i++) {
            double p = pHi[i], m = mHi[i];
            if (p == m && (pLo == null || pLo[i] == mLo[i])) continue; // not moved by this parameter
            double lo = Math.min(p, m) - MARGIN, hi = Math.max(p, m) + MARGIN;
            for (double[] kink : kinks) {
                if (lo <= kink[1] && hi >= kink[0]) return true;
            }
        }
        return false;
    }
}
