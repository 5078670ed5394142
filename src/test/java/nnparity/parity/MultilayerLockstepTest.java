package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.LabelledData;
import nnparity.data.MnistLocator;
import nnparity.data.MnistSplits;
import nnparity.data.QuadrantData;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;
import nnparity.spec.TrainSpec;

/**
 * Every feature of a DL4J multilayer perceptron, trained both ways for at least 200 steps with
 * loss, every gradient and every parameter compared at every step, at the harness's tolerance:
 * depth, each activation, each loss, each penalty, miniBatch off, each initialisation. About a
 * minute in all: in {@code mvn test}, left out of mutation testing (tag {@code slow}), where the
 * scratch package's own literal tests and the short harness tests reach the same code.
 */
@Tag(LockstepTest.SLOW)
class MultilayerLockstepTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    /** The harness's own tolerance: the run must end AGREE under {@link Tolerances#DEFAULT}. */
    private static final Tolerances HARNESS = Tolerances.DEFAULT;
    /** 64 random points, batches of 16: 4 steps an epoch, so 50 epochs are 200 steps. */
    private static final QuadrantData POINTS = QuadrantData.random(64, 42);
    private static final TrainSpec TWO_HUNDRED_STEPS = new TrainSpec(50, 16, 42);
    private static final NetSpec BASE = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER);

    static Stream<Arguments> quadrantRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (Activation a : Activation.values()) {
            if (a.elementWise() && a.trainableByBackprop())   // cube's z³ blows up at lr 0.1 (NaN on both sides at step 135)
                runs.add(Arguments.of("activation " + a.id() + ", 2→16→12→4", BASE.withActivation(a).withLearningRate(a == Activation.CUBE ? 0.01 : 0.1)));
        }
        runs.add(Arguments.of("no hidden layer (softmax regression)", BASE.withSizes(2, List.of(), 4)));
        runs.add(Arguments.of("4 hidden layers, mixed activations", BASE.withSizes(2, List.of(12, 10, 8, 6), 4)
                .withHidden(List.of(new LayerSpec(12, Activation.RELU), new LayerSpec(10, Activation.TANH),
                        new LayerSpec(8, Activation.LEAKYRELU), new LayerSpec(6, Activation.SIGMOID)))));
        runs.add(Arguments.of("loss nll", BASE.withLoss(Loss.NEGATIVELOGLIKELIHOOD)));
        runs.add(Arguments.of("loss mse, identity output", BASE.withLoss(Loss.MSE)));
        runs.add(Arguments.of("loss mse, tanh output", BASE.withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.TANH))));
        runs.add(Arguments.of("loss l1, identity output", BASE.withLoss(Loss.L1)));
        runs.add(Arguments.of("loss xent, sigmoid output (multi-label)", BASE.withLoss(Loss.XENT)));
        runs.add(Arguments.of("l1 1e-3", BASE.withRegularization(Regularization.NONE.withL1(1e-3))));
        runs.add(Arguments.of("l2 1e-2", BASE.withRegularization(Regularization.NONE.withL2(1e-2))));
        runs.add(Arguments.of("l1Bias 1e-3 and l2Bias 1e-2", BASE.withRegularization(Regularization.NONE.withL1Bias(1e-3).withL2Bias(1e-2))));
        runs.add(Arguments.of("weight decay 1e-2", BASE.withRegularization(Regularization.NONE.withWeightDecay(1e-2))));
        runs.add(Arguments.of("weight decay 1e-3 not ×lr, on the bias too",
                BASE.withRegularization(Regularization.NONE.withWeightDecay(1e-3).withWeightDecayBias(1e-3).withWeightDecayTimesLr(false))));
        runs.add(Arguments.of("l2 on the first layer only", BASE.withHidden(List.of(
                new LayerSpec(16, Activation.RELU, Regularization.NONE.withL2(5e-2)), new LayerSpec(12, Activation.RELU)))));
        runs.add(Arguments.of("miniBatch off (gradient and score are sums)", BASE.withMiniBatch(false).withLearningRate(0.01)));
        runs.add(Arguments.of("miniBatch off with l2 and mse", BASE.withMiniBatch(false).withLearningRate(0.01).withLoss(Loss.MSE)
                .withRegularization(Regularization.NONE.withL2(1e-2))));
        for (Init i : Init.values())
            runs.add(Arguments.of("init " + i.id(), BASE.withInit(i)));
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quadrantRuns")
    void everyFeatureAgreesAtEveryStepForTwoHundredSteps(String name, NetSpec spec) {
        assertAgreesForEveryStep(spec, POINTS, TWO_HUNDRED_STEPS, 200);
    }

    static Stream<Arguments> digitsRuns() {
        NetSpec digits = NetSpec.digits().withInit(Init.XAVIER);
        return Stream.of(
                Arguments.of("784→64→32→10 relu (3 layers)", digits.withSizes(784, List.of(64, 32), 10)),
                Arguments.of("784→64→32→16→10 relu,tanh,elu (4 layers), nll, l2 1e-4", digits.withSizes(784, List.of(64, 32, 16), 10)
                        .withHidden(List.of(new LayerSpec(64, Activation.RELU), new LayerSpec(32, Activation.TANH), new LayerSpec(16, Activation.ELU)))
                        .withLoss(Loss.NEGATIVELOGLIKELIHOOD).withRegularization(Regularization.NONE.withL2(1e-4))));
    }

    /** 2000 Fashion-MNIST images in batches of 50: 40 steps an epoch, 5 epochs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("digitsRuns")
    void deepDigitsNetsAgreeAtEveryStepForTwoHundredSteps(String name, NetSpec spec) {
        var files = MnistLocator.findFiles(FASHION);
        Assumptions.assumeTrue(files.isPresent(), "apt-get install dataset-fashion-mnist to run this test");
        MnistSplits all = MnistSplits.load(MnistLocator.forThisMachine().locate(FASHION)).limit(2000, 1);
        assertAgreesForEveryStep(spec, all.train(), new TrainSpec(5, 50, 42), 200);
    }

    private static void assertAgreesForEveryStep(NetSpec spec, LabelledData data, TrainSpec train, int steps) {
        LockstepResult r = new Lockstep(spec, train, data, HARNESS).run();
        assertAll(
                () -> assertEquals(steps, r.steps().size(), "steps"),
                () -> assertNull(r.diverged(), "diverged"),
                () -> assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence()),
                () -> assertEquals(Outcome.AGREE, r.outcome()),
                () -> assertTrue(r.maxScaledLossDiff() <= HARNESS.lossScaled(), "max scaled |Δloss| " + r.maxScaledLossDiff()));
    }
}
