package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nnparity.spec.TwoLayerSpecs;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Each {@link Fault}, injected into the production layers through {@link Network#withFault},
 * gives the gradient the numpy peer computes for that bug, and the correct pass gives the
 * correct one. The numbers come from the tutorial's backward pass in numpy (float64), with the
 * one faulty line changed, on a 2 → 2 (tanh) → 2 net whose every value is nonzero.
 */
class FaultTest {
    /** numpy and the hand-written net sum the same few products in the same order: a rounding or two. */
    static final double NUMPY_PEER = 1e-15;

    private static final NetSpec SPEC = TwoLayerSpecs.of(2, 2, 2, Activation.TANH, 0.1, Init.NORMAL, 1, 0);
    private static final Matrix X = Matrix.of(new double[][]{{1, 2}, {-1, 0.5}});
    private static final Matrix T = Matrix.of(new double[][]{{1, 0}, {0, 1}});

    private static ParamSet params() {
        return new ParamSet(List.of(
                new DenseParams(2, 2, new double[]{0.5, -0.25, 0.125, 0.75}, new double[]{0.1, -0.2}),
                new DenseParams(2, 2, new double[]{1, -1, 0.5, 2}, new double[]{0, 0.3})));
    }

    private static ParamSet gradient(Fault f) {
        Network net = Network.withFault(SPEC, params(), f);
        assertEquals(0.4657755472654841, net.lossAndGradients(X, T), NUMPY_PEER, "a fault changes no loss");
        return net.gradients();
    }

    private static void assertGradient(ParamSet g, double[] w1, double[] b1, double[] w2, double[] b2) {
        assertArrayEquals(w1, g.layer(1).w(), NUMPY_PEER, "dW1");
        assertArrayEquals(b1, g.layer(1).b(), NUMPY_PEER, "db1");
        assertArrayEquals(w2, g.layer(2).w(), NUMPY_PEER, "dW2");
        assertArrayEquals(b2, g.layer(2).b(), NUMPY_PEER, "db2");
    }

    @Test
    void withoutAFaultTheGradientIsTheNumpyPeers() {
        assertGradient(gradient(Fault.NONE),
                new double[]{-0.42931500867761674, 0.2623760026106038, -0.4679236327460934, 0.24978645997897497},
                new double[]{-0.11674990099030466, 0.042403566416817695},
                new double[]{-0.2090073233205848, 0.20900732332058478, -0.1692434345937137, 0.16924343459371366},
                new double[]{-0.17392840899618933, 0.17392840899618928});
        assertEquals("Dense(2→2) → tanh → Dense(2→2) → SoftmaxCrossEntropy(clip=0.0)",
                Network.withFault(SPEC, params(), Fault.NONE).toString());
    }

    @Test
    void dropped1OverNDoublesEveryGradientAtBatchSizeTwo() {
        assertGradient(gradient(Fault.DROPPED_1_OVER_N),
                new double[]{-0.8586300173552335, 0.5247520052212076, -0.9358472654921868, 0.49957291995794995},
                new double[]{-0.23349980198060932, 0.08480713283363539},
                new double[]{-0.4180146466411696, 0.41801464664116955, -0.3384868691874274, 0.3384868691874273},
                new double[]{-0.34785681799237866, 0.34785681799237855});
    }

    @Test
    void transposedWeightGradientSwapsTheOffDiagonalOfEachSquareW() {
        assertGradient(gradient(Fault.TRANSPOSED_WEIGHT_GRADIENT),
                new double[]{-0.42931500867761674, -0.4679236327460934, 0.2623760026106038, 0.24978645997897497},
                new double[]{-0.11674990099030466, 0.042403566416817695},
                new double[]{-0.2090073233205848, -0.1692434345937137, 0.20900732332058478, 0.16924343459371366},
                new double[]{-0.17392840899618933, 0.17392840899618928});
    }

    @Test
    void missingBiasGradientZeroesBothBiasesAndNothingElse() {
        assertGradient(gradient(Fault.MISSING_BIAS_GRADIENT),
                new double[]{-0.42931500867761674, 0.2623760026106038, -0.4679236327460934, 0.24978645997897497},
                new double[]{0, 0},
                new double[]{-0.2090073233205848, 0.20900732332058478, -0.1692434345937137, 0.16924343459371366},
                new double[]{0, 0});
    }

    @Test
    void maskFromOutputChangesOnlyTheFirstLayersGradientForTanh() {
        assertGradient(gradient(Fault.MASK_FROM_OUTPUT),
                new double[]{-0.49282775191755346, 0.3365089593824852, -0.5918747679371555, 0.39287173173790163},
                new double[]{-0.17780316319919234, 0.11239200976083019},
                new double[]{-0.2090073233205848, 0.20900732332058478, -0.1692434345937137, 0.16924343459371366},
                new double[]{-0.17392840899618933, 0.17392840899618928});
    }

    @Test
    void maskFromOutputForSigmoidEvaluatesTheSlopeAtH() {
        // one unit, z = 0: h = σ(0) = 0.5; the right slope is h(1 − h) = 0.25, the faulty σ(h)(1 − σ(h)) at h = 0.5
        ActivationLayer faulty = new ActivationLayer(Activation.SIGMOID, Fault.MASK_FROM_OUTPUT);
        faulty.forward(new Matrix(1, 1, new double[]{0}));
        // σ(0.5) = 0.6224593312018546 (Python's decimal), σ'(0.5) = 0.2350037122015945
        assertEquals(0.2350037122015945, faulty.backward(new Matrix(1, 1, new double[]{1})).data[0], NUMPY_PEER);
    }

    @Test
    void aNonSquareTransposedWeightGradientFillsTheBufferWithTheTransposesNumbers() {
        Dense d = new Dense(1, 1, 2, new double[]{1, 1}, new double[]{0, 0}, true, Fault.TRANSPOSED_WEIGHT_GRADIENT);
        d.forward(Matrix.of(new double[][]{{2}, {3}}));
        d.backward(Matrix.of(new double[][]{{1, 10}, {100, 1000}}));
        // xᵀ·dy = [[302, 3020]] has the same row-major numbers as dyᵀ·x = [[302], [3020]]
        assertArrayEquals(new double[]{302, 3020}, d.weights().grad().data, NUMPY_PEER);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyFaultHasALabelAndACommandLineNameThatParsesBack(Fault f) {
        assertEquals(f, Fault.parse(f.id().toUpperCase()));
        assertTrue(Fault.validNames().contains(f.id()));
    }

    @Test
    void faultNamesAreTheOnesTheCommandLineDocuments() {
        assertEquals("none | dropped-1-over-n | transposed-weight-gradient | missing-bias-gradient | mask-from-output", Fault.validNames());
        assertEquals("none, dropped 1/N, transposed weight gradient, missing bias gradient, mask from output",
                String.join(", ", java.util.Arrays.stream(Fault.values()).map(Fault::label).toList()));
        var e = assertThrows(IllegalArgumentException.class, () -> Fault.parse("off-by-one"));
        assertEquals("fault 'off-by-one' is not known; valid: " + Fault.validNames(), e.getMessage());
    }
}
