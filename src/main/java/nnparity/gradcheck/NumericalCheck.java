package nnparity.gradcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import nnparity.data.Batch;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Check 1: the hand-written gradient against central differences of the objective, and the
 * hand-written score against the reference score.
 *
 * <pre>
 *   J = D + P                                            {@link ReferenceLoss#objective}: data loss D, penalty P
 *   numerical_θ = (J(θ + ε) − J(θ − ε)) / 2ε             for each checked θ, split into its D and P parts
 *   pass        ⇔ rel(data_θ, ∂D/∂θ) ≤ 1e-7  and  rel(penalty_θ, ∂P/∂θ) ≤ 1e-7   for every parameter compared
 *               and the hand-written score matches {@link ReferenceLoss#score} ({@link ScoreCheck})
 * </pre>
 *
 * The analytic side is the direction the hand-written SGD step follows ({@link HandWrittenGradient}):
 * backprop's data gradient, plus what the step adds for the penalties, l1·sign(θ) + l2·θ + wd·θ;
 * together the gradient of J. Its two parts are compared separately, each with its own relative
 * error, because where a penalty cancels most of the data gradient the relative error of the sum
 * magnifies an error of either part by |data| + |penalty| over |data + penalty|, 10 to 1000 here:
 * DL4J's leakyrelu derivative, which the hand-written net copies, uses α as a float
 * (0.009999999776 for 0.01), a relative 2.2e-8 on the path through negative units, and would then
 * show as 1e-6 (InjectedFaultTest has the finding). The score catches what a gradient cannot, such
 * as a penalty missing from the reported loss.
 *
 * <p><b>Precision and ε.</b> J is evaluated by {@link ReferenceLoss} in double-double (≈32 digits),
 * not in double. In double, J ≈ 1.4 carries a rounding error of a few 1e-16, so
 * {@code (J₊ − J₋)/2ε} has an absolute noise of about 1e-16/ε ≈ 1e-10 at ε = 1e-6; a relative
 * error of 1e-7 would then need |∂J/∂θ| ≳ 1e-3, and many gradients of these small-weight nets are
 * 1e-5 to 1e-11 (ReferenceLossTest shows a double central difference missing one by 100%). In
 * double-double that noise is about 1e-32/ε, so ε can be small enough to make the truncation error
 * {@code ε²/6 · ∂³J/∂θ³} negligible too: ε = {@value #EPS} gives ≈ 2e-21·|J'''| of truncation and
 * ≈ 1e-22 of rounding, while θ ± ε is held exactly (the double-double (θ, ±ε)). What is left is the
 * rounding of the analytic gradient itself, about 1e-16 relative to the terms it sums: where those
 * terms cancel to 1e-8 of their size (∂L/∂b1 ≈ 6e-12 at the tutorial's four symmetric points,
 * identity activation) that is a relative 2e-8, the worst the matrix shows.
 *
 * <p><b>Kinks.</b> relu, leakyrelu, selu, hardtanh and hardsigmoid have points where the slope
 * jumps, and so do the L1 loss at ŷ = y and an l1 penalty at θ = 0 ({@link Kinks}). Perturbing a
 * layer-k parameter moves column j of z_k and then every later layer; if for some example that
 * moves a pre-activation across a kink (or to within {@value Kinks#MARGIN} of it), the central
 * difference straddles the kink and measures no derivative. Such a parameter is skipped and
 * counted ({@link GroupStats#skipped()}), never compared against a looser bound. The margin is far
 * above the rounding error of z in double (≈ nIn · 1.1e-16 · Σ|a·w| ≤ 1e-11 here), so the
 * hand-written masks, computed in double, agree with the side the reference sees.
 */
public final class NumericalCheck {
    /** The central-difference step; see the class comment for why it is this small. */
    public static final double EPS = 1e-10;
    /** The bound for every compared parameter, for every activation (issue 3: smooth ≤ 1e-7; kinks are skipped, not loosened). */
    public static final double MAX_REL_ERROR = 1e-7;

    private NumericalCheck() {
    }

    /**
     * @param groups one {@link GroupStats} per group, in canonical order
     * @param score  the hand-written score against the double-double reference
     */
    public record Result(Map<Group, GroupStats> groups, ScoreCheck score) {
        public boolean pass() {
            return score.pass() && groups.values().stream().allMatch(GroupStats::pass);
        }
    }

    /**
     * Compares {@code analytic} (the hand-written score and gradient at {@code params} on
     * {@code batch}) with the reference, for the elements {@code coverage} selects.
     */
    public static Result run(NetSpec spec, ParamSet params, Batch batch, HandWrittenGradient.Evaluation analytic, Coverage coverage) {
        ReferenceLoss ref = new ReferenceLoss(spec, params, batch);
        Map<Group, GroupStats> out = new LinkedHashMap<>();
        for (Group g : Group.of(spec)) {
            double[] data = g.of(analytic.data()), penalty = g.of(analytic.penalty()), theta = g.of(params);
            boolean l1 = g.penalty(spec).l1() > 0;
            GroupStats.Builder b = new GroupStats.Builder();
            for (int idx : coverage.indices(g, spec)) {
                Difference d = centralDifference(ref, g, idx, EPS);
                if (d.crossesKink() || (l1 && Math.abs(theta[idx]) <= EPS + Kinks.MARGIN)) {
                    b.skip(idx);
                } else if (RelativeError.of(penalty[idx], d.penalty()) > RelativeError.of(data[idx], d.data())) {
                    b.add(idx, penalty[idx], d.penalty(), MAX_REL_ERROR, -1); // the worse part stands for the element
                } else {
                    b.add(idx, data[idx], d.data(), MAX_REL_ERROR, -1);
                }
            }
            out.put(g, b.build());
        }
        return new Result(Collections.unmodifiableMap(out), new ScoreCheck(analytic.score(), ref.score().doubleValue()));
    }

    /**
     * A central difference, as its data-loss and penalty parts, and whether it straddled a kink of
     * an activation or of the L1 loss.
     */
    record Difference(double data, double penalty, boolean crossesKink) {
        /** ∂J/∂θ = ∂D/∂θ + ∂P/∂θ. */
        double gradient() {
            return data + penalty;
        }
    }

    /** (J(θ + ε) − J(θ − ε)) / 2ε for element {@code idx} of {@code g}, each part computed in double-double. */
    static Difference centralDifference(ReferenceLoss ref, Group g, int idx, double eps) {
        ReferenceLoss.Evaluation plus = ref.perturbed(g, idx, eps), minus = ref.perturbed(g, idx, -eps);
        double data = plus.data().subtract(minus.data()).divide(2 * eps).doubleValue();
        double penalty = plus.penalty().subtract(minus.penalty()).divide(2 * eps).doubleValue();
        return new Difference(data, penalty, Kinks.straddled(ref, plus, minus));
    }
}
