package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

/**
 * The suite catches bugs: each {@link Fault} injected into the production hand-written net or its
 * SGD step must be flagged wherever it changes what the net reports or does, and must leave every
 * check passing where it provably changes nothing (then there is nothing to catch).
 *
 * <ul>
 *   <li>the backward-pass faults (dropped 1/N, transposed weight gradient, missing bias gradient,
 *       mask from output) by all three checks;</li>
 *   <li>the faults of the multilayer work by checks 1 and 3: the SGD step's l2 applied after the
 *       update (its direction), the penalty missing from the score (the scores), leakyrelu's α
 *       0.2 and MSE summed over columns (gradient and score, consistently with each other, but not
 *       with the spec's reference or with DL4J).</li>
 * </ul>
 */
@ExtendWith(OneNd4jThread.class)
class InjectedFaultTest {

    /** The faults of the tutorial's backward pass, and those of the multilayer work. */
    static final Fault[] BACKWARD = {Fault.DROPPED_1_OVER_N, Fault.TRANSPOSED_WEIGHT_GRADIENT, Fault.MISSING_BIAS_GRADIENT, Fault.MASK_FROM_OUTPUT};
    static final Fault[] MULTILAYER = {Fault.L2_AFTER_UPDATER, Fault.REG_TERM_MISSING_FROM_SCORE, Fault.LEAKYRELU_ALPHA_WRONG, Fault.MSE_NOT_COLUMN_AVERAGED};
    /** Tried with a fixed mask in {@link DropoutGradientCheckTest} (checks 2 and 3) and in {@code parity.DropoutLockstepTest}. */
    static final Fault[] DROPOUT = {Fault.DROPOUT_SCALED_BY_P};
    /**
     * The updater faults (Adam, RMSProp, Nesterovs): an update rule's bug changes neither score nor
     * gradient, and the checks evaluate the net with SGD (DL4J's GradientCheckUtil requires Sgd or
     * NoOp), so there is nothing here for them to see; the lockstep catches them
     * ({@code UpdaterLockstepTest}). Here: they leave every evaluation unchanged, bit for bit.
     */
    static final Fault[] UPDATER = {Fault.ADAM_NO_BIAS_CORRECTION, Fault.RMSPROP_EPS_INSIDE_SQRT, Fault.NESTEROV_AS_MOMENTUM};
    /** Tried by {@code BatchNormGradientCheckTest} (the checks of a net with batch norm) and {@code BatchNormLockstepTest}. */
    static final Fault[] BATCH_NORM = {Fault.BATCHNORM_NO_MEAN_TERM};

    /** Where a fault is tried: a spec, a batch size and a number of SGD steps before the check. */
    record Point(NetSpec spec, int batch, int steps) {
        @Override
        public String toString() {
            return GradientCheckReport.shape(spec) + " batch " + batch + (steps == 0 ? " at initialization" : " after " + steps + " steps");
        }
    }

    @Test
    void everyFaultIsTriedHere() {
        List<Fault> tried = new ArrayList<>(List.of(BACKWARD));
        tried.addAll(List.of(MULTILAYER));
        tried.addAll(List.of(DROPOUT));
        tried.addAll(List.of(UPDATER));
        tried.addAll(List.of(BATCH_NORM));
        assertEquals(Arrays.stream(Fault.values()).filter(f -> f != Fault.NONE).toList(), tried);
    }

    /**
     * The tutorial's net after 20 steps on its 4 points; 5-3-3 with Xavier weights at
     * initialization on 32 examples, whose W2 [3x3] is square, so there a transposed weight
     * gradient has the right shape and is still wrong; and 5-4-4-3, two hidden layers.
     */
    static List<Point> points(Activation a) {
        return List.of(new Point(NetSpec.quadrant().withActivation(a), 4, 20),
                new Point(NetSpec.quadrant().withSizes(5, 3, 3).withInit(Init.XAVIER).withSeed(100).withActivation(a), 32, 0),
                new Point(NetSpec.quadrant().withSizes(5, List.of(4, 4), 3).withInit(Init.XAVIER).withSeed(101).withActivation(a), 16, 0));
    }

    static Stream<Arguments> backwardFaults() {
        List<Arguments> args = new ArrayList<>();
        for (Fault f : BACKWARD) {
            for (Activation a : GradientCheckMatrixTest.ACTIVATIONS) for (Point p : points(a)) args.add(Arguments.of(f, p));
        }
        return args.stream();
    }

    private static GradientCheckReport check(Point p, Fault f) {
        return GradientCheck.run(p.spec(), p.batch(), p.steps(), HandWrittenGradient.production(f), Coverage.all());
    }

    /** The hand-written evaluation without and with the fault at {@code p}: the same code but for the faulty line. */
    private static HandWrittenGradient.Evaluation[] evaluations(Point p, Fault f) {
        Batch b = CheckBatches.of(p.spec(), p.batch(), p.spec().seed());
        ParamSet params = GradientCheck.trained(p.spec(), GradientCheck.initialParams(p.spec()), b, p.steps());
        return new HandWrittenGradient.Evaluation[]{HandWrittenGradient.production().evaluate(p.spec(), params, b),
                HandWrittenGradient.production(f).evaluate(p.spec(), params, b)};
    }

    /** The directions without and with the fault, flattened in canonical order: equal bits mean the fault changes no gradient here. */
    private static double[][] gradients(Point p, Fault f) {
        HandWrittenGradient.Evaluation[] e = evaluations(p, f);
        return new double[][]{flat(e[0].gradient()), flat(e[1].gradient())};
    }

    private static double[] flat(ParamSet g) {
        return g.layers().stream().flatMapToDouble(d -> DoubleStream.concat(Arrays.stream(d.w()), Arrays.stream(d.b()))).toArray();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"ADAM_NO_BIAS_CORRECTION", "RMSPROP_EPS_INSIDE_SQRT", "NESTEROV_AS_MOMENTUM"})
    void anUpdaterFaultChangesNothingAGradientCheckEvaluates(Fault f) {
        Regularization l2 = Regularization.NONE.withL2(1e-3);
        Point p = new Point(NetSpec.quadrant().withActivation(Activation.TANH).withRegularization(l2), 4, 20);
        HandWrittenGradient.Evaluation[] e = evaluations(p, f);
        assertEquals(e[0].score(), e[1].score(), 0.0);
        assertArrayEquals(flat(e[0].gradient()), flat(e[1].gradient()), 0.0, "the same direction, bit for bit: nothing to catch here");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("backwardFaults")
    void everyCheckFlagsABackwardFaultThatChangesTheGradient(Fault f, Point p) {
        double[][] g = gradients(p, f);
        Activation a = p.spec().hidden().get(0).activation();
        boolean harmless = f == Fault.MASK_FROM_OUTPUT && (a == Activation.RELU || a == Activation.IDENTITY);
        GradientCheckReport r = check(p, f);
        if (harmless) {
            assertArrayEquals(g[0], g[1], 0.0, "f'(h) = f'(z) for relu and identity: the gradient is unchanged, bit for bit");
            assertTrue(r.pass(), () -> "nothing to flag, and nothing flagged: " + r.rows());
            return;
        }
        assertFalse(Arrays.equals(g[0], g[1]), "the fault changes the gradient here");
        assertFalse(r.numericalPass(), () -> "check 1 misses " + f.label() + ": " + r.rows());
        assertFalse(r.dl4jPass(), () -> "check 2 misses " + f.label() + ": " + r.rows());
        assertFalse(r.crossFrameworkPass(), () -> "check 3 misses " + f.label() + ": " + r.rows());
        assertTrue(r.utilPassed() || r.utilFailures() == r.utilKinkFailures(), "DL4J's own backprop is not faulty");
    }

    /**
     * Each multilayer fault where it applies: the tutorial's sizes after 20 steps on its 4 points,
     * and a net of two hidden layers with Xavier weights at initialization.
     */
    static Stream<Arguments> multilayerFaults() {
        Regularization l2 = Regularization.NONE.withL2(1e-3), mixed = new Regularization(1e-3, 0, 0, 1e-3, 5e-4, 0, true);
        NetSpec deep = NetSpec.quadrant().withSizes(3, List.of(5, 4), 3).withInit(Init.XAVIER).withSeed(102);
        NetSpec deepTanh = deep.withActivation(Activation.TANH);
        return Stream.of(
                Arguments.of(Fault.L2_AFTER_UPDATER, new Point(NetSpec.quadrant().withActivation(Activation.TANH).withRegularization(l2), 4, 20)),
                Arguments.of(Fault.L2_AFTER_UPDATER, new Point(deepTanh.withRegularization(Regularization.NONE.withL2Bias(1e-3).withL2(1e-4)), 8, 0)),
                Arguments.of(Fault.REG_TERM_MISSING_FROM_SCORE, new Point(NetSpec.quadrant().withRegularization(mixed), 4, 20)),
                Arguments.of(Fault.REG_TERM_MISSING_FROM_SCORE, new Point(deepTanh.withRegularization(l2), 8, 0)),
                Arguments.of(Fault.LEAKYRELU_ALPHA_WRONG, new Point(NetSpec.quadrant().withActivation(Activation.LEAKYRELU), 4, 20)),
                Arguments.of(Fault.LEAKYRELU_ALPHA_WRONG, new Point(deep.withHidden(List.of(new LayerSpec(5, Activation.TANH), new LayerSpec(4, Activation.LEAKYRELU))), 8, 0)),
                Arguments.of(Fault.MSE_NOT_COLUMN_AVERAGED, new Point(NetSpec.quadrant().withActivation(Activation.TANH).withLoss(Loss.MSE), 4, 20)),
                Arguments.of(Fault.MSE_NOT_COLUMN_AVERAGED, new Point(deepTanh.withLoss(Loss.MSE).withOutput(new LayerSpec(3, Activation.SOFTSIGN)), 8, 0)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("multilayerFaults")
    void checks1And3FlagEveryMultilayerFault(Fault f, Point p) {
        HandWrittenGradient.Evaluation[] e = evaluations(p, f);
        boolean gradientChanges = !Arrays.equals(flat(e[0].gradient()), flat(e[1].gradient()));
        assertTrue(gradientChanges || e[0].score() != e[1].score(), "the fault changes the score or the gradient here");
        GradientCheckReport r = check(p, f);
        assertFalse(r.numericalPass(), () -> "check 1 misses " + f.label() + ": " + r.referenceScore() + " " + r.rows());
        assertFalse(r.crossFrameworkPass(), () -> "check 3 misses " + f.label() + ": " + r.dl4jScore() + " " + r.rows());
        assertTrue(r.utilPassed() || r.utilFailures() == r.utilKinkFailures(), "DL4J's own backprop is not faulty");
        if (f == Fault.REG_TERM_MISSING_FROM_SCORE) {
            // a score-only fault: the gradients are right, which is all check 2 compares
            assertFalse(gradientChanges);
            assertTrue(r.dl4jPass(), "check 2 compares gradients only");
            assertFalse(r.referenceScore().pass() || r.dl4jScore().pass(), "both scores flag it");
            assertTrue(r.rows().stream().allMatch(row -> row.numerical().pass() && row.crossFramework().pass()), "and only the scores");
        } else {
            assertTrue(gradientChanges, f + " changes the direction");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"RELU", "IDENTITY"})
    void maskFromOutputIsNoErrorForReluOrIdentityAnywhere(Activation a) {
        // relu(z) > 0 exactly when z > 0, also at z = 0 and -0.0; identity's derivative is 1 everywhere
        for (int batch : GradientCheckMatrixTest.BATCHES) {
            for (int steps : GradientCheckMatrixTest.STEPS) {
                for (NetSpec s : List.of(NetSpec.quadrant(), NetSpec.digits())) {
                    double[][] g = gradients(new Point(s.withActivation(a), batch, steps), Fault.MASK_FROM_OUTPUT);
                    assertArrayEquals(g[0], g[1], 0.0);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"RELU", "SIGMOID", "TANH", "IDENTITY"})
    void dropped1OverNIsNoErrorAtBatchSize1(Activation a) {
        double[][] g = gradients(new Point(NetSpec.quadrant().withActivation(a), 1, 20), Fault.DROPPED_1_OVER_N);
        assertArrayEquals(g[0], g[1], 0.0);
        assertTrue(check(new Point(NetSpec.quadrant().withActivation(a), 1, 20), Fault.DROPPED_1_OVER_N).pass());
    }

    @Test
    void transposedWeightGradientIsInvisibleWhereEveryWeightGradientIsZero() {
        // 5-3-3 relu on one example: all three hidden units are off, so ∂L/∂W1 = ∂L/∂W2 = 0 and so is the transpose
        Point p = new Point(NetSpec.quadrant().withSizes(5, 3, 3).withInit(Init.XAVIER).withSeed(100), 1, 0);
        double[][] g = gradients(p, Fault.TRANSPOSED_WEIGHT_GRADIENT);
        assertArrayEquals(g[0], g[1], 0.0);
        assertTrue(check(p, Fault.TRANSPOSED_WEIGHT_GRADIENT).pass());
    }

    @Test
    void theMultilayerFaultsChangeNothingWhereTheirFeatureIsAbsent() {
        // no penalty, no leakyrelu, no MSE: the tutorial's net is untouched by each, bit for bit, and passes
        Point p = new Point(NetSpec.quadrant().withActivation(Activation.TANH), 4, 20);
        for (Fault f : MULTILAYER) {
            HandWrittenGradient.Evaluation[] e = evaluations(p, f);
            assertArrayEquals(flat(e[0].gradient()), flat(e[1].gradient()), 0.0, f.label());
            assertEquals(e[0].score(), e[1].score(), 0.0, f.label());
        }
        assertTrue(check(p, Fault.L2_AFTER_UPDATER).pass());
    }

    /**
     * Finding: with the tutorial's small weights, tanh's hidden values are ≈ 0.01, where
     * 1 − tanh²(h) and 1 − h² differ by ≈ (2/3)h⁴, a relative 1e-6 to 1e-4 in ∂L/∂W1 and ∂L/∂b1.
     * Checks 1 (1e-7) and 3 (1e-12) see it; DL4J's default bound, rel ≤ 1e-3 unless |Δ| &lt; 1e-8,
     * cannot. After 20 steps on 4 points the error grows past 1e-3 and check 2 sees it too (above).
     */
    @Test
    void findingDl4jDefaultBoundMissesMaskFromOutputForTanhWithSmallWeights() {
        for (Point p : List.of(new Point(NetSpec.quadrant().withActivation(Activation.TANH), 1, 0),
                new Point(NetSpec.quadrant().withActivation(Activation.TANH), 32, 0))) {
            GradientCheckReport r = check(p, Fault.MASK_FROM_OUTPUT);
            assertFalse(r.numericalPass(), p + ": check 1 flags it");
            assertFalse(r.crossFrameworkPass(), p + ": check 3 flags it");
            assertTrue(r.dl4jPass(), p + ": check 2, with DL4J's defaults, does not");
            double worst = r.rows().stream().mapToDouble(row -> row.dl4jHandWritten().maxRelError()).max().orElseThrow();
            assertTrue(worst > NumericalCheck.MAX_REL_ERROR && worst < Dl4jGradientCheck.MAX_REL_ERROR,
                    p + ": the error, " + worst + ", lies between check 1's bound and DL4J's");
        }
    }

    /**
     * Finding: DL4J's leakyrelu takes α = 0.01 in its forward pass but as the float 0.01f =
     * 0.009999999776 in its derivative, and the hand-written net copies both (check 3 holds at
     * 1e-12). So its gradient is not quite the derivative of its loss: on a path through negative
     * units only, the relative error is (0.01 − 0.01f)/(0.01 + 0.01f) ≈ 1.1e-8. Check 1 sees it,
     * below its 1e-7 bound; a penalty cancelling most of the data gradient would magnify it in the
     * sum, which is why check 1 compares the data gradient and the penalty's gradient separately.
     */
    @Test
    void findingDl4jsLeakyreluDerivativeUsesAFloatAlpha() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.LEAKYRELU);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        // hidden unit 7 negative for all four points: its bias b1[7] gets its gradient through α alone
        Group b1 = new Group(1, true);
        b1.of(p)[7] = -1;
        HandWrittenGradient.Evaluation hand = HandWrittenGradient.production().evaluate(spec, p, b);
        NumericalCheck.Difference d = NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), b1, 7, NumericalCheck.EPS);
        double rel = RelativeError.of(b1.of(hand.data())[7], d.data());
        double floatAlpha = RelativeError.of(0.01, (double) 0.01f);
        assertEquals(floatAlpha, rel, 1e-3 * floatAlpha, "the whole difference is 0.01 vs 0.01f");
        assertNotEquals(0, rel);
        assertTrue(rel < NumericalCheck.MAX_REL_ERROR);
        assertTrue(CrossFrameworkCheck.run(spec, p, b, hand).pass(), "DL4J computes the same");
    }
}
