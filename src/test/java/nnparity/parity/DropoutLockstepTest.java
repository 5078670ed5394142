package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.LabelledData;
import nnparity.data.MnistLocator;
import nnparity.data.MnistSplits;
import nnparity.data.QuadrantData;
import nnparity.scratch.Fault;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;

/**
 * Dropout in lockstep: the harness draws each (layer, step) mask from the seed and gives it to
 * both sides, the hand-written {@code Dropout} and DL4J's own dropout path through
 * {@code SharedMaskDropout}; loss, every gradient and every parameter must then agree at every
 * step at the harness's tolerance. The same run with a wrong scaling, or with masks the two sides
 * do not share, must disagree from the first step.
 */
class DropoutLockstepTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    /** The harness's own tolerance: a run must end AGREE under it. */
    private static final Tolerances HARNESS = Tolerances.DEFAULT;
    /** 64 random points, batches of 16: 4 steps an epoch. */
    private static final QuadrantData POINTS = QuadrantData.random(64, 42);
    private static final NetSpec BASE = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER);

    @Test
    void twentyStepsWithSharedMasksAgreeAtEveryStep() {
        assertAgrees(BASE.withKeepProb(0.5), POINTS, new TrainSpec(5, 16, 42), 20);
    }

    @Test
    void dropoutScaledByPInsteadOfOneOverPIsCaughtAtTheFirstStepsForwardPass() {
        LockstepResult r = new Lockstep(BASE.withKeepProb(0.5), new TrainSpec(1, 16, 42), POINTS, HARNESS)
                .scratchWith(Fault.DROPOUT_SCALED_BY_P, DropoutMasks.of(BASE.withKeepProb(0.5))).run();
        Divergence d = r.firstDivergence();
        assertNotNull(d, "the fault must be caught");
        assertEquals(1, d.step());
        assertEquals(Phase.FORWARD, d.phase(), d.toString());
    }

    @Test
    void masksTheTwoSidesDoNotShareAreCaughtAtTheFirstStep() {
        NetSpec spec = BASE.withKeepProb(0.5);
        LockstepResult r = new Lockstep(spec, new TrainSpec(1, 16, 42), POINTS, HARNESS)
                .scratchWith(Fault.NONE, DropoutMasks.of(spec.withSeed(spec.seed() + 1))).run();
        assertNotNull(r.firstDivergence(), "other masks on one side must be seen");
        assertEquals(1, r.firstDivergence().step());
    }

    @Test
    void aKeepProbabilityOfOneIsNoDropoutAndTheSameRunAsWithout() {
        LockstepResult with = new Lockstep(BASE.withKeepProb(1.0), new TrainSpec(2, 16, 42), POINTS, HARNESS).run();
        LockstepResult without = new Lockstep(BASE, new TrainSpec(2, 16, 42), POINTS, HARNESS).run();
        for (int i = 0; i < with.steps().size(); i++)
            assertEquals(without.steps().get(i).lossScratch(), with.steps().get(i).lossScratch(), 0.0, "step " + (i + 1));
    }

    static Stream<Arguments> slowRuns() {
        return Stream.of(
                Arguments.of("keep 0.8 after the first layer, relu 2→16→12→4", BASE.withKeepProb(0.8)),
                Arguments.of("keep 0.5 after the first layer, tanh", BASE.withActivation(Activation.TANH).withKeepProb(0.5)),
                Arguments.of("keep 0.9 on the raw input too, 0.6 after", BASE.withKeepProb(0.6).withHidden(List.of(
                        new LayerSpec(16, Activation.RELU).withKeepProb(0.9), new LayerSpec(12, Activation.RELU).withKeepProb(0.6)))));
    }

    /** 50 epochs of 4 steps. */
    @Tag(LockstepTest.SLOW)
    @ParameterizedTest(name = "{0}")
    @MethodSource("slowRuns")
    void twoHundredStepsWithSharedMasksAgreeAtEveryStep(String name, NetSpec spec) {
        assertAgrees(spec, POINTS, new TrainSpec(50, 16, 42), 200);
    }

    /** 2000 Fashion-MNIST images in batches of 50: 40 steps an epoch, 5 epochs. */
    @Tag(LockstepTest.SLOW)
    @Test
    void aDigitsNetWithDropoutAgreesAtEveryStepForTwoHundredSteps() {
        var files = MnistLocator.findFiles(FASHION);
        Assumptions.assumeTrue(files.isPresent(), "apt-get install dataset-fashion-mnist to run this test");
        MnistSplits all = MnistSplits.load(MnistLocator.forThisMachine().locate(FASHION)).limit(2000, 1);
        NetSpec spec = NetSpec.digits().withInit(Init.XAVIER).withSizes(784, List.of(64, 32), 10).withKeepProb(0.8);
        assertAgrees(spec, all.train(), new TrainSpec(5, 50, 42), 200);
    }

    private static void assertAgrees(NetSpec spec, LabelledData data, TrainSpec train, int steps) {
        LockstepResult r = new Lockstep(spec, train, data, HARNESS).run();
        assertAll(
                () -> assertEquals(steps, r.steps().size(), "steps"),
                () -> assertNull(r.diverged(), "diverged"),
                () -> assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence()),
                () -> assertEquals(Outcome.AGREE, r.outcome()),
                () -> assertTrue(r.maxScaledLossDiff() <= HARNESS.lossScaled(), "max scaled |Δloss| " + r.maxScaledLossDiff()));
        System.out.printf("%s: max |Δloss| %.3g, max |Δgrad| %.3g, max |Δparam| %.3g%n",
                spec, r.maxAbsLossDiff(), r.maxAbsGradDiff(), r.maxAbsParamDiff());
    }
}
