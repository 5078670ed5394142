package nnparity.gradcheck;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import nnparity.data.Batch;
import nnparity.parity.Dl4jSide;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Check 3: the hand-written gradient against DL4J's, from identical parameters on an identical batch.
 *
 * <pre>
 *   dl4j_θ = DL4J's gradient() after computeGradientAndScore() / N     (it holds the batch sum; see ParamBridge.meanGradient)
 *   pass   ⇔ |hand_θ − dl4j_θ| ≤ 1e-12  or  rel(hand_θ, dl4j_θ) ≤ 1e-12     for every parameter
 * </pre>
 *
 * Both compute the same formulas in double, but sum in different orders (ND4J's BLAS against plain
 * loops), so they differ by a few ulps: about 1e-16 relative to the summed terms. 1e-12 leaves
 * four orders of magnitude for that while any real difference in the math, which the fault tests
 * show to be 1e-9 or more, still fails. Every element of every group is compared: no perturbation
 * is needed. The DL4J side is the lockstep harness's own {@link Dl4jSide}.
 */
public final class CrossFrameworkCheck {
    /** The absolute bound: the harness's gradient tolerance, {@code parity.Tolerances.DEFAULT.gradScaled()}. */
    public static final double MAX_ABS_ERROR = 1e-12;
    /** The relative bound, for gradients larger than 1, where ulps exceed 1e-16 in absolute terms. */
    public static final double MAX_REL_ERROR = 1e-12;

    private CrossFrameworkCheck() {
    }

    /** The DL4J twin's mean-loss gradient at {@code params} on {@code batch}, canonical layout. */
    public static ParamSet dl4jGradient(NetSpec spec, ParamSet params, Batch batch) {
        Dl4jSide dl4j = new Dl4jSide(spec);
        dl4j.setParams(params);
        dl4j.lossAndGradient(batch);
        return dl4j.meanGradient();
    }

    /** Compares {@code handWritten} with {@link #dl4jGradient}, element by element. */
    public static Map<Group, GroupStats> run(NetSpec spec, ParamSet params, Batch batch, ParamSet handWritten) {
        ParamSet dl4j = dl4jGradient(spec, params, batch);
        Map<Group, GroupStats> out = new EnumMap<>(Group.class);
        // GroupStats' floor passes when abs < floor; the bound here is abs ≤ 1e-12
        double floor = Math.nextUp(MAX_ABS_ERROR);
        for (Group g : Group.values()) {
            double[] a = g.of(handWritten), d = g.of(dl4j);
            GroupStats.Builder b = new GroupStats.Builder();
            for (int i = 0; i < a.length; i++) b.add(i, a[i], d[i], MAX_REL_ERROR, floor);
            out.put(g, b.build());
        }
        return Collections.unmodifiableMap(out);
    }
}
