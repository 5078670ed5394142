package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.SampleStats;

/**
 * Each scheme that the hand-written side draws itself ({@link ParamSet#initial}) has DL4J's
 * definition of its distribution: a 400 × 300 layer is drawn both ways, by {@code ParamSet} from
 * its seed and by DL4J from the matching weight init, and the two samples must agree in mean,
 * standard deviation, excess kurtosis (0 for a Gaussian, −1.2 for a uniform: it tells the two
 * apart) and, for the uniform schemes, their extremes (the bounds ±a). DL4J's counterparts, read
 * off deeplearning4j-nn-1.0.0-M2.1.jar (WeightInit.getWeightInitFunction and each class's init):
 *
 * <pre>
 *   NORMAL          WeightInitDistribution(NormalDistribution(0, 0.01))   DL4J's WeightInit.NORMAL is N(0, 1/fanIn) instead
 *   XAVIER          WeightInitXavier        randn · √(2 / (fanIn + fanOut))
 *   XAVIER_UNIFORM  WeightInitXavierUniform U(−s, s), s = √6 / √(fanIn + fanOut)
 *   RELU            WeightInitRelu          randn · √(2 / fanIn)
 *   RELU_UNIFORM    WeightInitReluUniform   U(−s, s), s = √(6 / fanIn)
 *   LECUN_NORMAL    WeightInitNormal        randn / √fanIn
 *   UNIFORM         WeightInitUniform       U(−a, a), a = 1 / √fanIn
 *   ZERO            WeightInitConstant(0)
 * </pre>
 *
 * The nearest wrong definitions differ by 7% in σ (XAVIER vs LECUN_NORMAL here: √(2/700) vs
 * √(1/400)); the tolerances below are 1.7% and less.
 */
class InitDistributionTest {
    private static final int N_IN = 400, N_OUT = 300, N = N_IN * N_OUT;

    /** Standard errors allowed, as {@link SampleStats#STANDARD_ERRORS}: a correct pair lands outside with probability ≈ 2e-9. */
    static final double SE = SampleStats.STANDARD_ERRORS;
    /** Two independent means of n draws differ by σ·√(2/n) in standard error. */
    static final double MEAN_TOLERANCE_PER_SIGMA = SE * Math.sqrt(2.0 / N);
    /** Two independent sample stds differ by about σ/√n (Gaussian; a uniform's is smaller): 1.7% of σ here. */
    static final double STD_TOLERANCE_PER_SIGMA = SE / Math.sqrt(N);
    /** Two independent excess kurtoses of Gaussian samples differ by √(48/n) in standard error: ±0.12 here. */
    static final double KURTOSIS_TOLERANCE = SE * Math.sqrt(48.0 / N);
    /**
     * The largest of n draws of U(−a, a) lies below a(1 − ε) with probability (1 − ε/2)ⁿ ≈ e^(−nε/2):
     * e^−24 for ε = 4e-4, so the two samples' extremes agree to 4e-4 of a.
     */
    static final double UNIFORM_EDGE = 4e-4;

    private static double[] handDrawn(Init init) {
        NetSpec spec = new NetSpec(N_IN, List.of(), new LayerSpec(N_OUT, Activation.IDENTITY), Loss.MSE, 0, 0.1, init, 20240, true);
        return ParamSet.initial(spec).layer(1).w();
    }

    private static double[] dl4jDrawn(Init init) {
        Dl4jNets.useDoublePrecision();
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(77).dataType(DataType.DOUBLE).updater(new Sgd(0.1));
        switch (init) {
            case NORMAL -> b.weightInit(new NormalDistribution(0, Init.NORMAL_STD));
            case XAVIER -> b.weightInit(WeightInit.XAVIER);
            case XAVIER_UNIFORM -> b.weightInit(WeightInit.XAVIER_UNIFORM);
            case RELU -> b.weightInit(WeightInit.RELU);
            case RELU_UNIFORM -> b.weightInit(WeightInit.RELU_UNIFORM);
            case LECUN_NORMAL -> b.weightInit(WeightInit.LECUN_NORMAL);
            case UNIFORM -> b.weightInit(WeightInit.UNIFORM);
            case ZERO -> b.weightInit(WeightInit.ZERO);
            case DL4J -> throw new IllegalArgumentException("init dl4j has no hand-drawn counterpart");
        }
        MultiLayerNetwork net = Dl4jNets.network(b.list()
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(N_IN).nOut(N_OUT).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build());
        return net.getParam("0_W").dup().data().asDouble();
    }

    private static boolean uniform(Init init) {
        return init == Init.XAVIER_UNIFORM || init == Init.RELU_UNIFORM || init == Init.UNIFORM;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Init.class, names = {"NORMAL", "XAVIER", "XAVIER_UNIFORM", "RELU", "RELU_UNIFORM", "LECUN_NORMAL", "UNIFORM"})
    void handDrawnWeightsHaveDl4jsDistribution(Init init) {
        double[] hand = handDrawn(init), dl4j = dl4jDrawn(init);
        assertEquals(N, hand.length);
        assertEquals(N, dl4j.length);
        SampleStats h = SampleStats.of(hand), d = SampleStats.of(dl4j);
        double sigma = d.std();
        assertEquals(d.mean(), h.mean(), MEAN_TOLERANCE_PER_SIGMA * sigma, "mean");
        assertEquals(d.std(), h.std(), STD_TOLERANCE_PER_SIGMA * sigma, "standard deviation");
        assertEquals(d.excessKurtosis(), h.excessKurtosis(), KURTOSIS_TOLERANCE, "excess kurtosis (Gaussian 0, uniform −1.2)");
        if (uniform(init)) {
            double[] hs = hand.clone(), ds = dl4j.clone();
            Arrays.sort(hs);
            Arrays.sort(ds);
            double a = ds[N - 1];
            assertEquals(a, hs[N - 1], UNIFORM_EDGE * a, "largest weight, just under +a");
            assertEquals(ds[0], hs[0], UNIFORM_EDGE * a, "smallest weight, just over −a");
            assertEquals(-a, hs[0], 2 * UNIFORM_EDGE * a, "a uniform symmetric about 0");
        }
    }

    @Test
    void zeroIsZeroOnBothSides() {
        assertTrue(Arrays.stream(handDrawn(Init.ZERO)).allMatch(v -> v == 0), "hand-drawn");
        assertTrue(Arrays.stream(dl4jDrawn(Init.ZERO)).allMatch(v -> v == 0), "DL4J");
    }

    /** The test can fail: DL4J's own WeightInit.NORMAL, N(0, 1/fanIn), is not the tutorial's 0.01·N(0, 1). */
    @Test
    void dl4jsWeightInitNormalIsAnotherDistributionThanTheTutorials() {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(77).dataType(DataType.DOUBLE).weightInit(WeightInit.NORMAL);
        MultiLayerNetwork net = Dl4jNets.network(b.list()
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(N_IN).nOut(N_OUT).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build());
        SampleStats d = SampleStats.of(net.getParam("0_W").dup().data().asDouble());
        SampleStats h = SampleStats.of(handDrawn(Init.NORMAL));
        assertEquals(1 / Math.sqrt(N_IN), d.std(), d.stdBound(1 / Math.sqrt(N_IN)), "DL4J's NORMAL: σ = 1/√fanIn = 0.05");
        assertTrue(Math.abs(d.std() - h.std()) > 100 * STD_TOLERANCE_PER_SIGMA * h.std(), "0.05 vs 0.01: far outside the tolerance");
    }
}
