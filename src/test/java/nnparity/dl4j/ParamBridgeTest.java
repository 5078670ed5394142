package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The bridge against literal numbers, each side through its own API: canonical arrays written
 * out by hand on one side, DL4J's {@code getParam}/{@code setParam}/{@code params()} on the other.
 * Every value encodes where it belongs, so a transposition or a swap shows as a wrong number:
 * W1[i][j] = 10·(i+1) + (j+1), b1[j] = −(j+1), W2[i][j] = 200 + 10·(i+1) + (j+1), b2[j] = −(20 + j+1).
 */
class ParamBridgeTest {
    /** Copies move bits; nothing is computed. */
    static final double EXACT = 0;

    /** 3 → 5 → 4: nIn, nHidden and nOut all differ, so no transposition keeps a shape. */
    private final NetSpec spec = NetSpec.quadrant().withSizes(3, 5, 4);

    /** W1 [3x5] row-major. */
    static final double[] W1 = {
            11, 12, 13, 14, 15,
            21, 22, 23, 24, 25,
            31, 32, 33, 34, 35};
    static final double[] B1 = {-1, -2, -3, -4, -5};
    /** W2 [5x4] row-major. */
    static final double[] W2 = {
            211, 212, 213, 214,
            221, 222, 223, 224,
            231, 232, 233, 234,
            241, 242, 243, 244,
            251, 252, 253, 254};
    static final double[] B2 = {-21, -22, -23, -24};

    private static ParamSet literalParams() {
        return new ParamSet(List.of(new DenseParams(3, 5, W1.clone(), B1.clone()), new DenseParams(5, 4, W2.clone(), B2.clone())));
    }

    @Test
    void writePutsEachCanonicalValueAtTheSameRowAndColumnOfDl4jsParameters() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(literalParams(), net);
        INDArray w1 = net.getParam("0_W"), b1 = net.getParam("0_b"), w2 = net.getParam("1_W"), b2 = net.getParam("1_b");
        assertEquals(13, w1.getDouble(0, 2), EXACT);
        assertEquals(31, w1.getDouble(2, 0), EXACT);
        assertEquals(-4, b1.getDouble(3), EXACT);
        assertEquals(243, w2.getDouble(3, 2), EXACT);
        assertEquals(-24, b2.getDouble(3), EXACT);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 5; j++) assertEquals(10 * (i + 1) + (j + 1), w1.getDouble(i, j), EXACT, "0_W[" + i + "," + j + "]");
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 4; j++) assertEquals(200 + 10 * (i + 1) + (j + 1), w2.getDouble(i, j), EXACT, "1_W[" + i + "," + j + "]");
        for (int j = 0; j < 5; j++) assertEquals(-(j + 1), b1.getDouble(j), EXACT, "0_b[" + j + "]");
        for (int j = 0; j < 4; j++) assertEquals(-(20 + j + 1), b2.getDouble(j), EXACT, "1_b[" + j + "]");
    }

    @Test
    void dl4jFlatViewStoresWColumnMajorAfterEachOther() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(literalParams(), net);
        // 0_W column by column (flat = i + j·nIn), 0_b, 1_W column by column (offset + i + j·nHidden), 1_b
        double[] expected = {
                11, 21, 31, 12, 22, 32, 13, 23, 33, 14, 24, 34, 15, 25, 35,
                -1, -2, -3, -4, -5,
                211, 221, 231, 241, 251, 212, 222, 232, 242, 252, 213, 223, 233, 243, 253, 214, 224, 234, 244, 254,
                -21, -22, -23, -24};
        assertArrayEquals(expected, net.params().dup().data().asDouble(), EXACT);
    }

    @Test
    void readReturnsParametersSetThroughDl4jsApiInTheCanonicalLayout() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        net.setParam("0_W", Nd4j.create(new double[][]{{11, 12, 13, 14, 15}, {21, 22, 23, 24, 25}, {31, 32, 33, 34, 35}}));
        net.setParam("0_b", Nd4j.create(new double[][]{{-1, -2, -3, -4, -5}}));
        net.setParam("1_W", Nd4j.create(new double[][]{
                {211, 212, 213, 214}, {221, 222, 223, 224}, {231, 232, 233, 234}, {241, 242, 243, 244}, {251, 252, 253, 254}}));
        net.setParam("1_b", Nd4j.create(new double[][]{{-21, -22, -23, -24}}));
        ParamSet p = ParamBridge.read(net);
        assertEquals(2, p.layers().size());
        assertEquals(3, p.layer(1).nIn());
        assertEquals(5, p.layer(1).nOut());
        assertEquals(5, p.layer(2).nIn());
        assertEquals(4, p.layer(2).nOut());
        assertArrayEquals(W1, p.layer(1).w(), EXACT);
        assertArrayEquals(B1, p.layer(1).b(), EXACT);
        assertArrayEquals(W2, p.layer(2).w(), EXACT);
        assertArrayEquals(B2, p.layer(2).b(), EXACT);
    }

    @Test
    void readReturnsACopyThatDl4jsTrainingDoesNotChange() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(literalParams(), net);
        ParamSet p = ParamBridge.read(net);
        net.getParam("0_W").assign(0);
        assertEquals(11, p.layer(1).w(0, 0), EXACT);
    }

    /** DL4J's gradient views are 'f'-ordered like its parameters; these are sums over a batch of 4 of a 2 → 3 → 2 net. */
    private static DefaultGradient batchSum() {
        DefaultGradient g = new DefaultGradient();
        g.setGradientFor("0_W", Nd4j.create(new double[][]{{4, -8, 2}, {1, 0.5, -12}}).dup('f'));
        g.setGradientFor("0_b", Nd4j.create(new double[][]{{8, -4, 2}}));
        g.setGradientFor("1_W", Nd4j.create(new double[][]{{-4, 4}, {6, 10}, {0, 3}}).dup('f'));
        g.setGradientFor("1_b", Nd4j.create(new double[][]{{-2, 1}}));
        return g;
    }

    private static final NetSpec TWO_THREE_TWO = NetSpec.quadrant().withSizes(2, 3, 2);

    @Test
    void gradientDividesDl4jsBatchSumByTheBatchSizeWhenMiniBatchIsOn() {
        ParamSet mean = ParamBridge.gradient(batchSum(), TWO_THREE_TWO, 4);
        // each sum / 4, in the canonical row-major layout (dyadic values: the division is exact)
        assertEquals(2, mean.layers().size());
        assertShape(mean.layer(1), 2, 3);
        assertArrayEquals(new double[]{1, -2, 0.5, 0.25, 0.125, -3}, mean.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{2, -1, 0.5}, mean.layer(1).b(), EXACT);
        assertShape(mean.layer(2), 3, 2);
        assertArrayEquals(new double[]{-1, 1, 1.5, 2.5, 0, 0.75}, mean.layer(2).w(), EXACT);
        assertArrayEquals(new double[]{-0.5, 0.25}, mean.layer(2).b(), EXACT);

        ParamSet eighth = ParamBridge.gradient(batchSum(), TWO_THREE_TWO, 8);
        assertArrayEquals(new double[]{0.5, -1, 0.25, 0.125, 0.0625, -1.5}, eighth.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{-0.25, 0.125}, eighth.layer(2).b(), EXACT);
    }

    @Test
    void gradientIsDl4jsBatchSumItselfWhenMiniBatchIsOff() {
        // miniBatch(false): DL4J's updater steps along the sum, so nothing is divided
        ParamSet sum = ParamBridge.gradient(batchSum(), TWO_THREE_TWO.withMiniBatch(false), 4);
        assertArrayEquals(new double[]{4, -8, 2, 1, 0.5, -12}, sum.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{8, -4, 2}, sum.layer(1).b(), EXACT);
        assertArrayEquals(new double[]{-4, 4, 6, 10, 0, 3}, sum.layer(2).w(), EXACT);
        assertArrayEquals(new double[]{-2, 1}, sum.layer(2).b(), EXACT);
    }

    @Test
    void gradientReadsAsManyLayersAsTheSpecHas() {
        // a 2 → 3 spec without hidden layers reads 0_W and 0_b only
        NetSpec oneLayer = new NetSpec(2, List.of(), new LayerSpec(3, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1, Init.NORMAL, 1, true);
        ParamSet g = ParamBridge.gradient(batchSum(), oneLayer, 2);
        assertEquals(1, g.layers().size());
        assertArrayEquals(new double[]{2, -4, 1, 0.5, 0.25, -6}, g.layer(1).w(), EXACT);
    }

    @Test
    void gradientRefusesALayerOfAnotherShapeThanTheSpecs() {
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.gradient(batchSum(), NetSpec.quadrant().withSizes(3, 2, 2), 4));
        assertEquals("0_W gradient is [2x3], the spec's layer is [3x2]", e.getMessage());
    }

    @Test
    void gradientRefusesASpecDeeperThanTheGradient() {
        NetSpec deeper = NetSpec.quadrant().withSizes(2, List.of(3, 2), 2);
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.gradient(batchSum(), deeper, 4));
        assertEquals("the gradient has no 2_W; the spec has 3 layers", e.getMessage());
    }

    @Test
    void gradientRefusesABatchOfNoRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.gradient(batchSum(), TWO_THREE_TWO, 0));
        assertEquals("batch size 0 is invalid; it must be ≥ 1", e.getMessage());
    }

    private static void assertShape(DenseParams p, int nIn, int nOut) {
        assertEquals(nIn, p.nIn(), "nIn");
        assertEquals(nOut, p.nOut(), "nOut");
    }

    @Test
    void writeRefusesATransposedWeightMatrixNamingBothShapes() {
        // [5x3] has the same 15 values as DL4J's [3x5]; ND4J's assign would take it silently.
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamSet transposed = new ParamSet(List.of(DenseParams.zeros(5, 3), DenseParams.zeros(3, 4)));
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.write(transposed, net));
        assertEquals("0_W is [3x5], parameters are [5x3]", e.getMessage());
    }

    @Test
    void writeRefusesAWrongSecondLayerNamingBothShapesAndChangesNothing() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(literalParams(), net);
        // layer 1 fits; layer 2 does not: nothing may be written, layer 1 included
        ParamSet wider = new ParamSet(List.of(DenseParams.zeros(3, 5), DenseParams.zeros(5, 6)));
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.write(wider, net));
        assertEquals("1_W is [5x4], parameters are [5x6]", e.getMessage());
        assertEquals(literalParams(), ParamBridge.read(net), "DL4J's parameters are untouched");
    }

    @Test
    void writeRefusesAnotherNumberOfLayersAndChangesNothing() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(literalParams(), net);
        ParamSet one = new ParamSet(List.of(DenseParams.zeros(3, 5)));
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.write(one, net));
        assertEquals("1 layers of parameters do not fit a net of 2 layers", e.getMessage());
        ParamSet three = new ParamSet(List.of(DenseParams.zeros(3, 5), DenseParams.zeros(5, 4), DenseParams.zeros(4, 4)));
        e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.write(three, net));
        assertEquals("3 layers of parameters do not fit a net of 2 layers", e.getMessage());
        assertEquals(literalParams(), ParamBridge.read(net), "DL4J's parameters are untouched");
    }

    @Test
    void writeAndReadCarryEveryLayerOfADeeperNet() {
        // 3 → 5 → 4 → 2 → 3: layer k's values are 1000·k + 10·(i+1) + (j+1) and −(1000·k + j+1)
        NetSpec deep = NetSpec.quadrant().withSizes(3, List.of(5, 4, 2), 3);
        List<DenseParams> layers = new java.util.ArrayList<>();
        for (int k = 0; k < deep.depth(); k++) {
            int nIn = deep.nIn(k), nOut = deep.layers().get(k).nOut();
            double[] w = new double[nIn * nOut], b = new double[nOut];
            for (int i = 0; i < nIn; i++)
                for (int j = 0; j < nOut; j++) w[i * nOut + j] = 1000 * k + 10 * (i + 1) + (j + 1);
            for (int j = 0; j < nOut; j++) b[j] = -(1000 * k + j + 1);
            layers.add(new DenseParams(nIn, nOut, w, b));
        }
        MultiLayerNetwork net = Dl4jNets.network(deep);
        ParamBridge.write(new ParamSet(layers), net);
        assertEquals(2032, net.getParam("2_W").getDouble(2, 1), EXACT, "layer 3, W[2][1] through DL4J's own API");
        assertEquals(-3003, net.getParam("3_b").getDouble(2), EXACT, "layer 4, b[2]");
        assertEquals(new ParamSet(layers), ParamBridge.read(net));
    }
}
