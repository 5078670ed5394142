package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import nnparity.spec.TwoLayerSpecs;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
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
                Arguments.of(Activation.SIGMOID, ActivationSigmoid.class),
                Arguments.of(Activation.TANH, ActivationTanH.class),
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
