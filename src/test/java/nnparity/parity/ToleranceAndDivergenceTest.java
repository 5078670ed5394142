package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The comparison rules and how a divergence is named, on literal numbers. */
class ToleranceAndDivergenceTest {
    /** Quotients of small binary fractions are exact. */
    static final double EXACT = 0;
    /** The loss tolerance the harness runs with, written out. */
    static final double LOSS_TOL = 1e-12;
    /** An ulp of 8e-5 is 2⁻⁶⁶ ≈ 1.4e-20: a difference of 5.6e-17 near it is held to that. */
    static final double ULP_NEAR_8E_5 = 1.4e-20;

    @Test
    void scaledDifferenceIsAbsoluteUpToOneAndRelativeBeyond() {
        assertEquals(0.25, Tolerances.scaledDiff(0.5, 0.25), EXACT);
        assertEquals(0.25, Tolerances.scaledDiff(-0.125, 0.125), EXACT);
        assertEquals(0.25, Tolerances.scaledDiff(3, 4), EXACT);
        assertEquals(0.25, Tolerances.scaledDiff(-4, -3), EXACT);
        assertEquals(1.0, Tolerances.scaledDiff(1, 0), EXACT);
        assertEquals(0, Tolerances.scaledDiff(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), EXACT);
        assertTrue(Double.isNaN(Tolerances.scaledDiff(Double.POSITIVE_INFINITY, 1)));
        assertTrue(Double.isNaN(Tolerances.scaledDiff(1, Double.NaN)));
    }

    /**
     * The loss is compared like everything else, by |a − b| / max(1, |a|, |b|): its rounding is
     * absolute below a loss of 1, so a small loss gets the same absolute room as a loss of 1.
     */
    @Test
    void theLossToleranceIsAbsoluteBelowOneAndRelativeAbove() {
        assertEquals(LOSS_TOL, Tolerances.DEFAULT.lossScaled(), EXACT);
        double small = 8e-5, smallPlus = 8e-5 + 5.6e-17;
        assertEquals(5.6e-17, Tolerances.scaledDiff(small, smallPlus), ULP_NEAR_8E_5, "absolute below 1");
        assertTrue(Tolerances.within(Tolerances.scaledDiff(small, smallPlus), Tolerances.DEFAULT.lossScaled()));
        assertFalse(Tolerances.within(Tolerances.scaledDiff(0.01, 0.01 + 1e-9), Tolerances.DEFAULT.lossScaled()), "1e-9 apart at 0.01");
        assertFalse(Tolerances.within(Tolerances.scaledDiff(300, 300 * (1 + 2e-12)), Tolerances.DEFAULT.lossScaled()), "2e-12 relative at 300");
        assertTrue(Tolerances.within(Tolerances.scaledDiff(300, 300 + 6e-14), Tolerances.DEFAULT.lossScaled()), "2e-16 relative at 300");
    }

    /**
     * The pair of losses that made an RMSProp + batch-norm run DISAGREE at step 37 under the old
     * relative rule: 2⁻⁵⁴ and an ulp apart, 1.15e-12 of the loss, yet rounding (see {@link Tolerances}).
     */
    @Test
    void aLossOfFiveTimesTenToTheMinusFiveThatDiffersByRoundingIsWithinTolerance() {
        double hand = 4.828700475959785E-5, dl4j = 4.828700475954233E-5;
        assertEquals(Math.scalb(1.0, -54), hand - dl4j, Math.ulp(hand), "2⁻⁵⁴, give or take an ulp of the loss");
        assertTrue((hand - dl4j) / dl4j > LOSS_TOL, "relative to the loss it is over 1e-12");
        assertTrue(Tolerances.within(Tolerances.scaledDiff(hand, dl4j), Tolerances.DEFAULT.lossScaled()));
    }

    /** 2 ulps of 300 are 1.1e-13: rounding, not a difference in the math, at any magnitude. */
    @Test
    void twoUlpsOfALargeNumberAreWithinTheDefaultTolerance() {
        double a = 300, b = Math.nextUp(Math.nextUp(a));
        assertTrue(Math.abs(a - b) > 1e-13, "an absolute 1e-12 would still pass, 1e-13 would not");
        assertTrue(Tolerances.within(Tolerances.scaledDiff(a, b), Tolerances.DEFAULT.paramScaled()));
        double big = 1e6, bigger = Math.nextUp(Math.nextUp(big));
        assertTrue(Math.abs(big - bigger) > Tolerances.DEFAULT.paramScaled(), "absolutely 2.3e-10 apart");
        assertTrue(Tolerances.within(Tolerances.scaledDiff(big, bigger), Tolerances.DEFAULT.paramScaled()));
        assertFalse(Tolerances.within(Tolerances.scaledDiff(big, big * (1 + 1e-11)), Tolerances.DEFAULT.paramScaled()));
    }

    @Test
    void withinIncludesTheToleranceItselfAndNeverANaN() {
        assertTrue(Tolerances.within(1e-12, 1e-12));
        assertTrue(Tolerances.within(0, 0));
        assertFalse(Tolerances.within(Math.nextUp(1e-12), 1e-12));
        assertFalse(Tolerances.within(Double.NaN, Double.MAX_VALUE));
    }

    @Test
    void theDefaultToleranceIsOneInATrillionForEveryComparison() {
        assertEquals(new Tolerances(1e-12, 1e-12, 1e-12, 1e-12), Tolerances.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e-12, Double.NaN, Double.POSITIVE_INFINITY})
    void aNegativeOrNonFiniteToleranceIsRefusedNamingIt(double bad) {
        var e = assertThrows(IllegalArgumentException.class, () -> new Tolerances(1e-12, 1e-12, bad, 1e-12));
        assertEquals("tolerance " + bad + " is invalid; it must be a finite number ≥ 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tolerances(bad, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerances(0, bad, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerances(0, 0, 0, bad));
    }

    @Test
    void aDivergenceNamesItsElementTheWayTheTutorialNamesTheParameters() {
        assertEquals("loss", new Divergence(3, Phase.FORWARD, 0, null, -1, -1, 1, 2).where());
        assertEquals("W2[3,1]", new Divergence(3, Phase.UPDATE, 2, "W", 3, 1, 1, 2).where());
        assertEquals("b1[7]", new Divergence(3, Phase.BACKWARD, 1, "b", 0, 7, 1, 2).where());
        assertEquals("p[point 4, class 2]", new Divergence(3, Phase.PREDICTION, 0, "p", 4, 2, 1, 2).where());
    }

    @Test
    void aDivergenceSaysStepPhaseElementAndBothValuesInFull() {
        Divergence d = new Divergence(6, Phase.UPDATE, 1, "W", 1, 7, 0.5, 0.25);
        assertEquals(0.25, d.absDiff(), EXACT);
        assertEquals("step 6, update (parameters), W1[1,7]: hand-written 0.50000000000000000 vs DL4J 0.25000000000000000 (|Δ| 0.250)",
                d.toString());
        assertEquals("step 0, initial parameters, b2[0]: hand-written 1.0000000000000000 vs DL4J 2.0000000000000000 (|Δ| 1.00)",
                new Divergence(0, Phase.INITIAL_PARAMETERS, 2, "b", 0, 0, 1, 2).toString());
    }

    @Test
    void phasesRunInTheOrderOfATrainingStep() {
        assertEquals("initial parameters, forward pass before training (activations), forward pass (loss), backward pass (gradient), update (parameters), update (updater state), prediction",
                String.join(", ", java.util.Arrays.stream(Phase.values()).map(Phase::description).toList()));
    }

    @Test
    void aStepRecordsLossDifferenceIsAbsoluteAndScaled() {
        StepRecord r = new StepRecord(1, 1, 0.25, 0.5, 0, 0);
        assertEquals(0.25, r.absLossDiff(), EXACT);
        assertEquals(0.25, r.scaledLossDiff(), EXACT, "below 1 absolute, not 0.5 relative");
        StepRecord big = new StepRecord(1, 1, 4, 3, 0, 0);
        assertEquals(1, big.absLossDiff(), EXACT);
        assertEquals(0.25, big.scaledLossDiff(), EXACT, "above 1 relative to the larger");
        StepRecord inf = new StepRecord(1, 1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0);
        assertEquals(0, inf.absLossDiff(), EXACT);
    }

    /** The header states one rule for every comparison, the loss's included; each bound by name when they differ. */
    @Test
    void theToleranceLineStatesOneScaledRuleForEveryComparison() {
        assertEquals("1.0e-12 on |a − b| / max(1, |a|, |b|) (loss, gradient, parameter, updater state, probability)",
                Tolerances.DEFAULT.describe());
        assertEquals("loss 1.0e-10, gradient 2.0e-12, parameter and updater state 3.0e-12, probability 4.0e-12, each on |a − b| / max(1, |a|, |b|)",
                new Tolerances(1e-10, 2e-12, 3e-12, 4e-12).describe());
        for (Tolerances oneDiffers : List.of(new Tolerances(2e-12, 1e-12, 1e-12, 1e-12), new Tolerances(1e-12, 2e-12, 1e-12, 1e-12),
                new Tolerances(1e-12, 1e-12, 2e-12, 1e-12), new Tolerances(1e-12, 1e-12, 1e-12, 2e-12)))
            assertTrue(oneDiffers.describe().startsWith("loss "), oneDiffers.toString());
    }
}
