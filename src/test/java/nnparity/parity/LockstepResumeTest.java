package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.scratch.Fault;
import nnparity.spec.Init;
import nnparity.spec.LrSchedule;
import nnparity.spec.LrSchedule.Unit;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * A DL4J network that has trained before (a saved model) is continued, not restarted: the
 * hand-written side starts at DL4J's iteration and epoch counts, with DL4J's updater state, and
 * draws the dropout masks of DL4J's iteration. Each run below would disagree at its first step if
 * any of the three started from zero: Adam's bias correction and its m and v depend on the count
 * and the state, an iteration schedule's rate on the count, the shared masks on the iteration.
 */
class LockstepResumeTest {
    /** The harness's own tolerance: a continued run must end AGREE under it. */
    private static final Tolerances HARNESS = Tolerances.DEFAULT;
    /** 64 random points, batches of 16: 4 steps an epoch. */
    private static final QuadrantData POINTS = QuadrantData.random(64, 42);
    private static final NetSpec BASE = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER).withKeepProb(0.5);

    /** A fresh DL4J twin of {@code spec} trained for 3 single-batch fits and one ended epoch. */
    private static Dl4jSide trainedBefore(NetSpec spec) {
        Dl4jSide side = new Dl4jSide(spec);
        for (int i = 0; i < 3; i++) side.update(Batch.of(POINTS, new int[]{4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3}));
        side.endEpoch();
        return side;
    }

    @Test
    void aDl4jSideCountsTheUpdatesAndEpochsItsNetworkHasDone() {
        Dl4jSide side = trainedBefore(BASE);
        assertEquals(3, side.iterationCount());
        assertEquals(1, side.epochCount());
    }

    @Test
    void anAdamNetWithDropoutThatTrainedBeforeContinuesInLockstep() {
        NetSpec spec = BASE.withUpdater(UpdaterSpec.defaults(Updater.ADAM));
        Dl4jSide side = trainedBefore(spec);
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(1, 16, 42), POINTS, HARNESS, side);
        assertEquals(3, lockstep.scratch().updater().iteration(), "the hand-written updater's count");
        LockstepResult r = lockstep.run();
        assertNull(r.firstDivergence());
        assertEquals(Outcome.AGREE, r.outcome());
        assertEquals(7, side.iterationCount(), "3 before, 4 in the run");
    }

    /** The test-only swap of the hand-written side keeps the counts: the same masks and rates give the same run. */
    @Test
    void aHandWrittenSideSwappedInBeforeTheRunKeepsTheContinuedCounts() {
        NetSpec spec = BASE.withUpdater(UpdaterSpec.sgd(0.2).withSchedule(LrSchedule.exponential(Unit.ITERATION, 0.2, 0.9)));
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(1, 16, 42), POINTS, HARNESS, trainedBefore(spec))
                .scratchWith(Fault.NONE, DropoutMasks.of(spec));
        LockstepResult r = lockstep.run();
        assertNull(r.firstDivergence());
        assertEquals(Outcome.AGREE, r.outcome());
    }

    /**
     * A net that never trained keeps the hand-written side's own initial state: it is compared,
     * not copied. DL4J's RMSProp state is set to 0.5 before step 1 (its own start is ε); the
     * first update from it differs from the hand-written one's, which starts at ε.
     */
    @Test
    void aFreshNetsUpdaterStateIsComparedNotCopiedFromDl4j() {
        NetSpec spec = BASE.withKeepProb(1.0).withUpdater(UpdaterSpec.defaults(Updater.RMSPROP));
        Dl4jSide side = new Dl4jSide(spec);
        side.network().getUpdater().getStateViewArray().assign(0.5);
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(1, 16, 42), POINTS, HARNESS, side);
        LockstepResult r = lockstep.run();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(1, r.firstDivergence().step());
    }
}
