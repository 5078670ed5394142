package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.LabelledData;
import nnparity.data.QuadrantData;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/** The acceptance figures, on the real lockstep: both nets, every step compared. */
class LockstepTest {
    /** The acceptance bound for max rel |Δloss| and max |Δparam| over a whole run. */
    static final double PARITY_BOUND = 1e-12;
    /** A perturbation far above rounding noise (1e-16) and far below the parameters (1e-2). */
    static final double PERTURBATION = 1e-6;

    static Stream<Arguments> acceptanceRuns() {
        NetSpec q = NetSpec.quadrant();
        QuadrantData tutorial = QuadrantData.tutorial();
        QuadrantData random200 = QuadrantData.random(200, q.seed());
        return Stream.of(
                Arguments.of("relu, tutorial's 4 points, 1000 steps", q, tutorial, new TrainSpec(1000, 4, 42)),
                Arguments.of("sigmoid, tutorial's 4 points, 1000 steps", q.withActivation(Activation.SIGMOID), tutorial, new TrainSpec(1000, 4, 42)),
                Arguments.of("tanh, tutorial's 4 points, 1000 steps", q.withActivation(Activation.TANH), tutorial, new TrainSpec(1000, 4, 42)),
                Arguments.of("relu, 200 random points, batch 16, 20 epochs", q, random200, new TrainSpec(20, 16, 42)),
                Arguments.of("relu, DL4J's own init, 500 steps", q.withInit(Init.DL4J), tutorial, new TrainSpec(500, 4, 42)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptanceRuns")
    void bothNetsAgreeAtEveryStepAndOnEveryPrediction(String name, NetSpec spec, LabelledData data, TrainSpec train) {
        Lockstep lockstep = new Lockstep(spec, train, data, Tolerances.DEFAULT);
        LockstepResult r = lockstep.run();
        Predictions p = lockstep.predict(points());
        Verdict v = Verdict.of(r, p, Tolerances.DEFAULT);

        assertEquals(Outcome.AGREE, v.outcome(), v.line());
        assertTrue(r.maxRelLossDiff() <= PARITY_BOUND, v.line());
        assertTrue(r.maxAbsParamDiff() <= PARITY_BOUND, v.line());
        assertTrue(r.maxAbsGradDiff() <= PARITY_BOUND, v.line());
        assertEquals(1.0, p.agreement());
        assertEquals(train.epochs() * train.stepsPerEpoch(data.size()), r.steps().size());
    }

    @Test
    void trainingOnTheTutorialPointsLearnsTheQuadrantOfTwoTwo() {
        Lockstep lockstep = new Lockstep(NetSpec.quadrant(), new TrainSpec(1000, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        LockstepResult r = lockstep.run();
        Predictions p = lockstep.predict(List.of(new double[]{2, 2}));
        assertTrue(r.last().lossScratch() < r.steps().get(0).lossScratch() / 100, "loss should fall 100-fold");
        assertEquals(0, p.classScratch(0));
        assertEquals(0, p.classDl4j(0));
    }

    @Test
    void aPerturbedInitialDl4jWeightIsLocalisedToItsLayerAndIndex() {
        NetSpec spec = NetSpec.quadrant();
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(5, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        ParamSet p = lockstep.dl4j().params();
        p.layer(2).w()[3 * spec.nOut() + 1] += PERTURBATION;   // W2[3,1]
        lockstep.dl4j().setParams(p);

        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertNotNull(d);
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(Phase.INITIAL_PARAMETERS, d.phase());
        assertEquals("W2[3,1]", d.where());
        assertEquals(PERTURBATION, d.dl4j() - d.scratch(), PERTURBATION * 1e-6);
    }

    @Test
    void aFaultyDl4jUpdateIsLocalisedToTheStepPhaseAndIndex() {
        NetSpec spec = NetSpec.quadrant();
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(10, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        lockstep.afterDl4jUpdate((step, dl4j) -> {
            if (step == 6) {
                ParamSet p = dl4j.params();
                p.layer(1).w()[1 * spec.nHidden() + 7] += PERTURBATION;   // W1[1,7]
                dl4j.setParams(p);
            }
        });
        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertNotNull(d);
        assertEquals(6, d.step());
        assertEquals(Phase.UPDATE, d.phase());
        assertEquals(1, d.layer());
        assertEquals("W1[1,7]", d.where());
    }

    @Test
    void aCoarseSoftmaxClipStillAgreesBecauseBothSidesShareIt() {
        // p clipped to [0.3, 0.7] changes the reported loss a lot, on both sides alike
        NetSpec spec = NetSpec.quadrant().withSoftmaxClipEps(0.3);
        Lockstep same = new Lockstep(spec, new TrainSpec(200, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        assertNull(same.run().firstDivergence());
    }

    @Test
    void aLearningRateThatBlowsUpIsReportedAsDiverged() {
        NetSpec spec = NetSpec.quadrant().withLearningRate(1e9);
        LockstepResult r = new Lockstep(spec, new TrainSpec(100, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertTrue(r.diverged().contains("1.0E9"), r.diverged());
        assertTrue(r.steps().size() < 100, "training should stop at the first non-finite loss");
    }

    @Test
    void theSameSeedGivesBitIdenticalRuns() {
        List<Double> a = losses(), b = losses();
        assertEquals(a, b);
    }

    private static List<Double> losses() {
        List<Double> out = new ArrayList<>();
        new Lockstep(NetSpec.quadrant(), new TrainSpec(4, 16, 3), QuadrantData.random(64, 3), Tolerances.DEFAULT)
                .onStep((r, total) -> {
                    out.add(r.lossScratch());
                    out.add(r.lossDl4j());
                }).run();
        return out;
    }

    private static List<double[]> points() {
        List<double[]> pts = new ArrayList<>(QuadrantData.heldOutGrid());
        pts.add(new double[]{2, 2});
        return pts;
    }
}
