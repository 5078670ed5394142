package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import nnparity.data.Batch;
import nnparity.parity.Dl4jSide;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * {@link Dl4jSide} built around a network it is given (a user's config or saved model): it reads
 * the spec off the network, keeps the network's own parameters, and reads the gradient the way
 * that network's miniBatch setting makes DL4J step.
 */
class Dl4jSideOfAnExistingNetworkTest {
    /** Sums and halves of small integers: exact. */
    static final double EXACT = 0;

    /**
     * 1 → 1, identity, MSE, W = 2, b = 0, x = (1, 3), y = (0, 0): ŷ = (2, 6), losses (4, 36),
     * ∂sum/∂W = 2·2·1 + 2·6·3 = 40, ∂sum/∂b = 2·2 + 2·6 = 16; a batch of 2.
     */
    private static NetSpec line(boolean miniBatch) {
        return new NetSpec(1, List.of(), new LayerSpec(1, Activation.IDENTITY), Loss.MSE, 0, 0.5, Init.DL4J, 1, miniBatch);
    }

    private static final Batch BATCH = new Batch(new int[]{0, 1}, new double[]{1, 3}, new double[]{0, 0}, new int[]{0, 0}, 1, 1);

    private static Dl4jSide sideOf(NetSpec spec) {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(new ParamSet(List.of(new DenseParams(1, 1, new double[]{2}, new double[]{0}))), net);
        return new Dl4jSide(net);
    }

    @Test
    void theSpecIsReadOffTheNetworkAndTheNetworkIsUsedAsItIs() {
        MultiLayerNetwork net = Dl4jNets.network(line(true));
        Dl4jSide side = new Dl4jSide(net);
        assertEquals(line(true), side.spec());
        assertSame(net, side.network());
    }

    @Test
    void withMiniBatchOnTheLossAndGradientAreMeansOverTheBatch() {
        Dl4jSide side = sideOf(line(true));
        assertEquals(20, side.lossAndGradient(BATCH), EXACT);
        ParamSet g = side.meanGradient();
        assertArrayEquals(new double[]{20}, g.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{8}, g.layer(1).b(), EXACT);
    }

    @Test
    void withMiniBatchOffTheLossAndGradientAreSumsOverTheBatch() {
        Dl4jSide side = sideOf(line(false));
        assertEquals(40, side.lossAndGradient(BATCH), EXACT);
        ParamSet g = side.meanGradient();
        assertArrayEquals(new double[]{40}, g.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{16}, g.layer(1).b(), EXACT);
        // and DL4J steps along that sum: W ← 2 − 0.5·40, b ← 0 − 0.5·16
        side.update(BATCH);
        assertArrayEquals(new double[]{-18}, side.params().layer(1).w(), EXACT);
        assertArrayEquals(new double[]{-8}, side.params().layer(1).b(), EXACT);
    }

    @Test
    void aNetworkTheSpecCannotMirrorIsRefused() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(line(true));
        conf.setDataType(DataType.FLOAT);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        var e = assertThrows(ImportException.class, () -> new Dl4jSide(net));
        assertEquals("network: data type FLOAT is not supported; supported: DOUBLE (build it with new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE))",
                e.getMessage());
    }
}
