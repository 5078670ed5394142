package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class NetworkTest {
    static final double EXACT = 0;
    static final double ULPS = 1e-15;

    /** 1 → 1 (identity) → 2 with W1 = [[1]], W2 = [[1, -1]]: z2 = [x, -x]. */
    private static Network tiny() {
        NetSpec spec = new NetSpec(1, 1, 2, Activation.IDENTITY, 0.5, nnparity.spec.Init.NORMAL, 1, NetSpec.DL4J_SOFTMAX_CLIP_EPS);
        ParamSet p = new ParamSet(List.of(new DenseParams(1, 1, new double[]{1}, new double[]{0}),
                new DenseParams(1, 2, new double[]{1, -1}, new double[]{0, 0})));
        return new Network(spec, p);
    }

    @Test
    void backpropChainsTheLayerGradientsByHand() {
        Network net = tiny();
        // x = 0: z2 = [0, 0], p = [.5, .5], t = [1, 0] → dz2 = [-.5, .5]
        double loss = net.lossAndGradients(Matrix.of(new double[][]{{0}}), Matrix.of(new double[][]{{1, 0}}));
        assertEquals(Math.log(2), loss, ULPS);
        ParamSet g = net.gradients();
        // dW2 = hᵀ dz2 = 0·[...] ; db2 = dz2 ; dh = dz2·W2ᵀ = -.5 - .5 = -1 ; dW1 = x·dh = 0 ; db1 = -1
        assertArrayEquals(new double[]{0, 0}, g.layer(2).w(), EXACT);
        assertArrayEquals(new double[]{-0.5, 0.5}, g.layer(2).b(), EXACT);
        assertArrayEquals(new double[]{0}, g.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{-1}, g.layer(1).b(), EXACT);
    }

    @Test
    void sgdStepMovesEachParameterAgainstItsGradient() {
        Network net = tiny();
        net.lossAndGradients(Matrix.of(new double[][]{{0}}), Matrix.of(new double[][]{{1, 0}}));
        new Sgd(0.5).step(net.parameters());
        // b1 = 0 - 0.5·(-1) ; b2 = [0 - 0.5·(-0.5), 0 - 0.5·0.5]
        assertArrayEquals(new double[]{0.5}, net.params().layer(1).b(), EXACT);
        assertArrayEquals(new double[]{0.25, -0.25}, net.params().layer(2).b(), EXACT);
    }

    @Test
    void paramsRoundTripThroughTheCanonicalLayout() {
        NetSpec spec = NetSpec.quadrant();
        ParamSet p = ParamSet.initial(spec);
        Network net = new Network(spec, ParamSet.zeros(spec));
        net.setParams(p);
        assertEquals(p, net.params());
    }

    @Test
    void trainingWithStepActivationIsRefusedWithTheReason() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.STEP);
        Network net = new Network(spec, ParamSet.initial(spec));
        var e = assertThrows(UnsupportedOperationException.class,
                () -> net.lossAndGradients(Matrix.of(new double[][]{{1, 1}}), Matrix.of(new double[][]{{1, 0, 0, 0}})));
        assertTrue(e.getMessage().contains("derivative is 0"), e.getMessage());
    }

    @Test
    void describesItsLayersInOrder() {
        Network net = new Network(NetSpec.quadrant(), ParamSet.initial(NetSpec.quadrant()));
        assertEquals("Dense(2→50) → relu → Dense(50→4) → SoftmaxCrossEntropy(clip=1.0E-10)", net.toString());
        assertEquals("SGD(lr=0.1)", new Sgd(0.1).toString());
    }
}
