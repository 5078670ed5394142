package nnparity.gradcheck;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Check 1: the hand-written analytic gradient against central differences of the loss.
 *
 * <pre>
 *   numerical_θ = (L(θ + ε) − L(θ − ε)) / 2ε          for each checked parameter θ
 *   pass        ⇔ rel(analytic_θ, numerical_θ) ≤ 1e-7   for every parameter compared
 * </pre>
 *
 * <p><b>Precision and ε.</b> L is evaluated by {@link ReferenceLoss} in double-double (≈32 digits),
 * not in double. In double, L ≈ 1.4 carries a rounding error of a few 1e-16, so
 * {@code (L₊ − L₋)/2ε} has an absolute noise of about 1e-16/ε ≈ 1e-10 at ε = 1e-6; a relative
 * error of 1e-7 would then need |∂L/∂θ| ≳ 1e-3, and many gradients of these small-weight nets are
 * 1e-5 to 1e-11 (ReferenceLossTest shows a double central difference missing one by 100%). In double-double that noise is about 1e-32/ε, so ε can be
 * small enough to make the truncation error {@code ε²/6 · ∂³L/∂θ³} negligible too:
 * ε = {@value #EPS} gives ≈ 2e-21·|L'''| of truncation and ≈ 1e-22 of rounding, while θ ± ε is
 * held exactly (the double-double (θ, ±ε)). What is left is the rounding of the analytic gradient
 * itself, about 1e-16 relative to the terms it sums: where those terms cancel to 1e-8 of their size
 * (∂L/∂b1 ≈ 6e-12 at the tutorial's four symmetric points, identity activation) that is a relative
 * 2e-8, the worst the matrix shows.
 *
 * <p><b>ReLU's kink.</b> relu is not differentiable at z1 = 0. Perturbing a layer-1 parameter
 * (W1[i][j] or b1[j]) moves column j of z1; if for some example that moves z1 across 0 (its
 * values at θ − ε and θ + ε differ in sign) or ends within {@value #KINK_MARGIN} of 0, the central
 * difference straddles the kink and measures no derivative. Such a parameter is skipped and
 * counted ({@link GroupStats#skipped()}), never compared against a looser bound. The margin is far
 * above the rounding error of z1 in double (≈ nIn · 1.1e-16 · Σ|x·w| ≤ 1e-11 here), so the
 * hand-written mask, computed in double, agrees with the sign the reference sees. Layer-2
 * parameters never move z1 and are always compared.
 */
public final class NumericalCheck {
    /** The central-difference step; see the class comment for why it is this small. */
    public static final double EPS = 1e-10;
    /** The bound for every compared parameter, for every activation (issue 3: smooth ≤ 1e-7; ReLU is not loosened). */
    public static final double MAX_REL_ERROR = 1e-7;
    /** A ReLU pre-activation this close to 0 at θ ± ε counts as on the kink. */
    public static final double KINK_MARGIN = 1e-9;

    private NumericalCheck() {
    }

    /**
     * Compares {@code analytic} (the hand-written gradient at {@code params} on {@code batch}) with
     * central differences, for the elements {@code coverage} selects.
     *
     * @return one {@link GroupStats} per group, in canonical order
     */
    public static Map<Group, GroupStats> run(NetSpec spec, ParamSet params, Batch batch, ParamSet analytic, Coverage coverage) {
        ReferenceLoss ref = new ReferenceLoss(spec, params, batch);
        Map<Group, GroupStats> out = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            double[] a = g.of(analytic);
            GroupStats.Builder b = new GroupStats.Builder();
            for (int idx : coverage.indices(g, spec)) {
                Difference d = centralDifference(ref, TwoLayer.activation(spec), g, idx, EPS);
                if (d.crossesKink()) b.skip();
                else b.add(idx, a[idx], d.gradient(), MAX_REL_ERROR, -1);
            }
            out.put(g, b.build());
        }
        return Collections.unmodifiableMap(out);
    }

    /** A central difference and whether it straddled a ReLU kink. */
    record Difference(double gradient, boolean crossesKink) {
    }

    /** (L(θ + ε) − L(θ − ε)) / 2ε for element {@code idx} of {@code g}, computed in double-double. */
    static Difference centralDifference(ReferenceLoss ref, Activation act, Group g, int idx, double eps) {
        ReferenceLoss.Evaluation plus = ref.perturbed(g, idx, eps), minus = ref.perturbed(g, idx, -eps);
        double grad = plus.loss().subtract(minus.loss()).divide(2 * eps).doubleValue();
        boolean kink = act == Activation.RELU && plus.z1Column() != null && straddles(plus.z1Column(), minus.z1Column());
        return new Difference(grad, kink);
    }

    /**
     * True when perturbing element {@code idx} of {@code g} by ±{@code eps} moves some example's
     * z1 across ReLU's kink or to within {@link #KINK_MARGIN} of it. Always false for a layer-2
     * parameter. (Used with DL4J's ε by {@link Dl4jGradientCheck}.)
     */
    static boolean crossesKink(ReferenceLoss ref, Group g, int idx, double eps) {
        double[] plus = ref.z1Column(g, idx, eps), minus = ref.z1Column(g, idx, -eps);
        return plus != null && straddles(plus, minus);
    }

    private static boolean straddles(double[] plus, double[] minus) {
        for (int r = 0; r < plus.length; r++) {
            double p = plus[r], m = minus[r];
            if (p == m) continue; // this example's z1 does not move: its input x_i is 0
            if (Math.signum(p) != Math.signum(m)) return true;
            if (Math.abs(p) <= KINK_MARGIN || Math.abs(m) <= KINK_MARGIN) return true;
        }
        return false;
    }
}
