package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * DL4J's numbers read in one bulk copy ({@link FlatCopy}) are the ones {@code ParamBridge} reads
 * through ND4J's views, and the in-place comparison gives what {@link ParamDiff} gives.
 */
class FlatCopyTest {
    private static final double TOL = 1e-12;
    /** 2 → 6 → 5 → 4: W1 [2x6] is narrower than a tile, W2 [6x5] not a multiple of it. */
    private static final NetSpec DEEP = NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(6, 5), 4);

    private static Dl4jSide trained(NetSpec spec, int steps) {
        Dl4jSide d = new Dl4jSide(spec);
        d.setParams(ParamSet.initial(spec));
        Batch b = Batch.all(QuadrantData.tutorial());
        for (int i = 0; i < steps; i++) d.update(b);
        return d;
    }

    @Test
    void parametersCopiedOutAreParamBridgesBitForBit() {
        Dl4jSide d = trained(DEEP, 3);
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        assertEquals(d.params(), c.canonical(ParamSet.zeros(DEEP)));
    }

    @Test
    void theGradientReadInsideFitIsTheOneComputeGradientAndScoreGives() {
        Dl4jSide inFit = trained(DEEP, 2), separate = trained(DEEP, 2);
        Batch b = Batch.all(QuadrantData.tutorial());
        double loss = separate.lossAndGradient(b);
        ParamSet expected = separate.meanGradient();
        FlatCopy c = new FlatCopy();
        double[] seen = new double[1];
        assertTrue(inFit.trainStep(b, l -> {
            seen[0] = l;
            inFit.meanGradientInto(c);
            return true;
        }));
        assertEquals(loss, seen[0], 0.0);
        assertEquals(expected, c.canonical(ParamSet.zeros(DEEP)));
        separate.update(b);
        assertEquals(separate.params(), inFit.params(), "trainStep's update is fit's");
    }

    @Test
    void aStepStoppedAtItsGradientChangesNothing() {
        NetSpec adam = NetSpec.quadrant().withUpdater(nnparity.spec.UpdaterSpec.defaults(nnparity.spec.Updater.ADAM));
        Dl4jSide d = trained(adam, 2);
        ParamSet before = d.params();
        var state = d.updaterState();
        int iteration = d.iterationCount();
        assertFalse(d.trainStep(Batch.all(QuadrantData.tutorial()), l -> false));
        assertEquals(before, d.params());
        assertEquals(state, d.updaterState());
        assertEquals(iteration, d.iterationCount());
    }

    @Test
    void theInPlaceComparisonGivesParamDiffsMaximumAndFirstElement() {
        Dl4jSide d = trained(DEEP, 1);
        ParamSet mine = d.params();
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        assertEquals(new ParamDiff(0, null), c.diff(mine, TOL, 1, Phase.UPDATE, true), "identical: 0");

        ParamSet theirs = mine.copy();
        theirs.layer(2).w()[4 * 5 + 3] += 3e-13;   // W2[4,3], the last tile's, within the tolerance
        c.scatterFrom(theirs);
        assertEquals(ParamDiff.of(mine, theirs, TOL, 1, Phase.UPDATE), c.diff(mine, TOL, 1, Phase.UPDATE, true));

        theirs.layer(1).w()[1 * 6 + 5] += 1e-9;    // W1[1,5]: beyond it
        theirs.layer(2).b()[2] += 2e-9;           // b2[2]: further beyond, later in canonical order
        c.scatterFrom(theirs);
        ParamDiff expected = ParamDiff.of(mine, theirs, TOL, 7, Phase.UPDATE);
        ParamDiff got = c.diff(mine, TOL, 7, Phase.UPDATE, true);
        assertEquals(expected, got);
        assertEquals("W", got.firstOver().param());
        assertNull(c.diff(mine, TOL, 7, Phase.UPDATE, false).firstOver(), "the first element only when asked");
    }

    @Test
    void largeValuesWithinTheScaledToleranceAndNotANumberAreJudgedAsParamDiffJudgesThem() {
        Dl4jSide d = trained(DEEP, 0);
        ParamSet mine = d.params();
        mine.layer(1).w()[0] = 1e4;
        mine.layer(1).w()[1] = Double.POSITIVE_INFINITY;
        ParamSet theirs = mine.copy();
        theirs.layer(1).w()[0] = Math.nextUp(1e4);   // |Δ| 1.8e-12 > tol, but 1.8e-16 scaled: within
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        c.scatterFrom(theirs);
        ParamDiff got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
        assertEquals(ParamDiff.of(mine, theirs, TOL, 1, Phase.UPDATE), got);
        assertEquals(Math.ulp(1e4), got.maxAbs(), 0.0, "equal infinities differ by 0");
        assertNull(got.firstOver());

        theirs.layer(2).b()[1] = Double.NaN;
        c.scatterFrom(theirs);
        got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
        assertTrue(Double.isNaN(got.maxAbs()));
        assertEquals(ParamDiff.of(mine, theirs, TOL, 1, Phase.UPDATE), got);
    }

    @Test
    void bothSidesSideBySideGiveWhatTheyGiveTakingTurns() {
        for (NetSpec spec : List.of(DEEP, NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withKeepProb(0.5))) {
            LockstepResult turns = new Lockstep(spec, new TrainSpec(20, 4, 42), QuadrantData.random(40, 3), Tolerances.DEFAULT).run();
            Lockstep lockstep = new Lockstep(spec, new TrainSpec(20, 4, 42), QuadrantData.random(40, 3), Tolerances.DEFAULT).sides(Sides.SIDE_BY_SIDE);
            LockstepResult both = lockstep.run();
            assertEquals(turns.steps(), both.steps(), spec::toString);
            assertEquals(turns.maxAbsGradDiff(), both.maxAbsGradDiff(), 0.0);
            assertEquals(turns.maxAbsParamDiff(), both.maxAbsParamDiff(), 0.0);
            assertEquals(turns.firstDivergence(), both.firstDivergence());
            assertTrue(lockstep.secondsTrainingWall() >= lockstep.secondsDl4jSoFar(), "the wall time holds DL4J's");
        }
    }

    @Test
    void aNotANumberLossStopsBothWaysAtTheSameStep() {
        for (Sides sides : Sides.values()) {
            Lockstep l = new Lockstep(NetSpec.quadrant(), new TrainSpec(10, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT)
                    .sides(sides).tamper(Lockstep.Tamper.lossAt(3, loss -> Double.NaN));
            LockstepResult r = l.run();
            assertEquals(3, r.steps().size(), sides::toString);
            assertEquals(2, l.dl4j().iterationCount(), "DL4J did not update at step 3");
            assertEquals(l.dl4j().params(), l.scratch().params(), "nor did the hand-written side");
        }
    }
}
