package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.QuadrantData;
import nnparity.dl4j.Pitfall;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * Each pitfall, built into the DL4J side, on the tutorial's quadrant task (4 points, batch 4,
 * seed 42, 2 steps): the harness localises its first difference to the step, phase, layer,
 * parameter and element where it must first show, and the numbers there are the pitfall's.
 */
class PitfallLockstepTest {
    /** Two numbers computed along the same path in double, at most a few roundings apart. */
    static final double ROUNDING = 1e-15;

    private static final NetSpec QUADRANT = NetSpec.quadrant();
    private static final TrainSpec TWO_STEPS = new TrainSpec(2, 4, 42);

    private static LockstepResult run(NetSpec spec, Pitfall p) {
        return new Lockstep(spec, TWO_STEPS, QuadrantData.tutorial(), Tolerances.DEFAULT, new PitfallSide(spec, p)).run();
    }

    static Stream<Arguments> localisations() {
        NetSpec adamL2 = QUADRANT.withRegularization(Regularization.NONE.withL2(0.01)).withUpdater(UpdaterSpec.defaults(Updater.ADAM));
        return Stream.of(
                // the copied weights cannot be held in float: they differ before any step, at the first weight
                Arguments.of(Pitfall.FLOAT, QUADRANT, 0L, Phase.INITIAL_PARAMETERS, 1, "W", 0, 0),
                // same weights, another activation: the first forward pass
                Arguments.of(Pitfall.SIGMOID_DEFAULT, QUADRANT, 1L, Phase.FORWARD, 0, null, -1, -1),
                // never copied: the first weight already differs
                Arguments.of(Pitfall.XAVIER_DEFAULT, QUADRANT, 0L, Phase.INITIAL_PARAMETERS, 1, "W", 0, 0),
                // loss and gradient agree; the first update differs
                Arguments.of(Pitfall.SGD_DEFAULT, QUADRANT, 1L, Phase.UPDATE, 1, "W", 0, 0),
                // loss agrees; the gradient as read is N times too large
                Arguments.of(Pitfall.GRADIENT_AS_MEAN, QUADRANT, 1L, Phase.BACKWARD, 1, "W", 0, 0),
                // W1[0,0] lands where it belongs, W1[0,1] is the first that does not
                Arguments.of(Pitfall.ROW_MAJOR, QUADRANT, 0L, Phase.INITIAL_PARAMETERS, 1, "W", 0, 1),
                // the score is the sum: the first forward pass
                Arguments.of(Pitfall.MINIBATCH_FALSE, QUADRANT, 1L, Phase.FORWARD, 0, null, -1, -1),
                // the same masks, scaled by 1/0.2 instead of 1/0.8: the first forward pass
                Arguments.of(Pitfall.DROPOUT_KEEP_PROB, QUADRANT.withKeepProb(0.8), 1L, Phase.FORWARD, 0, null, -1, -1),
                // the penalty's score is the same, Adam rescales only the l2 term: the first update
                Arguments.of(Pitfall.L2_WEIGHT_DECAY, adamL2, 1L, Phase.UPDATE, 1, "W", 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("localisations")
    void theHarnessLocalisesEachPitfallWhereItFirstShows(Pitfall p, NetSpec spec, long step, Phase phase, int layer, String param, int row, int col) {
        LockstepResult r = run(spec, p);
        Divergence d = r.firstDivergence();
        assertNotNull(d, p.id() + " did not show");
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(step, d.step(), d.toString());
        assertEquals(phase, d.phase(), d.toString());
        assertEquals(layer, d.layer(), d.toString());
        assertEquals(param, d.param(), d.toString());
        assertEquals(row, d.row(), d.toString());
        assertEquals(col, d.col(), d.toString());
    }

    @Test
    void floatHoldsTheFirstWeightRoundedToFloat() {
        Divergence d = run(QUADRANT, Pitfall.FLOAT).firstDivergence();
        assertEquals((double) (float) d.scratch(), d.dl4j(), 0);
    }

    @Test
    void rowMajorPutsW1Of0And2WhereW1Of0And1Belongs() {
        LockstepResult r = run(QUADRANT, Pitfall.ROW_MAJOR);
        // W1 is [2, 50]: DL4J's (0, 1) sits at flat 0 + 1·2 = 2, which the raw copy filled with W1[0][2]
        assertEquals(r.initial().layers().get(0).w()[2], r.firstDivergence().dl4j(), 0);
        assertEquals(r.initial().layers().get(0).w()[1], r.firstDivergence().scratch(), 0);
    }

    @Test
    void miniBatchFalseScoresTheSumOfTheFourPoints() {
        Divergence d = run(QUADRANT, Pitfall.MINIBATCH_FALSE).firstDivergence();
        assertEquals(4 * d.scratch(), d.dl4j(), 4 * d.scratch() * ROUNDING);
    }

    @Test
    void gradientAsMeanReadsFourTimesTheMeanGradient() {
        Divergence d = run(QUADRANT, Pitfall.GRADIENT_AS_MEAN).firstDivergence();
        assertEquals(4 * d.scratch(), d.dl4j(), Math.abs(d.dl4j()) * ROUNDING);
        assertEquals(0, run(QUADRANT, Pitfall.GRADIENT_AS_MEAN).maxAbsParamDiff(), "DL4J itself trains correctly");
    }

    @Test
    void sgdDefaultMovesTheFirstWeightAHundredTimesLess() {
        LockstepResult r = run(QUADRANT, Pitfall.SGD_DEFAULT);
        Divergence d = r.firstDivergence();
        double w0 = r.initial().layers().get(0).w()[0];
        assertEquals(w0 - d.scratch(), 100 * (w0 - d.dl4j()), Math.abs(w0 - d.scratch()) * 1e-12);
        assertTrue(w0 != d.scratch(), "the weight moved");
    }

    @Test
    void withoutThePitfallTheSameRunsAgree() {
        NetSpec adamL2 = QUADRANT.withRegularization(Regularization.NONE.withL2(0.01)).withUpdater(UpdaterSpec.defaults(Updater.ADAM));
        for (NetSpec s : new NetSpec[]{QUADRANT, QUADRANT.withKeepProb(0.8), adamL2}) {
            assertNull(new Lockstep(s, TWO_STEPS, QuadrantData.tutorial(), Tolerances.DEFAULT).run().firstDivergence(), s.toString());
        }
    }

    @Test
    void aPitfallSideNamesItsPitfallAndSaysSoWhenPrinted() {
        PitfallSide side = new PitfallSide(NetSpec.quadrant(), Pitfall.SGD_DEFAULT);
        assertEquals(Pitfall.SGD_DEFAULT, side.pitfall());
        assertEquals("MultiLayerNetwork(2 layers) with pitfall sgd-default", side.toString());
    }
}
