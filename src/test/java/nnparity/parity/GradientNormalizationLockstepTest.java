package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.Batch;
import nnparity.data.BatchOrder;
import nnparity.data.QuadrantData;
import nnparity.scratch.GradientNormalization;
import nnparity.scratch.Matrix;
import nnparity.scratch.Parameter;
import nnparity.spec.GradNorm;
import nnparity.spec.GradNorm.Mode;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * Every gradient-normalization mode trained both ways in lockstep, with a threshold that bites:
 * each run first counts, on the hand-written side alone, at how many of its steps the
 * normalization changed the mean gradient, and requires most of them. On this 2→16→12→4 relu
 * net the mean gradient's layer norms run from about 0.35 at the start to 0.1 after 160 steps,
 * parameter norms from 0.3 to 0.03, and the largest elements from 0.13 to 0.03 (measured); the
 * thresholds below sit inside those ranges. One run adds l2 with Adam, where normalizing before or
 * after the l2 term (DL4J: before) gives different updates.
 */
class GradientNormalizationLockstepTest {
    /** The harness's own tolerance: each run must end AGREE under {@link Tolerances#DEFAULT}. */
    private static final Tolerances HARNESS = Tolerances.DEFAULT;
    private static final QuadrantData POINTS = QuadrantData.random(64, 42);
    /** 64 points in batches of 16: 50 epochs are 200 steps. */
    private static final TrainSpec TWO_HUNDRED_STEPS = new TrainSpec(50, 16, 42);
    private static final TrainSpec TWELVE_STEPS = new TrainSpec(3, 16, 42);
    private static final NetSpec BASE = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER);
    /** A normalization "bites" at a step if it changes some gradient element by more than this. */
    private static final double BITES = 1e-9;
    /** Each run needs its normalization to bite at more than this share of its steps. */
    private static final double MOST_STEPS = 0.5;

    /**
     * Each mode with its learning rate. Renormalizing makes every layer's step lr long however
     * small its gradient. At lr 0.1 this net reaches the loss floor (1e-10, DL4J's clip) by step
     * 60 and its gradients fall to 1e-30–1e-40, mostly rounding, along which each step still
     * moves every layer by 0.1: the parameters' |Δ| grows from 2e-15 at step 40 to over 1e-12 at
     * step 95 (per parameter type at step 37), a true DISAGREE, the rounding amplified
     * (docs/chapter6.md; measured with both scaled tolerances). lr 0.02 keeps the gradients far
     * from that floor for the 200 steps.
     */
    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(new GradNorm(Mode.RENORMALIZE_L2_PER_LAYER, 0), 0.02),
                Arguments.of(new GradNorm(Mode.RENORMALIZE_L2_PER_PARAM_TYPE, 0), 0.02),
                Arguments.of(new GradNorm(Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.03), 0.1),
                Arguments.of(new GradNorm(Mode.CLIP_L2_PER_LAYER, 0.15), 0.1),
                Arguments.of(new GradNorm(Mode.CLIP_L2_PER_PARAM_TYPE, 0.1), 0.1));
    }

    @Tag(LockstepTest.SLOW)
    @ParameterizedTest(name = "{0}, lr {1}")
    @MethodSource("modes")
    void eachModeAgreesAtEveryStepForTwoHundredSteps(GradNorm g, double lr) {
        assertBitesAndAgrees(BASE.withLearningRate(lr).withGradNorm(g), TWO_HUNDRED_STEPS, 200);
    }

    /**
     * Adam with l2, clipping by layer and by parameter. (Not renormalizing here: it divides a
     * parameter's gradient by its own norm however small, so a bias gradient that training has
     * shrunk to ~1e-6, whose last digits differ by the two sides' summation order, comes out of it
     * with a relative error of ~1e-12; with Adam per parameter type that reached 7.6e-13 of the
     * 1e-12 tolerance in Adam's state, measured. Plain SGD renormalizes above at 7e-16.)
     */
    static Stream<Arguments> withAdamAndL2() {
        UpdaterSpec adam = UpdaterSpec.defaults(Updater.ADAM).with(nnparity.spec.UpdaterSetting.LEARNING_RATE, 0.01);
        return Stream.of(new GradNorm(Mode.CLIP_L2_PER_LAYER, 0.05), new GradNorm(Mode.CLIP_L2_PER_PARAM_TYPE, 0.03))
                .map(g -> Arguments.of(g, BASE.withUpdater(adam).withGradNorm(g).withRegularization(Regularization.NONE.withL2(1e-2))));
    }

    @Tag(LockstepTest.SLOW)
    @ParameterizedTest(name = "{0} with Adam and l2")
    @MethodSource("withAdamAndL2")
    void normalizationBeforeL2AndTheUpdaterAgreesForTwoHundredSteps(GradNorm g, NetSpec spec) {
        assertBitesAndAgrees(spec, TWO_HUNDRED_STEPS, 200);
    }

    @ParameterizedTest(name = "{0}, lr {1}")
    @MethodSource("modes")
    void eachModeAgreesOverTwelveSteps(GradNorm g, double lr) {
        assertBitesAndAgrees(BASE.withLearningRate(lr).withGradNorm(g), TWELVE_STEPS, 12);
    }

    /**
     * miniBatch off: DL4J skips the division by the batch size, so it normalizes the summed
     * gradient (16 times the mean here), and so does the hand-written side.
     */
    @ParameterizedTest(name = "{0}, miniBatch off")
    @MethodSource("clipsWithMiniBatchOff")
    void withMiniBatchOffTheSummedGradientIsNormalized(GradNorm g) {
        assertBitesAndAgrees(BASE.withMiniBatch(false).withLearningRate(0.01).withGradNorm(g), TWELVE_STEPS, 12);
    }

    static Stream<Arguments> clipsWithMiniBatchOff() {
        return Stream.of(Arguments.of(new GradNorm(Mode.CLIP_L2_PER_LAYER, 1.0)), Arguments.of(new GradNorm(Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.5)));
    }

    /**
     * The harness catches a side that skips the normalization: the hand-written side normalizes,
     * DL4J's twin is built without it. The gradients agree (both are the raw mean gradient); the
     * parameters differ from the first update on.
     */
    @ParameterizedTest(name = "{0}, lr {1}")
    @MethodSource("modes")
    void aSideWithoutTheNormalizationIsCaughtAtTheFirstUpdate(GradNorm g, double lr) {
        NetSpec plain = BASE.withLearningRate(lr);
        LockstepResult r = new Lockstep(plain.withGradNorm(g), TWELVE_STEPS, POINTS, HARNESS, new Dl4jSide(plain)).run();
        Divergence d = r.firstDivergence();
        assertNotNull(d, g + " should change the update");
        assertAll(
                () -> assertEquals(1, d.step(), () -> "first divergence " + d),
                () -> assertEquals(Phase.UPDATE, d.phase(), () -> "first divergence " + d),
                () -> assertEquals(Outcome.DISAGREE, r.outcome()));
    }

    private static void assertBitesAndAgrees(NetSpec spec, TrainSpec train, int steps) {
        int bites = stepsWhereItBites(spec, train);
        assertTrue(bites > MOST_STEPS * steps, spec.gradNorm() + " changed the gradient at only " + bites + " of " + steps + " steps");
        LockstepResult r = new Lockstep(spec, train, POINTS, HARNESS).run();
        assertAll(
                () -> assertEquals(steps, r.steps().size(), "steps"),
                () -> assertNull(r.diverged(), "diverged"),
                () -> assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence()),
                () -> assertEquals(Outcome.AGREE, r.outcome()));
    }

    /**
     * Trains the hand-written side alone along the lockstep's path (same batches, same order) and
     * counts the steps where normalizing a copy of the mean gradient changed it.
     */
    private static int stepsWhereItBites(NetSpec spec, TrainSpec train) {
        ScratchSide s = new ScratchSide(spec, ParamSet.initial(spec));
        BatchOrder order = new BatchOrder(POINTS.size(), train.batchSize(), train.shuffleSeed());
        int bites = 0;
        for (int epoch = 1; epoch <= train.epochs(); epoch++) {
            for (int[] indices : order.epoch(epoch - 1)) {
                Batch b = Batch.of(POINTS, indices);
                s.lossAndGradient(b);
                List<Parameter> raw = s.network().parameters();
                List<List<Parameter>> copy = new ArrayList<>();
                for (int i = 0; i < raw.size(); i += 2) copy.add(List.of(copyOf(raw.get(i)), copyOf(raw.get(i + 1))));
                GradientNormalization.applyToEachLayer(spec.gradNorm(), copy);
                if (changed(raw, copy)) bites++;
                s.update(b);
            }
            s.endEpoch();
        }
        return bites;
    }

    private static Parameter copyOf(Parameter p) {
        return new Parameter(p.name(), p.value(), new Matrix(p.grad().rows, p.grad().cols, p.grad().data.clone()));
    }

    private static boolean changed(List<Parameter> raw, List<List<Parameter>> normalized) {
        for (int i = 0; i < raw.size(); i++) {
            double[] a = raw.get(i).grad().data, b = normalized.get(i / 2).get(i % 2).grad().data;
            for (int j = 0; j < a.length; j++) if (Math.abs(a[j] - b[j]) > BITES) return true;
        }
        return false;
    }
}
