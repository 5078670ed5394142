package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

class NumericalCheckTest {
    static final Group W1 = new Group(1, false), B1 = new Group(1, true), W2 = new Group(2, false), B2 = new Group(2, true);

    /** Hidden unit put exactly on a kink for the first tutorial point. */
    private static final int UNIT = 7;

    /**
     * The tutorial's net at initialization, except that unit 7 has W1[:,7] = (0.5, −0.25) and
     * b1[7] = z − 0.25, so for the point (1, 1) its z1 is {@code z} (and z − 1, z − 0.5, z + 0.5 for the others).
     */
    private static ParamSet unitAt(NetSpec spec, double z) {
        ParamSet p = GradientCheck.initialParams(spec);
        W1.of(p)[UNIT] = 0.5;                  // W1[0][7]
        W1.of(p)[spec.hidden().get(0).nOut() + UNIT] = -0.25; // W1[1][7]
        B1.of(p)[UNIT] = z - 0.25;
        return p;
    }

    private static ParamSet onTheKink(NetSpec spec) {
        return unitAt(spec, 0);
    }

    /** Every kink of every activation: relu's, leakyrelu's and selu's 0, hardtanh's ±1, hardsigmoid's ±2.5 and its clamp. */
    static Stream<Arguments> kinks() {
        return KinksTest.kinks();
    }

    @ParameterizedTest(name = "{0} at z = {1}")
    @MethodSource("kinks")
    void parametersWhosePerturbationCrossesAKinkAreSkippedAndCounted(Activation a, double z) {
        NetSpec spec = NetSpec.quadrant().withActivation(a);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = unitAt(spec, z);
        assertEquals(z, new ReferenceLoss(spec, p, b).z(1, 0, UNIT), Kinks.MARGIN, "z1 is on the kink");

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

    @ParameterizedTest(name = "{0} at z = {1}")
    @MethodSource("kinks")
    void withoutTheSkipTheKinkWouldFailTheBound(Activation a, double z) {
        // the skip is not cosmetic: on the kink the central difference averages both sides' slopes, or
        // (hardsigmoid's ±2.5) DL4J's derivative, which the hand-written net copies, is 0.2f where the forward pass is flat
        NetSpec spec = NetSpec.quadrant().withActivation(a);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = unitAt(spec, z);
        double analytic = B1.of(HandWrittenGradient.production().evaluate(spec, p, b).gradient())[UNIT];
        NumericalCheck.Difference d = NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), B1, UNIT, NumericalCheck.EPS);
        assertTrue(d.crossesKink());
        assertTrue(RelativeError.of(analytic, d.gradient()) > 1e-3, analytic + " vs " + d.gradient());
    }

    @Test
    void aKinkInADeeperLayerSkipsTheParametersBelowIt() {
        // 2 → 3 (tanh) → 2 (relu) → 2: unit 0 of layer 2 at z2 = 0 for the one example; every layer-1
        // and layer-2 parameter that moves it straddles, the output layer's never
        NetSpec spec = new NetSpec(2, List.of(new LayerSpec(3, Activation.TANH), new LayerSpec(2, Activation.RELU)),
                new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1, Init.ZERO, 1, true);
        Batch b = new Batch(new int[]{0}, new double[]{1, -1}, new double[]{1, 0}, new int[]{0}, 2, 2);
        ParamSet p = ParamSet.zeros(spec);
        for (int i = 0; i < 6; i++) W1.of(p)[i] = 0.1 * (i + 1);
        Group w2 = new Group(2, false), b2 = new Group(2, true), w3 = new Group(3, false);
        for (int i = 0; i < 6; i++) w2.of(p)[i] = 0.2 * (i % 2 == 0 ? 1 : -1);
        for (int i = 0; i < 4; i++) w3.of(p)[i] = 0.3 * (i - 1.5);
        ReferenceLoss ref0 = new ReferenceLoss(spec, p, b);
        b2.of(p)[0] = -ref0.z(2, 0, 0); // put z2[0][0] on relu's kink
        b2.of(p)[1] = 0.5;
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertEquals(0, ref.z(2, 0, 0), Kinks.MARGIN);
        HandWrittenGradient.Evaluation analytic = HandWrittenGradient.production().evaluate(spec, p, b);
        Map<Group, GroupStats> r = NumericalCheck.run(spec, p, b, analytic, Coverage.all()).groups();
        assertEquals(6, r.get(W1).skipped(), "every W1 moves every unit of layer 1, and so z2[0][0]");
        assertEquals(3, r.get(B1).skipped());
        assertEquals(3, r.get(w2).skipped(), "W2[:][0]; W2[:][1] feeds the other unit");
        assertEquals(1, r.get(b2).skipped(), "b2[0]");
        assertEquals(0, r.get(w3).skipped() + r.get(new Group(3, true)).skipped(), "the output layer does not move z2");
        r.values().forEach(s -> assertTrue(s.pass(), s::toString));
    }

    @Test
    void anL1PenaltyAtZeroIsSkippedAndCounted() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH).withRegularization(Regularization.NONE.withL1(1e-2));
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = GradientCheck.initialParams(spec);
        W2.of(p)[5] = 0;
        W2.of(p)[6] = 0.5e-10;
        HandWrittenGradient.Evaluation analytic = HandWrittenGradient.production().evaluate(spec, p, b);
        Map<Group, GroupStats> r = NumericalCheck.run(spec, p, b, analytic, Coverage.all()).groups();
        assertEquals(2, r.get(W2).skipped(), "W2[1][1] = 0 and W2[1][2] = 5e-11, within ε");
        assertEquals(0, r.get(B2).skipped(), "no l1 on the biases, which are all 0");
        r.values().forEach(s -> assertTrue(s.pass(), s::toString));
    }

    @Test
    void theDataGradientAndThePenaltysPartAreComparedSeparately() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH).withRegularization(Regularization.NONE.withL2(1e-2));
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = GradientCheck.initialParams(spec);
        HandWrittenGradient.Evaluation right = HandWrittenGradient.production().evaluate(spec, p, b);
        assertTrue(NumericalCheck.run(spec, p, b, right, Coverage.all()).pass());
        // move 1e-6 of W2[0][0] from the data part to the penalty part: the sum is unchanged, both parts are wrong
        ParamSet data = right.data().copy(), penalty = right.penalty().copy();
        double shift = 1e-6 * Math.abs(W2.of(data)[0]);
        W2.of(data)[0] -= shift;
        W2.of(penalty)[0] += shift;
        NumericalCheck.Result moved = NumericalCheck.run(spec, p, b, new HandWrittenGradient.Evaluation(right.score(), data, penalty), Coverage.all());
        assertEquals(1, moved.groups().get(W2).failures());
        assertEquals(0, moved.groups().get(W2).worstIndex());
        // and a penalty part off by 1e-6 of itself fails on its own
        ParamSet offPenalty = right.penalty().copy();
        W2.of(offPenalty)[3] *= 1 + 1e-6;
        GroupStats w2 = NumericalCheck.run(spec, p, b, new HandWrittenGradient.Evaluation(right.score(), right.data(), offPenalty), Coverage.all())
                .groups().get(W2);
        assertEquals(1, w2.failures());
        assertEquals(3, w2.worstIndex());
    }

    @Test
    void aWrongScoreFailsCheck1WhenEveryGradientIsRight() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = GradientCheck.initialParams(spec);
        HandWrittenGradient.Evaluation right = HandWrittenGradient.production().evaluate(spec, p, b);
        NumericalCheck.Result r = NumericalCheck.run(spec, p, b, new HandWrittenGradient.Evaluation(right.score() * (1 + 1e-11), right.data(),
                right.penalty()), Coverage.all());
        assertTrue(r.groups().values().stream().allMatch(GroupStats::pass));
        assertFalse(r.score().pass());
        assertFalse(r.pass());
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
