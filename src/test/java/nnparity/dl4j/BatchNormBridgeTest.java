package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.Activation;
import nnparity.spec.BatchNormParams;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.DenseParams;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * DL4J 1.0.0-M2.1's {@code BatchNormalization} as the bridge relies on it, pinned against literal
 * numbers: where its layers and parameters sit, that it stores log10(std), and how its running
 * statistics move (only in {@code fit}, by a pseudo-gradient the NoOp updater subtracts).
 */
class BatchNormBridgeTest {
    /** Copies move bits. */
    private static final double EXACT = 0;
    /** var → ½·log10(var) → (10^s)² and DL4J's own pow/log: a few ulps of values of size ~1. */
    private static final double CONVERSION_TOL = 1e-15;

    /** 3 → 5 (bn) → 4 (bn) → 2: DL4J layers 0 dense, 1 bn, 2 dense, 3 bn, 4 output. */
    private static final NetSpec TWO_BN = NetSpec.quadrant().withSizes(3, List.of(5, 4), 2).withBatchNorm(BatchNormSpec.DL4J_DEFAULT);

    @Test
    void dl4jsDefaultsAreEps1eMinus5Decay09LogStdOnAndGammaBetaLearned() {
        BatchNormalization b = new BatchNormalization.Builder().nOut(3).build();
        assertEquals(1e-5, b.getEps(), EXACT);
        assertEquals(0.9, b.getDecay(), EXACT);
        assertTrue(b.isUseLogStd(), "the builder's default useLogStd");
        assertFalse(b.isLockGammaBeta());
        assertTrue(new BatchNormalization().isUseLogStd(), "the no-argument constructor takes the builder's defaults");
        assertNull(b.getRegularizationByParam("gamma"), "batch norm is never regularized");
    }

    @Test
    void batchNormLayersShiftTheDl4jIndexOfEveryLaterDenseLayer() {
        MultiLayerNetwork net = Dl4jNets.network(TWO_BN);
        assertEquals(5, net.getnLayers());
        for (ParamBridge.Layout l : List.of(ParamBridge.Layout.of(net), ParamBridge.Layout.of(TWO_BN))) {
            assertArrayEquals(new int[]{0, 2, 4}, l.dense());
            assertEquals(Map.of(1, 1, 2, 3), l.batchNorm());
        }
        assertEquals(List.of("gamma", "beta", "mean", "log10stdev"), List.copyOf(net.getLayer(1).paramTable().keySet()));
        assertEquals(List.of("0_W", "0_b", "1_gamma", "1_beta", "1_mean", "1_log10stdev", "2_W", "2_b", "3_gamma", "3_beta", "3_mean",
                "3_log10stdev", "4_W", "4_b"), List.copyOf(net.paramTable().keySet()));
        BatchNormalization conf = (BatchNormalization) net.getLayerWiseConfigurations().getConf(1).getLayer();
        assertEquals("identity", conf.getActivationFn().toString());
    }

    @Test
    void aFreshNetStartsAtGammaOneBetaZeroMeanZeroAndLogStdZeroThatIsVarianceOne() {
        MultiLayerNetwork net = Dl4jNets.network(TWO_BN);
        assertArrayEquals(new double[5], net.getParam("1_log10stdev").dup().data().asDouble(), EXACT);
        BatchNormParams p = ParamBridge.read(net).batchNorm(1);
        assertEquals(BatchNormParams.initial(5), p);
        assertEquals(ParamSet.initial(TWO_BN).batchNorm(), ParamBridge.read(net).batchNorm());
    }

    private static ParamSet literal() {
        ParamSet p = ParamSet.zeros(TWO_BN);
        TreeMap<Integer, BatchNormParams> bn = new TreeMap<>();
        bn.put(1, new BatchNormParams(5, new double[]{1.1, 1.2, 1.3, 1.4, 1.5}, new double[]{-0.1, -0.2, -0.3, -0.4, -0.5},
                new double[]{0.01, 0.02, 0.03, 0.04, 0.05}, new double[]{4.0, 0.25, 2.0, 1.0, 9.0}));
        bn.put(2, new BatchNormParams(4, new double[]{2.1, 2.2, 2.3, 2.4}, new double[]{-2.1, -2.2, -2.3, -2.4},
                new double[]{0.21, 0.22, 0.23, 0.24}, new double[]{1.0, 1.0, 1.0, 16.0}));
        List<DenseParams> dense = p.layers().stream().map(d -> {
            double[] w = d.w().clone(), b = d.b().clone();
            for (int i = 0; i < w.length; i++) w[i] = 100 * d.nIn() + i;
            for (int j = 0; j < b.length; j++) b[j] = -100 * d.nIn() - j;
            return new DenseParams(d.nIn(), d.nOut(), w, b);
        }).toList();
        return new ParamSet(dense, bn);
    }

    @Test
    void writePutsGammaBetaMeanAndHalfLog10OfTheVarianceIntoTheBatchNormLayersView() {
        MultiLayerNetwork net = Dl4jNets.network(TWO_BN);
        ParamBridge.write(literal(), net);
        // layer 1's view in DL4J's flat params(): after 0_W (15) and 0_b (5)
        double[] flat = net.params().dup().data().asDouble();
        assertArrayEquals(new double[]{1.1, 1.2, 1.3, 1.4, 1.5, -0.1, -0.2, -0.3, -0.4, -0.5, 0.01, 0.02, 0.03, 0.04, 0.05},
                java.util.Arrays.copyOfRange(flat, 20, 35), EXACT);
        // ½·log10 of 4, 0.25, 2, 1, 9 (numpy)
        assertArrayEquals(new double[]{0.3010299956639812, -0.3010299956639812, 0.1505149978319906, 0, 0.47712125471966244},
                java.util.Arrays.copyOfRange(flat, 35, 40), CONVERSION_TOL);
        assertEquals(2.4, net.getParam("3_gamma").getDouble(3), EXACT);
        assertEquals(-100 * 5 - 3, net.getParam("2_b").getDouble(3), EXACT, "dense layer 2 is DL4J layer 2, after the batch norm");
        assertEquals(-100 * 4 - 1, net.getParam("4_b").getDouble(1), EXACT, "the output layer is DL4J layer 4");
    }

    @Test
    void readGivesBackWhatWasWrittenTheVarianceWithinRounding() {
        MultiLayerNetwork net = Dl4jNets.network(TWO_BN);
        ParamSet in = literal();
        ParamBridge.write(in, net);
        ParamSet out = ParamBridge.read(net);
        assertEquals(in.layers(), out.layers());
        for (int k : List.of(1, 2)) {
            assertArrayEquals(in.batchNorm(k).gamma(), out.batchNorm(k).gamma(), EXACT);
            assertArrayEquals(in.batchNorm(k).beta(), out.batchNorm(k).beta(), EXACT);
            assertArrayEquals(in.batchNorm(k).mean(), out.batchNorm(k).mean(), EXACT);
            assertArrayEquals(in.batchNorm(k).var(), out.batchNorm(k).var(), CONVERSION_TOL * 16);
        }
    }

    @Test
    void writeRefusesParametersWithoutTheNetsBatchNormsAndLeavesTheNetAsItWas() {
        MultiLayerNetwork net = Dl4jNets.network(TWO_BN);
        INDArray before = net.params().dup();
        ParamSet plain = new ParamSet(literal().layers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.write(plain, net));
        assertEquals("parameters with batch norm after layers [] do not fit a net with batch norm after layers [1, 2]", e.getMessage());
        assertEquals(before, net.params());
    }

    /**
     * 2 → 2 (identity, bn) → 2 with W1 = I, b1 = 0: the batch norm sees x itself. For the rows
     * (1, 2), (3, 6), (5, 1): μ = (3, 3), biased σ² = (8/3, 14/3).
     */
    private static MultiLayerNetwork identityIntoBatchNorm() {
        NetSpec spec = NetSpec.quadrant().withSizes(2, List.of(2), 2).withHidden(List.of(new LayerSpec(2, Activation.IDENTITY)))
                .withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        ParamSet p = ParamSet.initial(spec.withInit(nnparity.spec.Init.XAVIER));
        List<DenseParams> d = List.of(new DenseParams(2, 2, new double[]{1, 0, 0, 1}, new double[2]), p.layers().get(1));
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(new ParamSet(d, p.batchNorm()), net);
        return net;
    }

    private static final INDArray X = Nd4j.create(new double[]{1, 2, 3, 6, 5, 1}, new long[]{3, 2}, 'c');
    private static final INDArray Y = Nd4j.create(new double[]{1, 0, 0, 1, 1, 0}, new long[]{3, 2}, 'c');

    @Test
    void computeGradientAndScoreChangesNoRunningStatisticAndLeavesAPseudoGradientNotDividedByTheBatch() {
        MultiLayerNetwork net = identityIntoBatchNorm();
        INDArray before = net.params().dup();
        net.setInput(X);
        net.setLabels(Y);
        net.computeGradientAndScore();
        assertEquals(before, net.params(), "computeGradientAndScore changes no parameter");
        // (mean − μ)(1 − decay) = (0 − 3)·0.1; log10(std_old / std_new) with std_new² = 0.9 + 0.1·σ² (numpy)
        assertArrayEquals(new double[]{-0.3, -0.3}, net.gradient().getGradientFor("1_mean").dup().data().asDouble(), CONVERSION_TOL);
        assertArrayEquals(new double[]{-0.03347339481530661, -0.06783130100003652},
                net.gradient().getGradientFor("1_log10stdev").dup().data().asDouble(), CONVERSION_TOL);
    }

    @Test
    void fitMovesTheRunningMeanAndVarianceByOneMinusDecayTowardTheBatchs() {
        MultiLayerNetwork net = identityIntoBatchNorm();
        net.fit(X, Y);
        BatchNormParams p = ParamBridge.read(net).batchNorm(1);
        assertArrayEquals(new double[]{0.3, 0.3}, p.mean(), CONVERSION_TOL);
        assertArrayEquals(new double[]{1.1666666666666667, 1.3666666666666667}, p.var(), CONVERSION_TOL);
    }

    @Test
    void theGradientBridgeReportsGammaAndBetaPerExampleAndZeroForTheRunningStatistics() {
        MultiLayerNetwork net = identityIntoBatchNorm();
        net.setInput(X);
        net.setLabels(Y);
        net.computeGradientAndScore();
        NetSpec spec = NetSpec.quadrant().withSizes(2, List.of(2), 2).withHidden(List.of(new LayerSpec(2, Activation.IDENTITY)))
                .withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        BatchNormParams g = ParamBridge.gradient(net.gradient(), spec, 3).batchNorm(1);
        double[] sum = net.gradient().getGradientFor("1_gamma").dup().data().asDouble();
        for (int j = 0; j < 2; j++) assertEquals(sum[j] / 3, g.gamma()[j], EXACT);
        assertArrayEquals(new double[2], g.mean(), EXACT);
        assertArrayEquals(new double[2], g.var(), EXACT);
    }
}
