package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The suite catches bugs: each {@link Fault} injected into the production hand-written layers must be
 * flagged by all three checks wherever it changes the gradient, and must leave every check
 * passing where it provably does not (then there is nothing to catch).
 */
@ExtendWith(OneNd4jThread.class)
class InjectedFaultTest {

    /** Where a fault is tried: a spec, a batch size and a number of SGD steps before the check. */
    record Point(NetSpec spec, int batch, int steps) {
        @Override
        public String toString() {
            return spec.hidden().get(0).activation().id() + " " + spec.nIn() + "-" + spec.hidden().get(0).nOut() + "-" + spec.nOut() + " batch " + batch
                    + (steps == 0 ? " at initialization" : " after " + steps + " steps");
        }
    }

    /**
     * The tutorial's net after 20 steps on its 4 points, and 5-3-3 with Xavier weights at
     * initialization on 32 examples, whose W2 [3x3] is square, so there a transposed weight
     * gradient has the right shape and is still wrong.
     */
    static List<Point> points(Activation a) {
        return List.of(new Point(NetSpec.quadrant().withActivation(a), 4, 20),
                new Point(NetSpec.quadrant().withSizes(5, 3, 3).withInit(Init.XAVIER).withSeed(100).withActivation(a), 32, 0));
    }

    static Stream<Arguments> faultsEverywhere() {
        List<Arguments> args = new ArrayList<>();
        for (Fault f : Fault.values()) {
            if (f == Fault.NONE) continue;
            for (Activation a : GradientCheckMatrixTest.ACTIVATIONS) for (Point p : points(a)) args.add(Arguments.of(f, p));
        }
        return args.stream();
    }

    private static GradientCheckReport check(Point p, Fault f) {
        return GradientCheck.run(p.spec(), p.batch(), p.steps(), HandWrittenGradient.production(f), Coverage.all());
    }

    /**
     * The production gradient without and with the fault at {@code p}, flattened in canonical order:
     * the same code but for the faulty line, so equal bits mean the fault changes nothing here.
     */
    private static double[][] gradients(Point p, Fault f) {
        Batch b = CheckBatches.of(p.spec(), p.batch(), p.spec().seed());
        ParamSet params = GradientCheck.trained(p.spec(), GradientCheck.initialParams(p.spec()), b, p.steps());
        return new double[][]{flat(HandWrittenGradient.production().evaluate(p.spec(), params, b).gradient()),
                flat(HandWrittenGradient.production(f).evaluate(p.spec(), params, b).gradient())};
    }

    private static double[] flat(ParamSet g) {
        return g.layers().stream().flatMapToDouble(d -> java.util.stream.DoubleStream.concat(Arrays.stream(d.w()), Arrays.stream(d.b()))).toArray();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("faultsEverywhere")
    void everyCheckFlagsAFaultThatChangesTheGradient(Fault f, Point p) {
        double[][] g = gradients(p, f);
        boolean harmless = f == Fault.MASK_FROM_OUTPUT
                && (p.spec().hidden().get(0).activation() == Activation.RELU || p.spec().hidden().get(0).activation() == Activation.IDENTITY);
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
}
