package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.TwoLayerSpecs;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class NetworkTest {
    static final double EXACT = 0;
    static final double ULPS = 1e-15;

    /** 1 → 1 (identity) → 2 with W1 = [[1]], W2 = [[1, -1]]: z2 = [x, -x]. */
    private static Network tiny() {
        NetSpec spec = TwoLayerSpecs.of(1, 1, 2, Activation.IDENTITY, 0.5, nnparity.spec.Init.NORMAL, 1, NetSpec.DL4J_SOFTMAX_CLIP_EPS);
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

    /** 2 → 2 (identity) → 2 with W1 = [[1, 2], [3, 4]], b1 = [0.5, -0.5], W2 = [[1, -1], [2, 0]], b2 = [0.25, -0.25]. */
    private static ParamSet asymmetric() {
        return new ParamSet(List.of(new DenseParams(2, 2, new double[]{1, 2, 3, 4}, new double[]{0.5, -0.5}),
                new DenseParams(2, 2, new double[]{1, -1, 2, 0}, new double[]{0.25, -0.25})));
    }

    @Test
    void setParamsOverwritesEveryWeightAndBiasAsTheForwardPassShows() {
        NetSpec spec = TwoLayerSpecs.of(2, 2, 2, Activation.IDENTITY, 0.1, nnparity.spec.Init.NORMAL, 1, 0);
        Network net = new Network(spec, ParamSet.zeros(spec));
        net.setParams(asymmetric());
        // h = [1, 1]·W1 + b1 = [4.5, 5.5];  z2 = h·W2 + b2 = [4.5 + 11 + 0.25, -4.5 - 0.25]
        assertArrayEquals(new double[]{15.75, -4.75}, net.scores(Matrix.of(new double[][]{{1, 1}})).data, EXACT);
    }

    @Test
    void paramsReadsBackTheCanonicalLayoutItWasBuiltFrom() {
        NetSpec spec = TwoLayerSpecs.of(2, 2, 2, Activation.IDENTITY, 0.1, nnparity.spec.Init.NORMAL, 1, 0);
        ParamSet p = new Network(spec, asymmetric()).params();
        assertArrayEquals(new double[]{1, 2, 3, 4}, p.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{0.5, -0.5}, p.layer(1).b(), EXACT);
        assertArrayEquals(new double[]{1, -1, 2, 0}, p.layer(2).w(), EXACT);
        assertArrayEquals(new double[]{0.25, -0.25}, p.layer(2).b(), EXACT);
        assertEquals(List.of("W1[2x2]", "b1[1x2]", "W2[2x2]", "b2[1x2]"),
                new Network(spec, asymmetric()).parameters().stream().map(Parameter::toString).toList());
    }

    @Test
    void setParamsRefusesArraysOfTheWrongLength() {
        NetSpec spec = TwoLayerSpecs.of(2, 2, 2, Activation.IDENTITY, 0.1, nnparity.spec.Init.NORMAL, 1, 0);
        Network net = new Network(spec, asymmetric());
        ParamSet wide = new ParamSet(List.of(DenseParams.zeros(2, 3), DenseParams.zeros(3, 2)));
        var e = assertThrows(IllegalArgumentException.class, () -> net.setParams(wide));
        assertEquals("6 values do not fit [2x2]", e.getMessage());
    }

    @Test
    void parametersThatDoNotFitTheSpecAreRefused() {
        NetSpec spec = NetSpec.quadrant();
        var e = assertThrows(IllegalArgumentException.class, () -> new Network(spec, asymmetric()));
        assertEquals("parameters Dense(2→2) of layer 1 do not fit " + spec, e.getMessage());
    }

    @Test
    void predictGivesSoftmaxOfTheScores() {
        NetSpec spec = TwoLayerSpecs.of(2, 2, 2, Activation.IDENTITY, 0.1, nnparity.spec.Init.NORMAL, 1, 0);
        // scores [15.75, -4.75]: p = [1/(1 + e^-20.5), e^-20.5/(1 + e^-20.5)], Python's decimal
        assertArrayEquals(new double[]{0.9999999987498471, 1.2501528648238605e-09},
                new Network(spec, asymmetric()).predict(Matrix.of(new double[][]{{1, 1}})).data, ULPS);
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
