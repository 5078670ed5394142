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

import nnparity.spec.DenseParams;
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

    @Test
    void meanGradientDividesDl4jsBatchSumByTheBatchSize() {
        // DL4J's gradient views are 'f'-ordered like its parameters; the sums over a batch of 4:
        DefaultGradient g = new DefaultGradient();
        g.setGradientFor("0_W", Nd4j.create(new double[][]{{4, -8, 2}, {1, 0.5, -12}}).dup('f'));
        g.setGradientFor("0_b", Nd4j.create(new double[][]{{8, -4, 2}}));
        g.setGradientFor("1_W", Nd4j.create(new double[][]{{-4, 4}, {6, 10}, {0, 3}}).dup('f'));
        g.setGradientFor("1_b", Nd4j.create(new double[][]{{-2, 1}}));
        ParamSet mean = ParamBridge.meanGradient(g, 2, 4);
        // each sum / 4, in the canonical row-major layout (dyadic values: the division is exact)
        assertEquals(2, mean.layers().size());
        assertShape(mean.layer(1), 2, 3);
        assertArrayEquals(new double[]{1, -2, 0.5, 0.25, 0.125, -3}, mean.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{2, -1, 0.5}, mean.layer(1).b(), EXACT);
        assertShape(mean.layer(2), 3, 2);
        assertArrayEquals(new double[]{-1, 1, 1.5, 2.5, 0, 0.75}, mean.layer(2).w(), EXACT);
        assertArrayEquals(new double[]{-0.5, 0.25}, mean.layer(2).b(), EXACT);

        ParamSet first = ParamBridge.meanGradient(g, 1, 8);
        assertEquals(1, first.layers().size());
        assertArrayEquals(new double[]{0.5, -1, 0.25, 0.125, 0.0625, -1.5}, first.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{1, -0.5, 0.25}, first.layer(1).b(), EXACT);
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
    void writeRefusesAWrongSecondLayerNamingBothShapes() {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamSet wider = new ParamSet(List.of(DenseParams.zeros(3, 5), DenseParams.zeros(5, 6)));
        var e = assertThrows(IllegalArgumentException.class, () -> ParamBridge.write(wider, net));
        assertEquals("1_W is [5x4], parameters are [5x6]", e.getMessage());
    }
}
