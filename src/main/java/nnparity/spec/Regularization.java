package nnparity.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer's regularization, as DL4J applies it (coefficients ≥ 0; 0 = off). For a weight w
 * (the {@code *Bias} variants do the same to the bias b):
 *
 * <pre>
 *   l1           gradient += l1 · sign(w)     before the updater     score += l1 · Σ|w|
 *   l2           gradient += l2 · w           before the updater     score += ½ · l2 · Σw²
 *   weightDecay  update   += wd · lr · w      after the updater      score += ½ · wd · Σw²
 *                (· lr only when weightDecayTimesLr, DL4J's applyLR, default true)
 * </pre>
 *
 * The gradient terms are added after DL4J divides the summed gradient by the batch size, and the
 * score terms are not divided by it: the regularized objective is {@code mean loss + penalty}.
 *
 * @param weightDecayTimesLr DL4J's {@code WeightDecay.applyLR}: scale the decay by the learning rate
 */
public record Regularization(double l1, double l2, double l1Bias, double l2Bias,
                             double weightDecay, double weightDecayBias, boolean weightDecayTimesLr) {

    public static final Regularization NONE = new Regularization(0, 0, 0, 0, 0, 0, true);

    public Regularization {
        check("l1", l1);
        check("l2", l2);
        check("l1Bias", l1Bias);
        check("l2Bias", l2Bias);
        check("weightDecay", weightDecay);
        check("weightDecayBias", weightDecayBias);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v))
            throw new IllegalArgumentException(name + " " + v + " is invalid; it must be a finite number ≥ 0 (0 = off)");
    }

    public boolean isNone() {
        return l1 == 0 && l2 == 0 && l1Bias == 0 && l2Bias == 0 && weightDecay == 0 && weightDecayBias == 0;
    }

    public Regularization withL1(double v) {
        return new Regularization(v, l2, l1Bias, l2Bias, weightDecay, weightDecayBias, weightDecayTimesLr);
    }

    public Regularization withL2(double v) {
        return new Regularization(l1, v, l1Bias, l2Bias, weightDecay, weightDecayBias, weightDecayTimesLr);
    }

    public Regularization withL1Bias(double v) {
        return new Regularization(l1, l2, v, l2Bias, weightDecay, weightDecayBias, weightDecayTimesLr);
    }

    public Regularization withL2Bias(double v) {
        return new Regularization(l1, l2, l1Bias, v, weightDecay, weightDecayBias, weightDecayTimesLr);
    }

    public Regularization withWeightDecay(double v) {
        return new Regularization(l1, l2, l1Bias, l2Bias, v, weightDecayBias, weightDecayTimesLr);
    }

    public Regularization withWeightDecayBias(double v) {
        return new Regularization(l1, l2, l1Bias, l2Bias, weightDecay, v, weightDecayTimesLr);
    }

    public Regularization withWeightDecayTimesLr(boolean v) {
        return new Regularization(l1, l2, l1Bias, l2Bias, weightDecay, weightDecayBias, v);
    }

    /** E.g. {@code l2=1.0E-4 wd=5.0E-4}, {@code none}; {@code (no lr)} marks applyLR = false. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (l1 != 0) parts.add("l1=" + l1);
        if (l2 != 0) parts.add("l2=" + l2);
        if (l1Bias != 0) parts.add("l1Bias=" + l1Bias);
        if (l2Bias != 0) parts.add("l2Bias=" + l2Bias);
        if (weightDecay != 0) parts.add("wd=" + weightDecay);
        if (weightDecayBias != 0) parts.add("wdBias=" + weightDecayBias);
        if ((weightDecay != 0 || weightDecayBias != 0) && !weightDecayTimesLr) parts.add("(wd not ×lr)");
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }
}
