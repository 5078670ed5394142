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
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

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
        assertEquals("none | dropped-1-over-n | transposed-weight-gradient | missing-bias-gradient | mask-from-output"
                + " | l2-after-updater | reg-term-missing-from-score | leakyrelu-alpha-wrong | mse-not-column-averaged"
                + " | dropout-scaled-by-p | adam-no-bias-correction | rmsprop-eps-inside-sqrt | nesterov-as-momentum"
                + " | batchnorm-no-mean-term", Fault.validNames());
        assertEquals("none, dropped 1/N, transposed weight gradient, missing bias gradient, mask from output, l2 after updater,"
                        + " regularization term missing from score, leakyrelu alpha 0.2, MSE not averaged over columns,"
                        + " dropout scaled by p instead of 1/p, Adam without bias correction, RMSProp epsilon inside the square root,"
                        + " Nesterov as plain momentum, batch-norm backward without the mean term",
                String.join(", ", java.util.Arrays.stream(Fault.values()).map(Fault::label).toList()));
        var e = assertThrows(IllegalArgumentException.class, () -> Fault.parse("off-by-one"));
        assertEquals("fault 'off-by-one' is not known; valid: " + Fault.validNames(), e.getMessage());
    }
    // ------------------------------------------------------------- the four faults of the multilayer work

    /** The same 2 → 2 → 2 net and batch with other hidden activations, losses or penalties. */
    private static NetSpec spec(Activation hidden, LayerSpec output, Loss loss, Regularization r) {
        return new NetSpec(2, List.of(new LayerSpec(2, hidden)), output, loss, 0, 0.1, Init.NORMAL, 1, true).withRegularization(r);
    }

    private static Network net(NetSpec spec, Fault f) {
        return Network.withFault(spec, params(), f);
    }

    @Test
    void regTermMissingFromScoreReportsTheDataLossAloneAndChangesNoGradient() {
        // l2 = 0.1: ½ · 0.1 · (ΣW1² + ΣW2²) = 0.05 · (0.890625 + 6.25) = 0.35703125
        NetSpec l2 = SPEC.withRegularization(Regularization.NONE.withL2(0.1));
        Network right = net(l2, Fault.NONE), faulty = net(l2, Fault.REG_TERM_MISSING_FROM_SCORE);
        assertEquals(0.4657755472654841 + 0.35703125, right.lossAndGradients(X, T), NUMPY_PEER);
        assertEquals(0.4657755472654841, faulty.lossAndGradients(X, T), NUMPY_PEER);
        assertEquals(right.gradients(), faulty.gradients());
    }

    @Test
    void leakyreluAlphaWrongUsesPoint2InLossAndGradient() {
        // z1 = [[0.85, 1.05], [−0.3375, 0.425]]: one negative input, where α matters
        NetSpec leaky = spec(Activation.LEAKYRELU, new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, Regularization.NONE);
        Network right = net(leaky, Fault.NONE), faulty = net(leaky, Fault.LEAKYRELU_ALPHA_WRONG);
        assertEquals(0.5565168763121571, right.lossAndGradients(X, T), NUMPY_PEER);
        assertGradient(right.gradients(),
                new double[]{-0.546439113797767, 0.6177610121740013, -1.0858771611938136, 0.7104420324825222},
                new double[]{-0.5408382606763907, 0.19769701868161704},
                new double[]{-0.23151901406843745, 0.23151901406843745, -0.225901245054712, 0.225901245054712},
                new double[]{-0.13179801245441136, 0.13179801245441136});
        assertEquals(0.5393723883019022, faulty.lossAndGradients(X, T), NUMPY_PEER);
        assertGradient(faulty.gradients(),
                new double[]{-0.5946242768153371, 0.5989249734972358, -1.0617845796850287, 0.719860051820905},
                new double[]{-0.4926530976588206, 0.21653305735838246},
                new double[]{-0.2396502601888827, 0.2396502601888827, -0.23123812267979554, 0.23123812267979554},
                new double[]{-0.14435537157225495, 0.14435537157225498});
    }

    @Test
    void mseNotColumnAveragedDoublesLossAndGradientWithTwoOutputs() {
        NetSpec mse = spec(Activation.TANH, new LayerSpec(2, Activation.IDENTITY), Loss.MSE, Regularization.NONE);
        Network right = net(mse, Fault.NONE), faulty = net(mse, Fault.MSE_NOT_COLUMN_AVERAGED);
        assertEquals(0.39497203349791005, right.lossAndGradients(X, T), NUMPY_PEER);
        assertGradient(right.gradients(),
                new double[]{-0.037981403022202154, 0.13125923508038645, -0.6931832355267208, 1.0939385969361322},
                new double[]{-0.5317577466080554, 0.796395336500674},
                new double[]{0.048599524081370575, 0.3356315929016932, 0.007037353197375167, 0.5440957911055206},
                new double[]{-0.021351941614437264, 0.8000277448103372});
        assertEquals(0.7899440669958201, faulty.lossAndGradients(X, T), NUMPY_PEER);
        assertGradient(faulty.gradients(),
                new double[]{-0.07596280604440431, 0.2625184701607729, -1.3863664710534416, 2.1878771938722643},
                new double[]{-1.0635154932161108, 1.592790673001348},
                new double[]{0.09719904816274115, 0.6712631858033864, 0.014074706394750334, 1.0881915822110413},
                new double[]{-0.04270388322887453, 1.6000554896206745});
    }

    @Test
    void networkFaultsThatDoNotApplyToANetChangeNothingThere() {
        // a softmax tanh net has no leakyrelu, no MSE and no penalty
        for (Fault f : List.of(Fault.LEAKYRELU_ALPHA_WRONG, Fault.MSE_NOT_COLUMN_AVERAGED, Fault.REG_TERM_MISSING_FROM_SCORE, Fault.L2_AFTER_UPDATER)) {
            assertGradient(gradient(f),
                    new double[]{-0.42931500867761674, 0.2623760026106038, -0.4679236327460934, 0.24978645997897497},
                    new double[]{-0.11674990099030466, 0.042403566416817695},
                    new double[]{-0.2090073233205848, 0.20900732332058478, -0.1692434345937137, 0.16924343459371366},
                    new double[]{-0.17392840899618933, 0.17392840899618928});
        }
    }

    @Test
    void l2AfterUpdaterMovesTheL2TermOutOfTheNetworksSgdStep() {
        // one step at lr = 0.1 from W2 = [1, −1, 0.5, 2] with l2 = 0.1: right θ − 0.1·(g + 0.1·θ), faulty (θ − 0.1·g)·(1 − 0.1)
        NetSpec l2 = SPEC.withRegularization(Regularization.NONE.withL2(0.1));
        Network right = net(l2, Fault.NONE), faulty = net(l2, Fault.NONE);
        right.lossAndGradients(X, T);
        faulty.lossAndGradients(X, T);
        new Sgd(0.1).step(right.parameters());
        Sgd.withFault(0.1, Fault.L2_AFTER_UPDATER).step(faulty.parameters());
        double[] w2 = {1, -1, 0.5, 2}, g2 = {-0.2090073233205848, 0.20900732332058478, -0.1692434345937137, 0.16924343459371366};
        for (int i = 0; i < 4; i++) {
            assertEquals(w2[i] - 0.1 * (g2[i] + 0.1 * w2[i]), right.params().layer(2).w()[i], NUMPY_PEER, "right W2[" + i + "]");
            assertEquals((w2[i] - 0.1 * g2[i]) * 0.9, faulty.params().layer(2).w()[i], NUMPY_PEER, "faulty W2[" + i + "]");
        }
    }

    @Test
    void eachFaultSaysWhatItChanges() {
        assertEquals(Fault.Changes.NOTHING, Fault.NONE.changes());
        for (Fault f : List.of(Fault.DROPPED_1_OVER_N, Fault.TRANSPOSED_WEIGHT_GRADIENT, Fault.MISSING_BIAS_GRADIENT, Fault.MASK_FROM_OUTPUT))
            assertEquals(Fault.Changes.GRADIENT, f.changes(), f.id());
        assertEquals(Fault.Changes.LOSS_AND_GRADIENT, Fault.LEAKYRELU_ALPHA_WRONG.changes());
        assertEquals(Fault.Changes.LOSS_AND_GRADIENT, Fault.MSE_NOT_COLUMN_AVERAGED.changes());
        assertEquals(Fault.Changes.SCORE, Fault.REG_TERM_MISSING_FROM_SCORE.changes());
        assertEquals(Fault.Changes.UPDATE, Fault.L2_AFTER_UPDATER.changes());
        for (Fault f : new Fault[]{Fault.ADAM_NO_BIAS_CORRECTION, Fault.RMSPROP_EPS_INSIDE_SQRT, Fault.NESTEROV_AS_MOMENTUM})
            assertEquals(Fault.Changes.UPDATE, f.changes(), f.id());
    }
}
