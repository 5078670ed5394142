package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

class KinksTest {
    private static final Group B1 = new Group(1, true), W2 = new Group(2, false), B2 = new Group(2, true);
    /** Hidden unit put on a kink for the first tutorial point, (1, 1). */
    private static final int UNIT = 7;
    /** Far enough from a kink that ±ε (1e-10 or DL4J's 1e-6) and the margin do not reach it. */
    private static final double AWAY = 1e-3;
    /** One-sided slopes that differ by this much cannot both be measured by one central difference. */
    private static final double DIFFERENT_SLOPES = 1e-3;

    /**
     * The tutorial's net with unit 7 of layer 1 at z1 = {@code z} for the point (1, 1):
     * W1[:,7] = (0.5, −0.25) and b1[7] = z − 0.25 (and z − 1.25, z − 0.75, z + 0.25 for the other points).
     */
    private static ParamSet unitAt(NetSpec spec, double z) {
        ParamSet p = GradientCheck.initialParams(spec);
        new Group(1, false).of(p)[UNIT] = 0.5;
        new Group(1, false).of(p)[spec.hidden().get(0).nOut() + UNIT] = -0.25;
        B1.of(p)[UNIT] = z - 0.25;
        return p;
    }

    static Stream<Arguments> kinks() {
        return Stream.of(Arguments.of(Activation.RELU, 0.0), Arguments.of(Activation.LEAKYRELU, 0.0), Arguments.of(Activation.SELU, 0.0),
                Arguments.of(Activation.HARDTANH, 1.0), Arguments.of(Activation.HARDTANH, -1.0),
                Arguments.of(Activation.HARDSIGMOID, 2.5), Arguments.of(Activation.HARDSIGMOID, -2.5),
                Arguments.of(Activation.HARDSIGMOID, 0.5 / ReferenceLoss.HARDSIGMOID_SLOPE));
    }

    @ParameterizedTest(name = "{0} at z = {1}")
    @MethodSource("kinks")
    void aDifferenceAcrossAKinkIsFlaggedAndOneAwayFromItIsNot(Activation a, double z) {
        NetSpec spec = NetSpec.quadrant().withActivation(a);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet on = unitAt(spec, z), off = unitAt(spec, z + AWAY);
        ReferenceLoss ref = new ReferenceLoss(spec, on, b);
        assertEquals(z, ref.z(1, 0, UNIT), Kinks.MARGIN, "z1 is where it was put");
        assertTrue(Kinks.straddled(ref, spec, B1, UNIT, B1.of(on)[UNIT], NumericalCheck.EPS));
        assertFalse(Kinks.straddled(ref, spec, W2, 4 * UNIT, W2.of(on)[4 * UNIT], NumericalCheck.EPS), "layer 2 does not move z1");
        assertFalse(Kinks.straddled(new ReferenceLoss(spec, off, b), spec, B1, UNIT, B1.of(off)[UNIT], Dl4jGradientCheck.EPS));
    }

    @ParameterizedTest(name = "{0} at z = {1}")
    @MethodSource("kinks")
    void theReferenceHasAKinkWhereItIsFlagged(Activation a, double z) {
        // the slopes just left and just right of the kink differ: a central difference across it measures neither
        if (a == Activation.HARDSIGMOID && Math.abs(z) == 2.5) return; // DL4J's derivative ends there; the forward pass is flat on both sides
        NetSpec spec = NetSpec.quadrant().withActivation(a);
        Batch b = CheckBatches.of(spec, 4, 0);
        double left = slope(spec, unitAt(spec, z - AWAY), b), right = slope(spec, unitAt(spec, z + AWAY), b);
        assertTrue(RelativeError.of(left, right) > DIFFERENT_SLOPES, a + ": " + left + " vs " + right);
    }

    private static double slope(NetSpec spec, ParamSet p, Batch b) {
        return NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), B1, UNIT, NumericalCheck.EPS).gradient();
    }

    @ParameterizedTest
    @EnumSource(names = {"ELU", "SOFTPLUS", "SOFTSIGN", "SIGMOID", "TANH", "SWISH", "CUBE", "IDENTITY"})
    void smoothActivationsHaveNoKinks(Activation a) {
        assertEquals(0, Kinks.of(a).length);
        NetSpec spec = NetSpec.quadrant().withActivation(a);
        ParamSet on = unitAt(spec, 0);
        assertFalse(Kinks.straddled(new ReferenceLoss(spec, on, CheckBatches.of(spec, 4, 0)), spec, B1, UNIT, B1.of(on)[UNIT], NumericalCheck.EPS));
        assertFalse(Kinks.possible(spec));
    }

    @Test
    void theKinksAreDl4jsPointsAndHardsigmoidsDisagreementZone() {
        assertArrayEquals(new double[][]{{0, 0}}, Kinks.of(Activation.RELU));
        assertArrayEquals(new double[][]{{0, 0}}, Kinks.of(Activation.LEAKYRELU));
        assertArrayEquals(new double[][]{{0, 0}}, Kinks.of(Activation.SELU));
        assertArrayEquals(new double[][]{{-1, -1}, {1, 1}}, Kinks.of(Activation.HARDTANH));
        // DL4J's forward clamps at 0.5/0.2f = 2.4999999627, its derivative at 2.5
        assertArrayEquals(new double[][]{{-2.5, -2.4999999627470975}, {2.4999999627470975, 2.5}}, Kinks.of(Activation.HARDSIGMOID));
    }

    @Test
    void anElementThatDoesNotMoveNeverStraddlesAndOneThatMovesWithinTheMarginDoes() {
        double[][] atZero = Kinks.of(Activation.RELU);
        assertFalse(Kinks.straddles(atZero, new double[]{0}, new double[]{0}, new double[]{0}, new double[]{0}), "on the kink but not moved");
        assertTrue(Kinks.straddles(atZero, new double[]{0}, new double[]{1e-40}, new double[]{0}, new double[]{-1e-40}), "moved in the low part");
        assertTrue(Kinks.straddles(atZero, new double[]{1e-10}, null, new double[]{-1e-10}, null), "across");
        assertTrue(Kinks.straddles(atZero, new double[]{2e-9}, null, new double[]{1e-9}, null), "within the margin");
        assertFalse(Kinks.straddles(atZero, new double[]{3e-9}, null, new double[]{2.1e-9}, null), "beyond the margin");
        assertFalse(Kinks.straddles(atZero, new double[]{-3e-9}, null, new double[]{-2.1e-9}, null), "beyond the margin, below");
        double[][] zone = Kinks.of(Activation.HARDSIGMOID);
        assertTrue(Kinks.straddles(zone, new double[]{2.49999998}, null, new double[]{2.49999997}, null), "inside the zone, no crossing");
        assertFalse(Kinks.straddles(zone, new double[]{2.49999990}, null, new double[]{2.49999989}, null));
    }

    @Test
    void anL1PenaltyHasAKinkAtZeroOnlyInTheGroupsItActsOn() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH).withRegularization(Regularization.NONE.withL1(1e-3));
        ParamSet p = GradientCheck.initialParams(spec);
        Batch b = CheckBatches.of(spec, 4, 0);
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertTrue(Kinks.possible(spec));
        assertTrue(Kinks.straddled(ref, spec, W2, 0, 0.5e-10, NumericalCheck.EPS), "|θ| < ε");
        assertTrue(Kinks.straddled(ref, spec, W2, 0, 0, NumericalCheck.EPS), "θ = 0");
        assertFalse(Kinks.straddled(ref, spec, W2, 0, 1e-8, NumericalCheck.EPS), "|θ| > ε + margin");
        assertTrue(Kinks.straddled(ref, spec, W2, 0, 1e-7, Dl4jGradientCheck.EPS), "inside DL4J's larger step");
        assertFalse(Kinks.straddled(ref, spec, B2, 0, 0, NumericalCheck.EPS), "no l1Bias: the biases have no such kink");
    }

    @Test
    void theL1LossHasAKinkWhereTheOutputMeetsTheLabel() {
        // 2 → 2 → 1, identity everywhere, L1: ŷ = x·W1·W2 + b, put exactly on the label y = 0 for the one example
        NetSpec spec = new NetSpec(2, List.of(new LayerSpec(2, Activation.IDENTITY)), new LayerSpec(1, Activation.IDENTITY), Loss.L1, 0,
                0.1, Init.ZERO, 1, true);
        Batch b = new Batch(new int[]{0}, new double[]{1, 2}, new double[]{0}, new int[]{0}, 2, 1);
        ParamSet p = ParamSet.zeros(spec);
        new Group(1, false).of(p)[0] = 0.5;   // h = (0.5, 0)
        W2.of(p)[0] = 1;                      // ŷ = 0.5 + b2
        B2.of(p)[0] = -0.5;                   // ŷ = 0 = y
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertTrue(Kinks.possible(spec));
        assertTrue(Kinks.straddled(ref, spec, B2, 0, B2.of(p)[0], NumericalCheck.EPS));
        B2.of(p)[0] = -0.5 + AWAY;
        assertFalse(Kinks.straddled(new ReferenceLoss(spec, p, b), spec, B2, 0, B2.of(p)[0], NumericalCheck.EPS));
    }

    @Test
    void anMseOutputLayersActivationKinkIsFlagged() {
        // 2 → 2 (tanh) → 2 (relu) + MSE: output unit 0 at z2 = 0 for the one example
        NetSpec spec = new NetSpec(2, List.of(new LayerSpec(2, Activation.TANH)), new LayerSpec(2, Activation.RELU), Loss.MSE, 0,
                0.1, Init.ZERO, 1, true);
        Batch b = new Batch(new int[]{0}, new double[]{1, 2}, new double[]{1, 0}, new int[]{0}, 2, 2);
        ParamSet p = ParamSet.zeros(spec);
        for (int i = 0; i < 4; i++) new Group(1, false).of(p)[i] = 0.25 * (i + 1);
        for (int i = 0; i < 4; i++) W2.of(p)[i] = 0.5;
        ReferenceLoss ref0 = new ReferenceLoss(spec, p, b);
        B2.of(p)[0] = -ref0.z(2, 0, 0);
        B2.of(p)[1] = 1;
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertTrue(Kinks.straddled(ref, spec, B2, 0, B2.of(p)[0], NumericalCheck.EPS), "relu applied by MSE, at its kink");
        assertFalse(Kinks.straddled(ref, spec, B2, 1, B2.of(p)[1], NumericalCheck.EPS), "the other unit is far from it");
        // the same z2 under a softmax output has no kink
        NetSpec softmax = spec.withLoss(Loss.MCXENT);
        assertFalse(Kinks.straddled(new ReferenceLoss(softmax, p, b), softmax, B2, 0, B2.of(p)[0], NumericalCheck.EPS));
    }

    @Test
    void anOutputActivationCountsOnlyWhereTheLossAppliesIt() {
        NetSpec mseRelu = NetSpec.quadrant().withActivation(Activation.TANH).withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.RELU));
        assertTrue(Kinks.possible(mseRelu), "MSE applies the output's relu");
        assertFalse(Kinks.possible(NetSpec.quadrant().withActivation(Activation.TANH)), "softmax has no kink");
        assertTrue(Kinks.possible(NetSpec.quadrant()), "the tutorial's relu");
    }
}
