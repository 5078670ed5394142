package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import nnparity.spec.Regularization;

class SgdTest {
    /** Products of small binary fractions are exact. */
    static final double EXACT = 0;

    @Test
    void stepSubtractsLearningRateTimesGradientFromEveryParameter() {
        Parameter w = new Parameter("W1", new Matrix(1, 3, new double[]{1, 2, 3}), new Matrix(1, 3, new double[]{4, -8, 0}));
        Parameter b = new Parameter("b1", new Matrix(1, 1, new double[]{-1}), new Matrix(1, 1, new double[]{2}));
        new Sgd(0.25).step(List.of(w, b));
        assertArrayEquals(new double[]{0, 4, 3}, w.value().data, EXACT);
        assertArrayEquals(new double[]{-1.5}, b.value().data, EXACT);
        assertArrayEquals(new double[]{4, -8, 0}, w.grad().data, EXACT, "the gradient is left as it was");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void aLearningRateThatIsNotFiniteAndPositiveIsRefusedNamingIt(double lr) {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sgd(lr));
        assertEquals("learning rate " + lr + " is invalid; it must be a finite number > 0", e.getMessage());
    }

    @Test
    void describesItselfByItsLearningRate() {
        assertEquals("SGD(lr=0.1)", new Sgd(0.1).toString());
    }

    @Test
    void aParameterWhoseGradientHasAnotherShapeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("W2", Matrix.zeros(2, 3), Matrix.zeros(3, 2)));
        assertEquals("W2: gradient [3x2] does not match value [2x3]", e.getMessage());
    }
    // ------------------------------------------------------------- regularization, against a Python peer

    /** The peer computes the same few operations in the same order; one rounding of slack for each. */
    static final double ROUNDING = 2e-16;

    /** θ = [0.5, −0.25, 0, 2], g = [0.1, −0.2, 0.3, 0], lr = 0.1: the 0 in θ is l1's kink, the 0 in g isolates the penalty. */
    private static double[] step(Penalty penalty) {
        return step(new Sgd(0.1), penalty);
    }

    private static double[] step(Sgd sgd, Penalty penalty) {
        Parameter p = new Parameter("W1", new Matrix(1, 4, new double[]{0.5, -0.25, 0, 2}), new Matrix(1, 4, new double[]{0.1, -0.2, 0.3, 0}), penalty);
        sgd.step(List.of(p));
        assertArrayEquals(new double[]{0.1, -0.2, 0.3, 0}, p.grad().data, EXACT, "the gradient is left as it was");
        return p.value().data;
    }

    @Test
    void withoutPenaltyTheStepIsThetaMinusLrTimesG() {
        assertArrayEquals(new double[]{0.49, -0.22999999999999998, -0.03, 2.0}, step(Penalty.NONE), ROUNDING);
    }

    @Test
    void l2AddsL2ThetaToTheGradientBeforeTheUpdater() {
        // θ − lr·(g + 0.5·θ)
        assertArrayEquals(new double[]{0.465, -0.2175, -0.03, 1.9}, step(new Penalty(0, 0.5, 0, true)), ROUNDING);
    }

    @Test
    void l1AddsL1SignThetaToTheGradientAndNothingAtZero() {
        // θ − lr·(g + 0.5·sign(θ)); sign(0) = 0
        assertArrayEquals(new double[]{0.44, -0.18, -0.03, 1.95}, step(new Penalty(0.5, 0, 0, true)), ROUNDING);
    }

    @Test
    void weightDecayTimesLrAddsWdLrThetaToTheUpdate() {
        // θ − (lr·g + 0.5·lr·θ)
        assertArrayEquals(new double[]{0.46499999999999997, -0.2175, -0.03, 1.9}, step(new Penalty(0, 0, 0.5, true)), ROUNDING);
    }

    @Test
    void weightDecayWithoutLrAddsWdThetaToTheUpdate() {
        // θ − (lr·g + 0.5·θ): ten times the decay of the ×lr variant at lr = 0.1
        assertArrayEquals(new double[]{0.24, -0.10499999999999998, -0.03, 1.0}, step(new Penalty(0, 0, 0.5, false)), ROUNDING);
    }

    @Test
    void everyPenaltyTogetherInDl4jsOrder() {
        // θ − (lr·(g + 0.25·θ + 0.5·sign(θ)) + 0.125·lr·θ)
        assertArrayEquals(new double[]{0.42125, -0.170625, -0.03, 1.875}, step(new Penalty(0.5, 0.25, 0.125, true)), ROUNDING);
    }

    @Test
    void l2AfterUpdaterStepsWithoutL2ThenShrinksTheNewThetaByL2() {
        // θ' = θ − lr·g, then θ' − 0.5·θ'
        assertArrayEquals(new double[]{0.245, -0.11499999999999999, -0.015, 1.0}, step(Sgd.withFault(0.1, Fault.L2_AFTER_UPDATER), new Penalty(0, 0.5, 0, true)), ROUNDING);
        // l1 and weight decay stay where they belong: θ' = θ − (lr·(g + 0.5·sign(θ)) + 0.125·lr·θ), then θ' − 0.5·θ'
        assertArrayEquals(new double[]{0.21687499999999998, -0.0884375, -0.015, 0.9625},
                step(Sgd.withFault(0.1, Fault.L2_AFTER_UPDATER), new Penalty(0.5, 0.5, 0.125, true)), ROUNDING);
        assertArrayEquals(new double[]{0.49, -0.22999999999999998, -0.03, 2.0}, step(Sgd.withFault(0.1, Fault.L2_AFTER_UPDATER), Penalty.NONE), ROUNDING,
                "no l2, nothing to misplace");
    }

    @Test
    void otherFaultsLeaveTheOptimizerAlone() {
        assertArrayEquals(step(new Penalty(0.5, 0.25, 0.125, true)), step(Sgd.withFault(0.1, Fault.MASK_FROM_OUTPUT), new Penalty(0.5, 0.25, 0.125, true)), EXACT);
        assertEquals("SGD(lr=0.1, fault l2 after updater)", Sgd.withFault(0.1, Fault.L2_AFTER_UPDATER).toString());
    }

    @Test
    void eachParameterIsRegularizedByItsOwnPenalty() {
        Parameter w = new Parameter("W1", new Matrix(1, 1, new double[]{1}), new Matrix(1, 1, new double[]{0}), new Penalty(0, 0.5, 0, true));
        Parameter b = new Parameter("b1", new Matrix(1, 1, new double[]{1}), new Matrix(1, 1, new double[]{0}), Penalty.NONE);
        new Sgd(0.1).step(List.of(w, b));
        assertArrayEquals(new double[]{0.95}, w.value().data, ROUNDING);
        assertArrayEquals(new double[]{1}, b.value().data, EXACT);
    }

    @Test
    void aPenaltyScoresL1AbsPlusHalfL2AndHalfWdSquares() {
        // Σ|θ| = 2.75, Σθ² = 4.3125
        assertEquals(0.5 * 2.75 + 0.5 * 0.25 * 4.3125 + 0.5 * 0.125 * 4.3125, new Penalty(0.5, 0.25, 0.125, false).score(new double[]{0.5, -0.25, 0, 2}), ROUNDING * 8);
        assertEquals(0, Penalty.NONE.score(new double[]{1, 2}), EXACT);
        assertEquals("l1=0.5 l2=0.25 wd=0.125 (wd not ×lr)", new Penalty(0.5, 0.25, 0.125, false).toString());
        assertEquals("none", Penalty.NONE.toString());
        assertEquals("l2=0.25 wd=0.125", new Penalty(0, 0.25, 0.125, true).toString());
        assertEquals("l1=0.5", new Penalty(0.5, 0, 0, false).toString());
    }

    @Test
    void aLayersRegularizationSplitsIntoTheWeightsAndTheBiasPenalty() {
        Regularization r = new Regularization(1, 2, 3, 4, 5, 6, false);
        assertEquals(new Penalty(1, 2, 5, false), Penalty.ofWeights(r));
        assertEquals(new Penalty(3, 4, 6, false), Penalty.ofBias(r));
        assertEquals(Penalty.NONE, Penalty.ofBias(Regularization.NONE.withL2(0.1)), "l2 alone leaves the bias alone, as in DL4J");
    }

    @Test
    void aNegativeOrInfiniteCoefficientIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Penalty(0, -1, 0, true));
        assertEquals("l2 -1.0 is invalid; it must be a finite number ≥ 0 (0 = off)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Penalty(Double.POSITIVE_INFINITY, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Penalty(0, 0, Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("W1", Matrix.zeros(1, 1), Matrix.zeros(1, 1), null));
    }
}
