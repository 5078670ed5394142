package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import nnparity.spec.TwoLayerSpecs;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;
import nnparity.spec.SampleStats;

/**
 * The DL4J twin as configured and as initialised, read back through DL4J's own API. These tests
 * build DL4J nets, so they run with one ND4J thread (surefire and PIT set OMP_NUM_THREADS=1).
 */
class Dl4jNetsTest {
    /** Configured numbers read back: nothing is computed. */
    static final double EXACT = 0;

    /**
     * DL4J's draws are pinned to a few ulps (values ~0.1, ulp ~1e-17): ND4J's native Gaussian goes
     * through libm, whose last bit may differ between CPU builds of nd4j-native. Another weight
     * init, seed or draw order changes these numbers in their first digits.
     */
    static final double DRAWN = 1e-15;

    /** DL4J's arithmetic on a few values of order 1 (a product, a sum): a few ulps. */
    static final double ROUNDING = 1e-15;

    /** A spec with no default left in place: every field differs from the tutorial's. */
    private static final NetSpec ODD = TwoLayerSpecs.of(3, 7, 5, Activation.TANH, 0.25, Init.XAVIER, 7, 1e-7);

    // ---------------------------------------------------------------- what DL4J draws (--init dl4j)

    @Test
    void dl4jInitDrawsThesePinnedWeightsForSeed42AndZeroBiases() {
        // Read once from DL4J 1.0.0-M2.1 (nd4j-native, linux-x86_64, one thread) by printing
        // Dl4jNets.network(NetSpec.quadrant().withInit(Init.DL4J)).getParam(key).getDouble(i, j).
        // WeightInitXavier fills each 'f'-ordered view with Nd4j.randn · √(2/(fanIn+fanOut)), so
        // 0_W[1,0] is the second draw and 0_W[0,1] the third: -0.28945 = -1.47591 · √(2/52).
        // WeightInit.RELU would scale the same draws by √(2/2) (0_W) and √(2/50) (1_W) instead.
        MultiLayerNetwork net = Dl4jNets.network(NetSpec.quadrant().withInit(Init.DL4J));
        INDArray w1 = net.getParam("0_W"), w2 = net.getParam("1_W");
        assertEquals(-0.2894511801400526, w1.getDouble(0, 0), DRAWN);
        assertEquals(0.11220529411653536, w1.getDouble(1, 0), DRAWN);
        assertEquals(-0.06496931201686312, w1.getDouble(0, 1), DRAWN);
        assertEquals(0.03238668912534639, w1.getDouble(1, 1), DRAWN);
        assertEquals(-0.09112930816525759, w1.getDouble(0, 2), DRAWN);
        assertEquals(-0.08238475630516368, w1.getDouble(1, 2), DRAWN);
        assertEquals(0.16785103361916245, w2.getDouble(0, 0), DRAWN);
        assertEquals(-0.3013695483728269, w2.getDouble(1, 0), DRAWN);
        assertEquals(-0.28153774208646626, w2.getDouble(0, 1), DRAWN);
        assertEquals(-0.36678075063711174, w2.getDouble(1, 1), DRAWN);
        assertEquals(0.11021413313435047, w2.getDouble(0, 2), DRAWN);
        assertZero(net.getParam("0_b"), 50);
        assertZero(net.getParam("1_b"), 4);
    }

    @Test
    void dl4jInitIsTheSameForTheSameSeedWhateverDl4jDrewBefore() {
        MultiLayerNetwork first = Dl4jNets.network(NetSpec.quadrant().withInit(Init.DL4J));
        Nd4j.randn(DataType.DOUBLE, 100); // moves ND4J's global generator on
        MultiLayerNetwork second = Dl4jNets.network(NetSpec.quadrant().withInit(Init.DL4J));
        assertArrayEquals(first.params().dup().data().asDouble(), second.params().dup().data().asDouble(), EXACT,
                "the same seed in the same process draws the same bits");
        assertEquals(-0.2894511801400526, second.getParam("0_W").getDouble(0, 0), DRAWN);
    }

    /**
     * XAVIER in DL4J 1.0.0-M2.1 is {@code org.deeplearning4j.nn.weights.WeightInitXavier}:
     * {@code Nd4j.randn(paramView).muli(FastMath.sqrt(2.0 / (fanIn + fanOut)))}, i.e. Gaussian
     * N(0, 2/(fanIn+fanOut)), biases 0 (read off deeplearning4j-nn-1.0.0-M2.1.jar with javap).
     *
     * <p>On 784 → 400 → 100 that is σ = √(2/1184) = 0.041100 for 0_W (n = 313,600) and
     * σ = √(2/500) = 0.063246 for 1_W (n = 40,000). Six standard errors of the sample std,
     * 6·σ/√(2n), are ±0.76% and ±2.1% of σ; of the excess kurtosis, 6·√(24/n), ±0.052 and ±0.15.
     * Every other WeightInit of M2.1 falls outside, measured on this net (0_W | 1_W, std/σ):
     * <pre>
     *   RELU (He), RELU_UNIFORM       √(2/fanIn)          1.228 | 1.115
     *   XAVIER_FAN_IN, LECUN_NORMAL,  √(1/fanIn)          0.868 | 0.788
     *     NORMAL
     *   XAVIER_LEGACY                 √(1/(fanIn+fanOut)) 0.707 | 0.705
     *   VAR_SCALING_NORMAL_FAN_AVG    truncated normal    0.871 | 0.872   (excess kurtosis -0.58)
     *   XAVIER_UNIFORM                uniform, same σ     1.000 | 1.000   (excess kurtosis -1.20)
     *   UNIFORM, LECUN_UNIFORM, SIGMOID_UNIFORM, VAR_SCALING_UNIFORM_FAN_AVG: 0.46 to 4.0
     * </pre>
     * while DL4J's XAVIER gives 0.9994 | 0.9973 and excess kurtosis -0.004 | +0.007.
     */
    @Test
    void dl4jInitIsGaussianWithXavierVarianceOnAWideNet() {
        MultiLayerNetwork net = Dl4jNets.network(NetSpec.digits().withSizes(784, 400, 100).withInit(Init.DL4J));
        String[] keys = {"0_W", "1_W"};
        double[] sigma = {Math.sqrt(2.0 / (784 + 400)), Math.sqrt(2.0 / (400 + 100))};
        for (int k = 0; k < 2; k++) {
            SampleStats s = SampleStats.of(net.getParam(keys[k]).dup().data().asDouble());
            assertEquals(0, s.mean(), s.meanBound(sigma[k]), "mean of " + keys[k]);
            assertEquals(sigma[k], s.std(), s.stdBound(sigma[k]), "std of " + keys[k]);
            assertEquals(0, s.excessKurtosis(), s.kurtosisBound(), "excess kurtosis of " + keys[k] + " (a Gaussian's is 0)");
        }
        assertZero(net.getParam("0_b"), 400);
        assertZero(net.getParam("1_b"), 100);
    }

    private static void assertZero(INDArray b, int n) {
        assertEquals(n, b.length());
        for (int j = 0; j < n; j++) assertEquals(0, b.getDouble(j), EXACT, "bias " + j);
    }

    // ---------------------------------------------------------------- the configuration, read back

    @Test
    void configurationHasExactlyTheSpecsTwoLayers() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(ODD);
        assertEquals(2, conf.getConfs().size());
        assertEquals(DataType.DOUBLE, conf.getDataType());

        DenseLayer hidden = assertInstanceOf(DenseLayer.class, conf.getConf(0).getLayer());
        assertEquals(3, hidden.getNIn());
        assertEquals(7, hidden.getNOut());
        assertInstanceOf(ActivationTanH.class, hidden.getActivationFn());

        OutputLayer out = assertInstanceOf(OutputLayer.class, conf.getConf(1).getLayer());
        assertEquals(7, out.getNIn());
        assertEquals(5, out.getNOut());
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        LossMCXENT loss = assertInstanceOf(LossMCXENT.class, out.getLossFn());
        assertEquals(1e-7, loss.getSoftmaxClipEps(), EXACT);
        assertNull(loss.getWeights(), "no class weights");

        for (int k = 0; k < 2; k++) {
            BaseLayer layer = (BaseLayer) conf.getConf(k).getLayer();
            assertEquals(7, conf.getConf(k).getSeed(), "seed of layer " + k);
            assertEquals(0.25, assertInstanceOf(Sgd.class, layer.getIUpdater()).getLearningRate(), EXACT, "SGD lr of layer " + k);
            assertInstanceOf(WeightInitXavier.class, layer.getWeightInitFn(), "weight init of layer " + k);
            assertEquals(0, layer.getBiasInit(), EXACT, "bias init of layer " + k);
            assertTrue(layer.getRegularization().isEmpty(), "no l1, l2 or weight decay on layer " + k);
        }
    }

    @Test
    void theQuadrantConfigurationUsesDl4jsDefaultClip() {
        LossMCXENT loss = (LossMCXENT) ((OutputLayer) Dl4jNets.configuration(NetSpec.quadrant()).getConf(1).getLayer()).getLossFn();
        assertEquals(1e-10, loss.getSoftmaxClipEps(), EXACT);
        assertEquals(0.1, ((Sgd) ((BaseLayer) Dl4jNets.configuration(NetSpec.quadrant()).getConf(0).getLayer()).getIUpdater()).getLearningRate(), EXACT);
    }

    @Test
    void anotherUpdaterReplacesSgdOnBothLayers() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(ODD, new NoOp());
        for (int k = 0; k < 2; k++) assertInstanceOf(NoOp.class, ((BaseLayer) conf.getConf(k).getLayer()).getIUpdater());
    }

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of(Activation.RELU, ActivationReLU.class),
                Arguments.of(Activation.LEAKYRELU, ActivationLReLU.class),
                Arguments.of(Activation.ELU, ActivationELU.class),
                Arguments.of(Activation.SELU, ActivationSELU.class),
                Arguments.of(Activation.SOFTPLUS, ActivationSoftPlus.class),
                Arguments.of(Activation.SOFTSIGN, ActivationSoftSign.class),
                Arguments.of(Activation.SIGMOID, ActivationSigmoid.class),
                Arguments.of(Activation.HARDSIGMOID, ActivationHardSigmoid.class),
                Arguments.of(Activation.TANH, ActivationTanH.class),
                Arguments.of(Activation.HARDTANH, ActivationHardTanH.class),
                Arguments.of(Activation.SWISH, ActivationSwish.class),
                Arguments.of(Activation.CUBE, ActivationCube.class),
                Arguments.of(Activation.IDENTITY, ActivationIdentity.class),
                Arguments.of(Activation.STEP, StepActivation.class));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("activations")
    void eachSpecActivationBecomesItsDl4jFunctionOnTheHiddenLayer(Activation a, Class<? extends IActivation> expected) {
        assertInstanceOf(expected, Dl4jNets.activation(a));
        MultiLayerConfiguration conf = Dl4jNets.configuration(ODD.withActivation(a));
        assertInstanceOf(expected, ((DenseLayer) conf.getConf(0).getLayer()).getActivationFn());
        assertInstanceOf(ActivationSoftmax.class, ((OutputLayer) conf.getConf(1).getLayer()).getActivationFn());
    }

    @Test
    void leakyReluAndEluKeepDl4jsDefaultConstants() {
        assertEquals(0.01, ((ActivationLReLU) Dl4jNets.activation(Activation.LEAKYRELU)).getAlpha(), EXACT);
        assertEquals(1.0, ((ActivationELU) Dl4jNets.activation(Activation.ELU)).getAlpha(), EXACT);
        ActivationReLU relu = (ActivationReLU) Dl4jNets.activation(Activation.RELU);
        assertNull(relu.getMax(), "plain relu: no max");
        assertNull(relu.getThreshold(), "plain relu: no threshold");
        assertNull(relu.getNegativeSlope(), "plain relu: no negative slope");
        assertInstanceOf(ActivationSoftmax.class, Dl4jNets.activation(Activation.SOFTMAX));
    }

    // ---------------------------------------------------------------- losses

    @Test
    void mcxentKeepsTheSpecsClip() {
        LossMCXENT loss = assertInstanceOf(LossMCXENT.class, Dl4jNets.lossFunction(NetSpec.quadrant().withLossClipEps(0)));
        assertEquals(LossMCXENT.class, loss.getClass());
        assertEquals(0, loss.getSoftmaxClipEps(), EXACT);
        assertNull(loss.getWeights());
    }

    @Test
    void nllIsLossNegativeLogLikelihoodWithTheSpecsClipSetThroughItsSetter() {
        NetSpec nll = NetSpec.quadrant().withLoss(Loss.NEGATIVELOGLIKELIHOOD);
        LossNegativeLogLikelihood dflt = assertInstanceOf(LossNegativeLogLikelihood.class, Dl4jNets.lossFunction(nll));
        assertEquals(1e-10, dflt.getSoftmaxClipEps(), EXACT);
        LossNegativeLogLikelihood off = (LossNegativeLogLikelihood) Dl4jNets.lossFunction(nll.withLossClipEps(0));
        assertEquals(0, off.getSoftmaxClipEps(), EXACT);
        assertNull(off.getWeights());
    }

    @Test
    void nllsClipSurvivesDl4jsJson() {
        // LossNegativeLogLikelihood has no constructor taking a clip; the inherited field is serialised all the same
        MultiLayerConfiguration conf = Dl4jNets.configuration(NetSpec.quadrant().withLoss(Loss.NEGATIVELOGLIKELIHOOD).withLossClipEps(3e-7));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        LossNegativeLogLikelihood loss = (LossNegativeLogLikelihood) ((OutputLayer) back.getConf(1).getLayer()).getLossFn();
        assertEquals(3e-7, loss.getSoftmaxClipEps(), EXACT);
    }

    @Test
    void mseAndL1AreDl4jsOwnLosses() {
        assertEquals(LossMSE.class, Dl4jNets.lossFunction(NetSpec.quadrant().withLoss(Loss.MSE)).getClass());
        assertEquals(LossL1.class, Dl4jNets.lossFunction(NetSpec.quadrant().withLoss(Loss.L1)).getClass());
        MultiLayerConfiguration conf = Dl4jNets.configuration(NetSpec.quadrant().withLoss(Loss.MSE));
        assertInstanceOf(ActivationIdentity.class, ((OutputLayer) conf.getConf(1).getLayer()).getActivationFn());
    }

    @Test
    void xentIsLossBinaryXentWithTheSpecsClip() {
        NetSpec xent = NetSpec.quadrant().withLoss(Loss.XENT);
        LossBinaryXENT dflt = assertInstanceOf(LossBinaryXENT.class, Dl4jNets.lossFunction(xent));
        assertEquals(1e-5, dflt.getClipEps(), EXACT);
        assertEquals(1e-3, ((LossBinaryXENT) Dl4jNets.lossFunction(xent.withLossClipEps(1e-3))).getClipEps(), EXACT);
        MultiLayerConfiguration conf = Dl4jNets.configuration(xent);
        assertInstanceOf(ActivationSigmoid.class, ((OutputLayer) conf.getConf(1).getLayer()).getActivationFn());
    }

    // ---------------------------------------------------------------- depth and penalties

    @Test
    void aDeepSpecBecomesOneDenseLayerPerHiddenLayerThenTheOutputLayer() {
        NetSpec deep = new NetSpec(6, List.of(new LayerSpec(5, Activation.TANH), new LayerSpec(4, Activation.ELU), new LayerSpec(3, Activation.SWISH)),
                new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1, Init.XAVIER, 1, true);
        MultiLayerConfiguration conf = Dl4jNets.configuration(deep);
        assertEquals(4, conf.getConfs().size());
        long[][] sizes = {{6, 5}, {5, 4}, {4, 3}, {3, 2}};
        Class<?>[] acts = {ActivationTanH.class, ActivationELU.class, ActivationSwish.class, ActivationSoftmax.class};
        for (int k = 0; k < 4; k++) {
            FeedForwardLayer l = (FeedForwardLayer) conf.getConf(k).getLayer();
            assertEquals(k < 3 ? DenseLayer.class : OutputLayer.class, l.getClass(), "type of layer " + k);
            assertEquals(sizes[k][0], l.getNIn(), "nIn of layer " + k);
            assertEquals(sizes[k][1], l.getNOut(), "nOut of layer " + k);
            assertInstanceOf(acts[k], ((BaseLayer) l).getActivationFn(), "activation of layer " + k);
        }
        assertEquals(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3 + 3 * 2 + 2, Dl4jNets.network(deep).numParams());
    }

    @Test
    void noHiddenLayerIsJustTheOutputLayer() {
        NetSpec flat = new NetSpec(3, List.of(), new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1, Init.XAVIER, 1, true);
        MultiLayerConfiguration conf = Dl4jNets.configuration(flat);
        assertEquals(1, conf.getConfs().size());
        OutputLayer out = assertInstanceOf(OutputLayer.class, conf.getConf(0).getLayer());
        assertEquals(3, out.getNIn());
        assertEquals(2, out.getNOut());
    }

    @Test
    void eachLayerGetsItsOwnPenaltyListsInOrderL1L2WeightDecay() {
        Regularization all = new Regularization(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, false);
        Regularization l2Only = Regularization.NONE.withL2(1e-4);
        NetSpec spec = ODD.withHidden(List.of(new LayerSpec(7, Activation.TANH, all))).withOutput(new LayerSpec(5, Activation.SOFTMAX, l2Only));
        MultiLayerConfiguration conf = Dl4jNets.configuration(spec);
        BaseLayer hidden = (BaseLayer) conf.getConf(0).getLayer(), out = (BaseLayer) conf.getConf(1).getLayer();
        assertEquals(List.of(new L1Regularization(0.1), new L2Regularization(0.2), new WeightDecay(0.5, false)), hidden.getRegularization());
        assertEquals(List.of(new L1Regularization(0.3), new L2Regularization(0.4), new WeightDecay(0.6, false)), hidden.getRegularizationBias());
        assertEquals(List.of(new L2Regularization(1e-4)), out.getRegularization());
        assertEquals(List.of(), out.getRegularizationBias());
    }

    @Test
    void weightDecayAppliesTheLearningRateUnlessTheSpecSaysNot() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(ODD.withRegularization(Regularization.NONE.withWeightDecay(0.5).withWeightDecayBias(0.25)));
        BaseLayer hidden = (BaseLayer) conf.getConf(0).getLayer();
        assertEquals(List.of(new WeightDecay(0.5, true)), hidden.getRegularization());
        assertEquals(List.of(new WeightDecay(0.25, true)), hidden.getRegularizationBias());
    }

    /** The net 1 → 1, identity, MSE, with W = 2 and b = 3: the output is b whatever x, so x = 0, y = 3 gives a zero data gradient. */
    private static MultiLayerNetwork oneWeight(Regularization r, double lr, boolean miniBatch) {
        NetSpec spec = new NetSpec(1, List.of(), new LayerSpec(1, Activation.IDENTITY, r), Loss.MSE, 0, lr, Init.NORMAL, 1, miniBatch);
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(new ParamSet(List.of(new DenseParams(1, 1, new double[]{2}, new double[]{3}))), net);
        return net;
    }

    /**
     * Pins DL4J's use of every penalty, which the spec's Regularization documents, on numbers worked
     * out by hand. With no data gradient, W = 2, b = 3, lr = 0.5, l1 = 0.1, l2 = 0.2, wd = 0.3,
     * l1Bias = 0.01, l2Bias = 0.02, wdBias = 0.03:
     * <pre>
     *   score = l1|W| + ½l2W² + ½wdW² + l1b|b| + ½l2b b² + ½wdb b² = 0.2 + 0.4 + 0.6 + 0.03 + 0.09 + 0.135 = 1.455
     *   W ← W − lr(l1 sign W + l2 W) − wd·lr·W = 2 − 0.5·0.5 − 0.3   = 1.45    (applyLR false: − wd·W = 0.6 → 1.15)
     *   b ← b − lr(l1b + l2b b)     − wdb·lr·b = 3 − 0.5·0.07 − 0.045 = 2.92   (applyLR false: − 0.09 → 2.875)
     * </pre>
     */
    @Test
    void dl4jAppliesEachPenaltyAsTheSpecDescribes() {
        Regularization r = new Regularization(0.1, 0.2, 0.01, 0.02, 0.3, 0.03, true);
        INDArray x = Nd4j.create(new double[][]{{0}}), y = Nd4j.create(new double[][]{{3}});
        MultiLayerNetwork net = oneWeight(r, 0.5, true);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        assertEquals(1.455, net.score(), ROUNDING);
        net.fit(x, y);
        assertEquals(1.45, net.getParam("0_W").getDouble(0), ROUNDING);
        assertEquals(2.92, net.getParam("0_b").getDouble(0), ROUNDING);

        MultiLayerNetwork noLr = oneWeight(r.withWeightDecayTimesLr(false), 0.5, true);
        noLr.fit(x, y);
        assertEquals(1.15, noLr.getParam("0_W").getDouble(0), ROUNDING);
        assertEquals(2.875, noLr.getParam("0_b").getDouble(0), ROUNDING);
    }

    /**
     * 1 → 1 identity MSE, W = 2, b = 0, x = (1, 3), y = (0, 0), l2 = 0.1 on W, lr = 0.5:
     * ŷ = (2, 6), per-example losses (4, 36), ∂sum/∂W = 2·2·1 + 2·6·3 = 40, ∂sum/∂b = 2·2 + 2·6 = 16.
     * <pre>
     *   miniBatch on:  score = 40/2 + ½·0.1·4 = 20.2   W ← 2 − 0.5(40/2 + 0.1·2) = −8.1    b ← 0 − 0.5·8  = −4
     *   miniBatch off: score = 40 + 0.2     = 40.2   W ← 2 − 0.5(40 + 0.2)     = −18.1   b ← 0 − 0.5·16 = −8
     * </pre>
     * The penalty is added after the division (before it, W would be 2 − 0.5·40.2/2 = −8.05).
     */
    @Test
    void miniBatchDividesLossAndGradientByTheBatchButNotThePenalty() {
        INDArray x = Nd4j.create(new double[][]{{1}, {3}}), y = Nd4j.create(new double[][]{{0}, {0}});
        Regularization l2 = Regularization.NONE.withL2(0.1);
        double[][] expected = {{20.2, -8.1, -4}, {40.2, -18.1, -8}};
        boolean[] modes = {true, false};
        for (int m = 0; m < 2; m++) {
            MultiLayerNetwork net = oneWeight(l2, 0.5, modes[m]);
            net.getParam("0_b").assign(0);
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            assertEquals(expected[m][0], net.score(), ROUNDING, "score, miniBatch " + modes[m]);
            assertEquals(40, net.gradient().getGradientFor("0_W").getDouble(0), ROUNDING, "gradient() holds the batch sum, miniBatch " + modes[m]);
            net.fit(x, y);
            assertEquals(expected[m][1], net.getParam("0_W").getDouble(0), ROUNDING, "W, miniBatch " + modes[m]);
            assertEquals(expected[m][2], net.getParam("0_b").getDouble(0), ROUNDING, "b, miniBatch " + modes[m]);
        }
    }

    /**
     * Why penalties are set per layer as lists: DL4J 1.0.0-M2.1's network-wide
     * {@code weightDecay(0.1)} lists WeightDecay twice on every layer and so decays twice
     * (W = 1, lr = 1, no data gradient: W ← 1 − 2·0.1 = 0.8, score ½·0.1·1 twice = 0.1), while the
     * same decay set on the layer decays once (0.9, 0.05).
     */
    @Test
    void dl4jsNetworkWideWeightDecayDecaysTwice() {
        INDArray x = Nd4j.create(new double[][]{{0}}), y = Nd4j.create(new double[][]{{0}});
        MultiLayerConfiguration global = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new Sgd(1.0)).weightDecay(0.1).list()
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(1).nOut(1).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build()).build();
        assertEquals(List.of(new WeightDecay(0.1, true), new WeightDecay(0.1, true)), ((BaseLayer) global.getConf(0).getLayer()).getRegularization());
        NetSpec spec = new NetSpec(1, List.of(), new LayerSpec(1, Activation.IDENTITY, Regularization.NONE.withWeightDecay(0.1)), Loss.MSE, 0, 1.0,
                Init.NORMAL, 1, true);
        MultiLayerConfiguration perLayer = Dl4jNets.configuration(spec);
        double[][] expected = {{0.1, 0.8}, {0.05, 0.9}};
        MultiLayerConfiguration[] confs = {global, perLayer};
        for (int c = 0; c < 2; c++) {
            MultiLayerNetwork net = Dl4jNets.network(confs[c]);
            net.getParam("0_W").assign(1);
            net.getParam("0_b").assign(0);
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            assertEquals(expected[c][0], net.score(), ROUNDING, c == 0 ? "network-wide" : "per layer");
            net.fit(x, y);
            assertEquals(expected[c][1], net.getParam("0_W").getDouble(0), ROUNDING, c == 0 ? "network-wide" : "per layer");
        }
    }

    // ---------------------------------------------------------------- the tutorial's configuration is unchanged

    /** The tutorial's configuration as Dl4jNets built it before the spec had layers, penalties and losses. */
    private static MultiLayerConfiguration tutorialAsBefore(NetSpec spec) {
        return new NeuralNetConfiguration.Builder().seed(spec.seed()).dataType(DataType.DOUBLE).updater(new Sgd(spec.learningRate()))
                .weightInit(WeightInit.XAVIER).miniBatch(true).list()
                .layer(new DenseLayer.Builder().nIn(spec.nIn()).nOut(spec.hidden().get(0).nOut())
                        .activation(org.nd4j.linalg.activations.Activation.RELU.getActivationFunction()).build())
                .layer(new OutputLayer.Builder(new LossMCXENT(1e-10, null)).nIn(spec.hidden().get(0).nOut()).nOut(spec.nOut())
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX.getActivationFunction()).build())
                .build();
    }

    @Test
    void theTutorialsConfigurationsAreExactlyWhatTheyWere() {
        for (NetSpec spec : List.of(NetSpec.quadrant(), NetSpec.digits())) {
            assertEquals(tutorialAsBefore(spec).toJson(), Dl4jNets.configuration(spec).toJson(), spec.toString());
            assertEquals(tutorialAsBefore(spec), Dl4jNets.configuration(spec), spec.toString());
        }
    }

    @Test
    void theNetworkIsInitialisedInDoublePrecision() {
        MultiLayerNetwork net = Dl4jNets.network(ODD);
        assertEquals(DataType.DOUBLE, net.params().dataType());
        assertEquals(3 * 7 + 7 + 7 * 5 + 5, net.params().length());
        assertEquals(2, net.getnLayers());
    }

    // ---------------------------------------------------------------- ND4J's global settings

    @Test
    void buildingAConfigurationSwitchesNd4jToDoublePrecision() {
        try {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            Dl4jNets.configuration(NetSpec.quadrant());
            assertEquals(DataType.DOUBLE, Nd4j.dataType());
            assertEquals(DataType.DOUBLE, Nd4j.defaultFloatingPointType());
            assertEquals(DataType.DOUBLE, Nd4j.create(new double[]{1}).dataType());
        } finally {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        }
    }

    /**
     * ND4J (1.0.0-M2.1) only lowers its OpenMP limits below the count it started with, and tests
     * start it with OMP_NUM_THREADS=1; OpenBLAS's limit can go both ways, so that one shows each call.
     */
    @Test
    void useThreadsSetsNd4jsAndOpenBlasLimitsAndZeroKeepsThem() {
        int master = Nd4j.getEnvironment().maxMasterThreads(), blas = Nd4j.factory().blas().getMaxThreads();
        try {
            Dl4jNets.useThreads(2);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS threads after useThreads(2)");
            Dl4jNets.useThreads(0);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS threads after useThreads(0)");
            Dl4jNets.useThreads(1);
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS threads after useThreads(1)");
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "ND4J's master threads");
            assertEquals("1 ND4J thread", Dl4jNets.threads());
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(master);
            Nd4j.factory().blas().setMaxThreads(blas);
        }
    }

    @Test
    void aNegativeThreadCountIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dl4jNets.useThreads(-1));
        assertEquals("ND4J threads -1 is invalid; give ≥ 1, or 0 for ND4J's default", e.getMessage());
    }
}
