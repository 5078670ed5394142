package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.QuadrantData;
import nnparity.spec.Init;
import nnparity.spec.LrSchedule;
import nnparity.spec.LrSchedule.Unit;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * Every learning-rate schedule, by iteration and by epoch, trained both ways in lockstep: the
 * hand-written side asks {@link LrSchedule#valueAt} with its own counters, DL4J asks its own
 * {@code ISchedule} with its own ({@code fit(x, y)} for each batch, {@code incrementEpochCount()}
 * after each pass, as {@code fit(iterator, epochs)} does). Each schedule is set to change within
 * the run: step boundaries, map keys, POLY's maxIter (after which the rate is 0) and SIGMOID's
 * centre all fall inside the 200 steps (50 epochs of 4 batches). A counter off by one on either
 * side shows at the first boundary; {@link #aScheduleOffByOneIsCaughtAtItsBoundary} shows the
 * harness names that step.
 */
class ScheduleLockstepTest {
    /** The harness's own tolerance: each run must end AGREE under {@link Tolerances#DEFAULT}. */
    private static final Tolerances HARNESS = Tolerances.DEFAULT;
    /** 64 random points, batches of 16: 4 steps an epoch, so 50 epochs are 200 steps. */
    private static final QuadrantData POINTS = QuadrantData.random(64, 42);
    private static final int STEPS_PER_EPOCH = 4;
    private static final TrainSpec TWO_HUNDRED_STEPS = new TrainSpec(50, 16, 42);
    /** 3 epochs, 12 steps: enough to cross the short schedules' boundaries. */
    private static final TrainSpec TWELVE_STEPS = new TrainSpec(3, 16, 42);
    private static final NetSpec BASE = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER);

    private static TreeMap<Integer, Double> map(int k1, double v1, int k2, double v2) {
        TreeMap<Integer, Double> m = new TreeMap<>();
        m.put(0, 0.2);
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** Each kind over 200 iterations, then over 50 epochs; each changes the rate several times within the run. */
    static Stream<Arguments> longRuns() {
        return Stream.of(
                LrSchedule.step(Unit.ITERATION, 0.2, 0.5, 50),
                LrSchedule.step(Unit.EPOCH, 0.2, 0.5, 10),
                LrSchedule.exponential(Unit.ITERATION, 0.2, 0.99),
                LrSchedule.exponential(Unit.EPOCH, 0.2, 0.95),
                LrSchedule.inverse(Unit.ITERATION, 0.2, 0.05, 0.75),
                LrSchedule.inverse(Unit.EPOCH, 0.2, 0.2, 1),
                LrSchedule.poly(Unit.ITERATION, 0.2, -1, 150),        // 0.2 → 0.1 at 149, 0 for the last 50 steps
                LrSchedule.poly(Unit.EPOCH, 0.05, 2, 40),             // grows 0.05 → 0.19, then 0 from epoch 40
                LrSchedule.sigmoid(Unit.ITERATION, 0.2, -0.05, 100),  // falls through 0.1 at iteration 100
                LrSchedule.sigmoid(Unit.EPOCH, 0.2, -0.3, 25),
                LrSchedule.map(Unit.ITERATION, map(50, 0.1, 120, 0.02)),
                LrSchedule.map(Unit.EPOCH, map(5, 0.05, 30, 0.01))
        ).map(s -> Arguments.of(s, UpdaterSpec.sgd(0.2).withSchedule(s)));
    }

    @Tag(LockstepTest.SLOW)
    @ParameterizedTest(name = "{0}")
    @MethodSource("longRuns")
    void eachScheduleAgreesAtEveryStepForTwoHundredSteps(LrSchedule s, UpdaterSpec u) {
        assertAgrees(BASE.withUpdater(u), TWO_HUNDRED_STEPS, 200);
    }

    /** A schedule on a stateful updater: DL4J's Adam reads the same {@code ISchedule} (and its state is compared too). */
    @Tag(LockstepTest.SLOW)
    @Test
    void adamWithAStepScheduleByEpochAgreesForTwoHundredSteps() {
        UpdaterSpec adam = UpdaterSpec.defaults(Updater.ADAM).withSchedule(LrSchedule.step(Unit.EPOCH, 0.01, 0.5, 10));
        assertAgrees(BASE.withUpdater(adam), TWO_HUNDRED_STEPS, 200);
    }

    /** Each kind over 12 steps (3 epochs), with its boundaries inside them: the default suite's check. */
    static Stream<Arguments> shortRuns() {
        return Stream.of(
                LrSchedule.step(Unit.ITERATION, 0.2, 0.5, 5),
                LrSchedule.step(Unit.EPOCH, 0.2, 0.5, 1),
                LrSchedule.exponential(Unit.EPOCH, 0.2, 0.5),
                LrSchedule.inverse(Unit.ITERATION, 0.2, 0.5, 1),
                LrSchedule.poly(Unit.ITERATION, 0.2, -1, 8),
                LrSchedule.sigmoid(Unit.EPOCH, 0.2, -2, 1),
                LrSchedule.map(Unit.ITERATION, map(4, 0.1, 9, 0.02))
        ).map(s -> Arguments.of(s, UpdaterSpec.sgd(0.2).withSchedule(s)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortRuns")
    void eachScheduleAgreesOverItsFirstBoundaries(LrSchedule s, UpdaterSpec u) {
        assertAgrees(BASE.withUpdater(u), TWELVE_STEPS, 12);
    }

    /**
     * The hand-written side steps at a boundary one later than DL4J (step 6 vs 5 iterations, or
     * 2 vs 1 epochs): the first difference is at the 1-based step whose 0-based iteration (or
     * epoch) is DL4J's boundary, in the update: iteration 5 is step 6; epoch 1 starts at step 5.
     */
    static Stream<Arguments> offByOne() {
        return Stream.of(
                Arguments.of(LrSchedule.step(Unit.ITERATION, 0.2, 0.5, 6), LrSchedule.step(Unit.ITERATION, 0.2, 0.5, 5), 5 + 1),
                Arguments.of(LrSchedule.step(Unit.EPOCH, 0.2, 0.5, 2), LrSchedule.step(Unit.EPOCH, 0.2, 0.5, 1), STEPS_PER_EPOCH + 1));
    }

    @ParameterizedTest(name = "hand-written {0}, DL4J {1}")
    @MethodSource("offByOne")
    void aScheduleOffByOneIsCaughtAtItsBoundary(LrSchedule ours, LrSchedule theirs, int expectedStep) {
        NetSpec scratch = BASE.withUpdater(UpdaterSpec.sgd(0.2).withSchedule(ours));
        Dl4jSide dl4j = new Dl4jSide(BASE.withUpdater(UpdaterSpec.sgd(0.2).withSchedule(theirs)));
        LockstepResult r = new Lockstep(scratch, TWELVE_STEPS, POINTS, HARNESS, dl4j).run();
        Divergence d = r.firstDivergence();
        assertNotNull(d, "the two schedules differ from step " + expectedStep);
        assertAll(
                () -> assertEquals(expectedStep, d.step(), () -> "first divergence " + d),
                () -> assertEquals(Phase.UPDATE, d.phase(), () -> "first divergence " + d),
                () -> assertNotEquals(Outcome.AGREE, r.outcome()));
    }

    private static void assertAgrees(NetSpec spec, TrainSpec train, int steps) {
        LockstepResult r = new Lockstep(spec, train, POINTS, HARNESS).run();
        assertAll(
                () -> assertEquals(steps, r.steps().size(), "steps"),
                () -> assertNull(r.diverged(), "diverged"),
                () -> assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence()),
                () -> assertEquals(Outcome.AGREE, r.outcome()));
    }
}
