package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class NumericalCheckTest {

    /** Hidden unit put exactly on ReLU's kink for the first tutorial point. */
    private static final int UNIT = 7;

    /**
     * The tutorial's relu net at initialization, except that unit 7 has W1[:,7] = (0.5, −0.25) and
     * b1[7] = −0.25, so for the point (1, 1) its z1 is exactly 0 (and −1, −0.5, 0.5 for the others).
     */
    private static ParamSet onTheKink(NetSpec spec) {
        ParamSet p = GradientCheck.initialParams(spec);
        Group.W1.of(p)[UNIT] = 0.5;                  // W1[0][7]
        Group.W1.of(p)[spec.hidden().get(0).nOut() + UNIT] = -0.25; // W1[1][7]
        Group.B1.of(p)[UNIT] = -0.25;
        return p;
    }

    @Test
    void reluParametersWhosePerturbationCrossesTheKinkAreSkippedAndCounted() {
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        assertEquals(0.0, new ReferenceLoss(spec, p, b).z1(0, UNIT), "z1 is on the kink");

        ParamSet analytic = HandWrittenGradient.production().meanGradient(spec, p, b);
        Map<Group, GroupStats> r = NumericalCheck.run(spec, p, b, analytic, Coverage.all());

        assertEquals(2, r.get(Group.W1).skipped(), "W1[0][7] and W1[1][7]");
        assertEquals(1, r.get(Group.B1).skipped(), "b1[7]");
        assertEquals(0, r.get(Group.W2).skipped() + r.get(Group.B2).skipped(), "layer 2 never moves z1");
        assertEquals(100 - 2, r.get(Group.W1).checked());
        r.values().forEach(s -> assertTrue(s.pass(), s::toString));
    }

    @Test
    void withoutTheSkipTheKinkWouldFailTheBound() {
        // the skip is not cosmetic: on the kink the central difference averages both sides' slopes
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        double analytic = Group.B1.of(HandWrittenGradient.production().meanGradient(spec, p, b))[UNIT];
        NumericalCheck.Difference d = NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), Activation.RELU,
                Group.B1, UNIT, NumericalCheck.EPS);
        assertTrue(d.crossesKink());
        assertTrue(RelativeError.of(analytic, d.gradient()) > 1e-3, analytic + " vs " + d.gradient());
    }

    @Test
    void smoothActivationsHaveNoKinks() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.IDENTITY);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        ParamSet analytic = HandWrittenGradient.production().meanGradient(spec, p, b);
        NumericalCheck.run(spec, p, b, analytic, Coverage.all()).values().forEach(s -> assertEquals(0, s.skipped()));
    }

    @Test
    void anExampleWhoseInputIsZeroDoesNotMakeAKink() {
        // the digits-sized batch has blank pixels: perturbing W1[i][j] does not move z1 of an example with x_i = 0
        NetSpec spec = NetSpec.quadrant().withSizes(3, 2, 2);
        Batch b = new Batch(new int[]{0}, new double[]{0, 1, 1}, new double[]{1, 0}, new int[]{0}, 3, 2);
        ParamSet p = GradientCheck.initialParams(spec);
        Group.W1.of(p)[0] = 0.3;     // W1[0][0]: its input is 0
        Group.W1.of(p)[2] = 0.5;     // W1[1][0]
        Group.W1.of(p)[4] = -0.5;    // W1[2][0]
        Group.B1.of(p)[0] = 0;       // z1[0][0] = 0·0.3 + 0.5 − 0.5 + 0 = 0: on the kink
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertFalse(NumericalCheck.crossesKink(ref, Group.W1, 0, NumericalCheck.EPS), "x_0 = 0: z1 does not move");
        assertTrue(NumericalCheck.crossesKink(ref, Group.W1, 2, NumericalCheck.EPS), "x_1 = 1: z1 moves across 0");
        assertFalse(NumericalCheck.crossesKink(ref, Group.W2, 0, NumericalCheck.EPS), "layer 2");
    }

    @Test
    void dl4jsLargerStepFindsKinksTheReferenceStepDoesNot() {
        // |z1| between 1e-10 and 1e-6: inside DL4J's ±1e-6, outside the reference's ±1e-10 (and its 1e-9 margin)
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        Group.B1.of(p)[UNIT] = -0.25 + 3e-7;
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertFalse(NumericalCheck.crossesKink(ref, Group.B1, UNIT, NumericalCheck.EPS));
        assertTrue(NumericalCheck.crossesKink(ref, Group.B1, UNIT, Dl4jGradientCheck.EPS));
    }
}
