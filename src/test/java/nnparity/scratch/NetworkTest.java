package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.TwoLayerSpecs;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

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

    // ------------------------------------------------------------- three hidden layers, against numpy

    /** numpy (OpenBLAS) and {@link MatMul} (fma, its own order) sum a few products of numbers of order 1 differently: a few ulps. */
    static final double NUMPY_PEER = 2e-15;

    /** 3 → 4 (tanh) → 3 (sigmoid) → 3 (leakyrelu) → 2, a hidden leakyrelu unit negative for every example. */
    static NetSpec threeHidden(LayerSpec output, Loss loss, double clip, boolean miniBatch) {
        return new NetSpec(3, List.of(new LayerSpec(4, Activation.TANH), new LayerSpec(3, Activation.SIGMOID), new LayerSpec(3, Activation.LEAKYRELU)),
                output, loss, clip, 0.1, Init.NORMAL, 1, miniBatch);
    }

    /** W_k[i] = ((5i + 3k) mod 11 − 5) / 8 row-major, b_k[j] = ((3j + k) mod 5 − 2) / 10: the numpy peer's parameters. */
    static ParamSet peerParams(NetSpec spec) {
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 1; k <= spec.depth(); k++) {
            int nIn = spec.nIn(k - 1), nOut = spec.layers().get(k - 1).nOut();
            double[] w = new double[nIn * nOut], b = new double[nOut];
            for (int i = 0; i < w.length; i++) w[i] = ((i * 5 + k * 3) % 11 - 5) / 8.0;
            for (int j = 0; j < nOut; j++) b[j] = ((j * 3 + k) % 5 - 2) / 10.0;
            layers.add(new DenseParams(nIn, nOut, w, b));
        }
        return new ParamSet(layers);
    }

    static final Matrix PEER_X = Matrix.of(new double[][]{{1, -2, 0.5}, {0.25, 0, -1.5}, {-1, 1, 2}});

    static void assertPeerGradient(ParamSet g, double[][] expected) {
        for (int k = 1; k <= 4; k++) {
            assertArrayEquals(expected[2 * k - 2], g.layer(k).w(), NUMPY_PEER, "dW" + k);
            assertArrayEquals(expected[2 * k - 1], g.layer(k).b(), NUMPY_PEER, "db" + k);
        }
    }

    @Test
    void threeHiddenLayersSoftmaxNetHasTheNumpyPeersLossAndGradient() {
        NetSpec spec = threeHidden(new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, true);
        Network net = new Network(spec, peerParams(spec));
        assertEquals(0.6636779203789943, net.lossAndGradients(PEER_X, Matrix.of(new double[][]{{1, 0}, {0, 1}, {1, 0}})), NUMPY_PEER);
        assertPeerGradient(net.gradients(), new double[][]{
                {0.0005329634574634148, -0.00018865945684523816, -0.0003457625754598281, -0.0004356989087476262, 0.0011988444277168744, -0.001476571994981257,
                        8.544095381078447e-06, 0.002991412419943771, -0.005909170470924435, 0.004997764450014321, 0.0017172366795728728, -0.006397061212231606},
                {-0.0015992012936052115, 0.0013847434622960622, 0.00016776133615439723, -0.0005729102722076811},
                {0.002634407796162931, 0.012858617403152887, 0.006480973894476592, -0.0005965212478631229, -0.003076993769676755, -0.0014319515140051842,
                        0.0024748916357823047, 0.012037383315867546, 0.006096892094038488, -0.0011790083313236418, -0.0058732338929987785, -0.0029348192182776585},
                {0.0009244065784770716, 0.004276114284067471, 0.0024956268372678904},
                {0.01806058104375148, 0.00018060580640066038, -0.021672697252501764, 0.03402612851522619, 0.00034026127754682955, -0.04083135421827142,
                        0.011367632522516284, 0.00011367632268429904, -0.01364115902701953},
                {0.07767132015540831, 0.0007767131841931903, -0.09320558418648996},
                {-0.008733725455234048, 0.008733725455234041, 0.00017408824758791724, -0.00017408824758791708, -0.008470268263800595, 0.00847026826380059},
                {-0.12427411224865331, 0.12427411224865328}});
    }

    @Test
    void threeHiddenLayersMseNetWithoutMiniBatchHasTheNumpyPeersSumAndGradient() {
        NetSpec spec = threeHidden(new LayerSpec(2, Activation.IDENTITY), Loss.MSE, 0, false);
        Network net = new Network(spec, peerParams(spec));
        assertEquals(3.5791078291363103, net.lossAndGradients(PEER_X, Matrix.of(new double[][]{{0.5, -1}, {2, 0}, {-0.5, 1.5}})), NUMPY_PEER * 4);
        assertPeerGradient(net.gradients(), new double[][]{
                {-0.014477348500514204, 0.015478206897075972, 0.0031807412508605146, -0.014529536484419146, 0.014742804634314658, -0.019038702558482418,
                        -0.0019422489869642635, 0.013141099139148994, 0.033044975194204323, -0.024733785973753235, -0.01161093328492569, 0.041125098070880634},
                {-0.008238516896246263, 0.004142970646951495, 0.00439063479751246, -0.022803270273086367},
                {-0.006851610627498793, -0.055886861064237923, -0.024236104571456595, 0.006363665127383291, 0.037238080148032086, 0.017592988600188195,
                        -0.005191024958854303, -0.04630049343839689, -0.019690752251631992, 0.00688198748977236, 0.03275458394589578, 0.01638652095815847},
                {0.003410947897182038, 0.04364505206058198, 0.017711533060204395},
                {0.4869610273795781, 0.00618762731678346, -0.6107135764813322, 0.28110501012631506, 0.0040180050464144815, -0.36146511285079286,
                        0.5142788066421876, 0.006607720778355077, -0.6464332251631706},
                {0.670724196705641, 0.009116128031514265, -0.853046761411153},
                {-0.5319423585189761, 0.027617809070163382, 0.008934150371238776, 0.0005397472341353272, -0.3415333399361707, 0.043488396617816706},
                {-1.4585805176440976, -0.4685284969312631}});
    }

    @Test
    void feedForwardGivesTheInputThenEveryLayersActivationLikeDl4j() {
        NetSpec spec = threeHidden(new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, true);
        List<Matrix> a = new Network(spec, peerParams(spec)).feedForward(PEER_X);
        assertEquals(5, a.size(), "x, three hidden activations, ŷ");
        assertArrayEquals(PEER_X.data, a.get(0).data, EXACT);
        assertArrayEquals(new double[]{0.7453899238492566, 0.25663237659073246, 0.809301070201781, -0.0748596906874991, -0.8004990217606297,
                0.44724413493088044, -0.6877902051090852, 0.23313300904263856, 0.7162978701990245, -0.2913126124515909, 0.6351489523872873,
                -0.7397830512740042}, a.get(1).data, NUMPY_PEER);
        assertArrayEquals(new double[]{0.5081314794116223, 0.41167870815875846, 0.47888028026338586, 0.6010149855454509, 0.46752541454054575,
                0.6480970486796823, 0.39263102973250924, 0.4992000732985534, 0.4070171767686597}, a.get(2).data, NUMPY_PEER);
        assertArrayEquals(new double[]{0.25954625917919993, -0.0042341336797783215, 0.18470995069997914, 0.3061975934049811, -0.005384330481760278,
                0.19161791230927122, 0.15999263447537956, -0.003277434745889013, 0.09763659950041426}, a.get(3).data, NUMPY_PEER);
        assertArrayEquals(new double[]{0.5446215664374701, 0.45537843356252994, 0.53884783205324, 0.4611521679467599, 0.5437082647633299,
                0.45629173523667005}, a.get(4).data, NUMPY_PEER);
        assertEquals("[3x3], [3x4], [3x3], [3x3], [3x2]", String.join(", ", a.stream().map(Matrix::shape).toList()));
    }

    @Test
    void eachLossIsWiredToItsOutputStage() {
        NetSpec base = NetSpec.quadrant();
        ParamSet p = ParamSet.initial(base);
        assertEquals("SoftmaxCrossEntropy(NLL, clip=1.0E-10)", new Network(base.withLoss(Loss.NEGATIVELOGLIKELIHOOD), p).outputLoss().toString());
        assertEquals("MeanSquaredError(identity)", new Network(base.withLoss(Loss.MSE), p).outputLoss().toString());
        assertEquals("L1Loss(identity, batch sum)", new Network(base.withLoss(Loss.L1).withMiniBatch(false), p).outputLoss().toString());
        assertEquals("BinaryCrossEntropy(sigmoid, clip=1.0E-5)", new Network(base.withLoss(Loss.XENT), p).outputLoss().toString());
        assertEquals("MeanSquaredError(tanh)", new Network(base.withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.TANH)), p).outputLoss().toString());
    }

    // ------------------------------------------------------------- regularization

    /**
     * {@link #asymmetric()} has Σ|W| = 10 + 4 = 14, ΣW² = 30 + 6 = 36, Σ|b| = 1 + 0.5 = 1.5,
     * Σb² = 0.5 + 0.125 = 0.625 over both layers. With l1 = 0.01, l2 = 0.02, wd = 0.03 on weights and
     * l1Bias = 0.1, l2Bias = 0.2, wdBias = 0.4 on biases, the penalty is
     * 0.14 + 0.36 + 0.54 + 0.15 + 0.0625 + 0.125 = 1.3775.
     */
    static final Regularization EVERY_PENALTY = new Regularization(0.01, 0.02, 0.1, 0.2, 0.03, 0.4, true);

    static NetSpec identityNet(Regularization r) {
        return TwoLayerSpecs.of(2, 2, 2, Activation.IDENTITY, 0.1, Init.NORMAL, 1, 0).withRegularization(r);
    }

    /** Sums of a few products of small binary fractions and 0.01-sized coefficients: a rounding or two. */
    static final double PENALTY_ROUNDING = 1e-15;

    @Test
    void theScoreIsTheDataLossPlusEveryPenaltyNotDividedByTheBatch() {
        Matrix x = Matrix.of(new double[][]{{1, 1}, {0.5, -1}}), t = Matrix.of(new double[][]{{1, 0}, {0, 1}});
        Network plain = new Network(identityNet(Regularization.NONE), asymmetric());
        Network regularized = new Network(identityNet(EVERY_PENALTY), asymmetric());
        double data = plain.lossAndGradients(x, t);
        assertEquals(data + 1.3775, regularized.lossAndGradients(x, t), PENALTY_ROUNDING);
        assertEquals(1.3775, regularized.penaltyScore(), PENALTY_ROUNDING);
        assertEquals(0, plain.penaltyScore(), EXACT);
        assertEquals(plain.gradients(), regularized.gradients(), "gradients() stays the data-loss gradient");
    }

    @Test
    void eachParameterCarriesItsLayersWeightOrBiasPenalty() {
        List<Parameter> ps = new Network(identityNet(EVERY_PENALTY), asymmetric()).parameters();
        assertEquals(new Penalty(0.01, 0.02, 0.03, true), ps.get(0).penalty());
        assertEquals(new Penalty(0.1, 0.2, 0.4, true), ps.get(1).penalty());
        assertEquals(new Penalty(0.01, 0.02, 0.03, true), ps.get(2).penalty());
        assertEquals(new Penalty(0.1, 0.2, 0.4, true), ps.get(3).penalty());
        NetSpec perLayer = identityNet(Regularization.NONE).withHidden(List.of(new LayerSpec(2, Activation.IDENTITY, Regularization.NONE.withL2(0.5))));
        List<Parameter> qs = new Network(perLayer, asymmetric()).parameters();
        assertEquals(new Penalty(0, 0.5, 0, true), qs.get(0).penalty());
        assertEquals(Penalty.NONE, qs.get(1).penalty());
        assertEquals(Penalty.NONE, qs.get(2).penalty(), "the output layer has none of its own");
    }

    @Test
    void theRegularizedGradientAddsL2ThetaL1SignThetaAndWdTheta() {
        Matrix x = Matrix.of(new double[][]{{1, 1}, {0.5, -1}}), t = Matrix.of(new double[][]{{1, 0}, {0, 1}});
        Network net = new Network(identityNet(EVERY_PENALTY), asymmetric());
        net.lossAndGradients(x, t);
        ParamSet g = net.gradients(), r = net.regularizedGradients();
        // W1 = [1, 2, 3, 4]: (0.02 + 0.03)·w + 0.01·sign(w); b1 = [0.5, −0.5]: (0.2 + 0.4)·b + 0.1·sign(b)
        double[] dw1 = {0.06, 0.11, 0.16, 0.21}, db = {0.4, -0.4};
        for (int i = 0; i < 4; i++) assertEquals(g.layer(1).w()[i] + dw1[i], r.layer(1).w()[i], PENALTY_ROUNDING, "W1[" + i + "]");
        for (int j = 0; j < 2; j++) assertEquals(g.layer(1).b()[j] + db[j], r.layer(1).b()[j], PENALTY_ROUNDING, "b1[" + j + "]");
        // W2 = [1, −1, 2, 0]: sign(0) = 0, so the 0 weight gets no l1 term; b2 = [0.25, −0.25]
        double[] dw2 = {0.06, -0.06, 0.11, 0}, db2 = {0.25, -0.25};
        for (int i = 0; i < 4; i++) assertEquals(g.layer(2).w()[i] + dw2[i], r.layer(2).w()[i], PENALTY_ROUNDING, "W2[" + i + "]");
        for (int j = 0; j < 2; j++) assertEquals(g.layer(2).b()[j] + db2[j], r.layer(2).b()[j], PENALTY_ROUNDING, "b2[" + j + "]");
        Network plain = new Network(identityNet(Regularization.NONE), asymmetric());
        plain.lossAndGradients(x, t);
        assertEquals(plain.gradients(), plain.regularizedGradients(), "without a penalty both are the data gradient");
    }

    /**
     * Central differences of the score with step h: the truncation error is ~h²·f''' and the
     * rounding ~ε·|score|/h, about 1e-10 at h = 1e-5 on this smooth net (no |θ| at its kink 0).
     */
    static final double CENTRAL_DIFFERENCE = 1e-8;

    @Test
    void theRegularizedGradientIsTheDerivativeOfTheScore() {
        NetSpec spec = threeHidden(new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 0, true).withRegularization(EVERY_PENALTY);
        Matrix t = Matrix.of(new double[][]{{1, 0}, {0, 1}, {1, 0}});
        ParamSet p = peerParams(spec);
        Network net = new Network(spec, p);
        net.lossAndGradients(PEER_X, t);
        ParamSet analytic = net.regularizedGradients();
        double h = 1e-5;
        int checked = 0;
        for (int k = 1; k <= spec.depth(); k++) {
            for (boolean bias : new boolean[]{false, true}) {
                double[] theta = bias ? p.layer(k).b() : p.layer(k).w(), expected = bias ? analytic.layer(k).b() : analytic.layer(k).w();
                for (int i = 0; i < theta.length; i++) {
                    if (theta[i] == 0) continue;   // l1's kink
                    double saved = theta[i];
                    theta[i] = saved + h;
                    net.setParams(p);
                    double up = net.lossAndGradients(PEER_X, t);
                    theta[i] = saved - h;
                    net.setParams(p);
                    double down = net.lossAndGradients(PEER_X, t);
                    theta[i] = saved;
                    assertEquals(expected[i], (up - down) / (2 * h), CENTRAL_DIFFERENCE, "layer " + k + (bias ? " b[" : " W[") + i + "]");
                    checked++;
                }
            }
        }
        assertTrue(checked > 40, checked + " parameters checked");
    }
}
