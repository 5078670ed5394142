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
    static final Group W1 = new Group(1, false), B1 = new Group(1, true), W2 = new Group(2, false), B2 = new Group(2, true);

    /** Hidden unit put exactly on ReLU's kink for the first tutorial point. */
    private static final int UNIT = 7;

    /**
     * The tutorial's relu net at initialization, except that unit 7 has W1[:,7] = (0.5, −0.25) and
     * b1[7] = −0.25, so for the point (1, 1) its z1 is exactly 0 (and −1, −0.5, 0.5 for the others).
     */
    private static ParamSet onTheKink(NetSpec spec) {
        ParamSet p = GradientCheck.initialParams(spec);
        W1.of(p)[UNIT] = 0.5;                  // W1[0][7]
        W1.of(p)[spec.hidden().get(0).nOut() + UNIT] = -0.25; // W1[1][7]
        B1.of(p)[UNIT] = -0.25;
        return p;
    }

    @Test
    void reluParametersWhosePerturbationCrossesTheKinkAreSkippedAndCounted() {
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        assertEquals(0.0, new ReferenceLoss(spec, p, b).z(1, 0, UNIT), "z1 is on the kink");

        HandWrittenGradient.Evaluation analytic = HandWrittenGradient.production().evaluate(spec, p, b);
        NumericalCheck.Result result = NumericalCheck.run(spec, p, b, analytic, Coverage.all());
        Map<Group, GroupStats> r = result.groups();

        assertEquals(2, r.get(W1).skipped(), "W1[0][7] and W1[1][7]");
        assertEquals(1, r.get(B1).skipped(), "b1[7]");
        assertEquals(0, r.get(W2).skipped() + r.get(B2).skipped(), "layer 2 never moves z1");
        assertEquals(100 - 2, r.get(W1).checked());
        r.values().forEach(s -> assertTrue(s.pass(), s::toString));
        assertTrue(result.score().pass(), result.score()::toString);
    }

    @Test
    void withoutTheSkipTheKinkWouldFailTheBound() {
        // the skip is not cosmetic: on the kink the central difference averages both sides' slopes
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        double analytic = B1.of(HandWrittenGradient.production().evaluate(spec, p, b).gradient())[UNIT];
        NumericalCheck.Difference d = NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), B1, UNIT, NumericalCheck.EPS);
        assertTrue(d.crossesKink());
        assertTrue(RelativeError.of(analytic, d.gradient()) > 1e-3, analytic + " vs " + d.gradient());
    }

    private static boolean straddled(ReferenceLoss ref, NetSpec spec, Group g, int idx, ParamSet p, double eps) {
        return Kinks.straddled(ref, spec, g, idx, g.of(p)[idx], eps);
    }

    @Test
    void smoothActivationsHaveNoKinks() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.IDENTITY);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        HandWrittenGradient.Evaluation analytic = HandWrittenGradient.production().evaluate(spec, p, b);
        NumericalCheck.run(spec, p, b, analytic, Coverage.all()).groups().values().forEach(s -> assertEquals(0, s.skipped()));
    }

    @Test
    void anExampleWhoseInputIsZeroDoesNotMakeAKink() {
        // the digits-sized batch has blank pixels: perturbing W1[i][j] does not move z1 of an example with x_i = 0
        NetSpec spec = NetSpec.quadrant().withSizes(3, 2, 2);
        Batch b = new Batch(new int[]{0}, new double[]{0, 1, 1}, new double[]{1, 0}, new int[]{0}, 3, 2);
        ParamSet p = GradientCheck.initialParams(spec);
        W1.of(p)[0] = 0.3;     // W1[0][0]: its input is 0
        W1.of(p)[2] = 0.5;     // W1[1][0]
        W1.of(p)[4] = -0.5;    // W1[2][0]
        B1.of(p)[0] = 0;       // z1[0][0] = 0·0.3 + 0.5 − 0.5 + 0 = 0: on the kink
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertFalse(straddled(ref, spec, W1, 0, p, NumericalCheck.EPS), "x_0 = 0: z1 does not move");
        assertTrue(straddled(ref, spec, W1, 2, p, NumericalCheck.EPS), "x_1 = 1: z1 moves across 0");
        assertFalse(straddled(ref, spec, W2, 0, p, NumericalCheck.EPS), "layer 2");
    }

    @Test
    void dl4jsLargerStepFindsKinksTheReferenceStepDoesNot() {
        // |z1| between 1e-10 and 1e-6: inside DL4J's ±1e-6, outside the reference's ±1e-10 (and its 1e-9 margin)
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = onTheKink(spec);
        B1.of(p)[UNIT] = -0.25 + 3e-7;
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertFalse(straddled(ref, spec, B1, UNIT, p, NumericalCheck.EPS));
        assertTrue(straddled(ref, spec, B1, UNIT, p, Dl4jGradientCheck.EPS));
    }
}
