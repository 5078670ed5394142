package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.UpdaterSpec;

/**
 * Each pitfall's DL4J side against DL4J's own API and literal numbers: the configuration it
 * builds, how it writes the parameters and reads the gradient, when it refuses a run, and what
 * its paragraph says. The harness's localisation of each is {@code PitfallLockstepTest}'s.
 */
class PitfallTest {
    /** Copies and settings: nothing is computed. */
    static final double EXACT = 0;
    /** A float's 24-bit mantissa: a double rounded to float is within 2^-24 relative. */
    static final double FLOAT_ROUNDING = 0x1p-24;

    private final NetSpec quadrant = NetSpec.quadrant();
    /** 3 → 5 → 4, as ParamBridgeTest: no transposition keeps a shape. */
    private final NetSpec spec = NetSpec.quadrant().withSizes(3, 5, 4);

    /** W1[i][j] = 10·(i+1) + (j+1), b1[j] = −(j+1), W2[i][j] = 200 + 10·(i+1) + (j+1), b2[j] = −(20 + j+1): each value says where it belongs. */
    private static ParamSet literalParams() {
        return new ParamSet(List.of(new DenseParams(3, 5, ParamBridgeTest.W1.clone(), ParamBridgeTest.B1.clone()),
                new DenseParams(5, 4, ParamBridgeTest.W2.clone(), ParamBridgeTest.B2.clone())));
    }

    @Test
    void theBuildersDefaultsAreFloatSigmoidXavierAndSgdAtOneThousandth() {
        assertEquals(DataType.FLOAT, Pitfall.leftOut().getDataType());
        assertInstanceOf(ActivationSigmoid.class, Pitfall.leftOutHidden().getActivationFn());
        assertInstanceOf(WeightInitXavier.class, Pitfall.leftOutHidden().getWeightInitFn());
        Sgd sgd = assertInstanceOf(Sgd.class, Pitfall.defaultUpdater());
        assertEquals(1e-3, sgd.getLearningRate(), EXACT);
    }

    @Test
    void floatBuildsTheNetInFloatAndRoundsTheCopiedWeights() {
        MultiLayerNetwork net = Dl4jNets.network(Pitfall.FLOAT.configuration(quadrant));
        assertEquals(DataType.FLOAT, net.params().dataType());
        Pitfall.FLOAT.write(literalParamsOf(0.1), net);
        double w = net.getParam("0_W").getDouble(0, 0);
        assertEquals((double) 0.1f, w, EXACT);
        assertTrue(w != 0.1, "a float cannot hold 0.1 exactly");
        assertEquals(0.1, w, 0.1 * FLOAT_ROUNDING);
    }

    /** The quadrant net's parameters, every one {@code v}. */
    private ParamSet literalParamsOf(double v) {
        ParamSet p = ParamSet.initial(quadrant);
        for (DenseParams d : p.layers()) {
            Arrays.fill(d.w(), v);
            Arrays.fill(d.b(), v);
        }
        return p;
    }

    @Test
    void sigmoidDefaultTakesTheActivationOffTheHiddenLayersOnly() {
        MultiLayerConfiguration conf = Pitfall.SIGMOID_DEFAULT.configuration(quadrant);
        assertInstanceOf(ActivationSigmoid.class, ((BaseLayer) conf.getConf(0).getLayer()).getActivationFn());
        assertInstanceOf(ActivationSoftmax.class, ((BaseLayer) conf.getConf(1).getLayer()).getActivationFn());
        assertInstanceOf(ActivationReLU.class, ((BaseLayer) Dl4jNets.configuration(quadrant).getConf(0).getLayer()).getActivationFn(), "the right net");
    }

    @Test
    void xavierDefaultWritesNothingSoTheNetKeepsItsOwnDraw() {
        MultiLayerNetwork net = Dl4jNets.network(Pitfall.XAVIER_DEFAULT.configuration(spec));
        double[] before = net.params().dup().data().asDouble();
        Pitfall.XAVIER_DEFAULT.write(literalParams(), net);
        assertArrayEquals(before, net.params().data().asDouble(), EXACT);
        assertTrue(net.getParam("0_W").getDouble(0, 0) != 11, "not the copied W1[0][0]");
    }

    @Test
    void sgdDefaultGivesEveryLayerTheDefaultSgd() {
        MultiLayerConfiguration conf = Pitfall.SGD_DEFAULT.configuration(quadrant);
        for (int i = 0; i < 2; i++) {
            Sgd sgd = assertInstanceOf(Sgd.class, ((BaseLayer) conf.getConf(i).getLayer()).getIUpdater());
            assertEquals(1e-3, sgd.getLearningRate(), EXACT, "layer " + i);
        }
    }

    @Test
    void gradientAsMeanReadsTheBatchSumAsItIs() {
        INDArray w1 = Nd4j.create(new double[]{8, 4, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60}, new long[]{3, 5}, 'c');
        DefaultGradient g = new DefaultGradient();
        g.setGradientFor("0_W", w1);
        g.setGradientFor("0_b", Nd4j.create(new double[]{4, 8, 12, 16, 20}, new long[]{1, 5}, 'c'));
        g.setGradientFor("1_W", Nd4j.zeros(DataType.DOUBLE, 5, 4));
        g.setGradientFor("1_b", Nd4j.create(new double[]{-4, 4, -8, 8}, new long[]{1, 4}, 'c'));
        ParamSet right = Pitfall.ROW_MAJOR.gradient(g, spec, 4), wrong = Pitfall.GRADIENT_AS_MEAN.gradient(g, spec, 4);
        assertArrayEquals(new double[]{2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, right.layers().get(0).w(), EXACT);
        assertArrayEquals(new double[]{8, 4, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60}, wrong.layers().get(0).w(), EXACT);
        assertArrayEquals(new double[]{-4, 4, -8, 8}, wrong.layers().get(1).b(), EXACT);
        assertArrayEquals(new double[]{-1, 1, -2, 2}, right.layers().get(1).b(), EXACT);
    }

    /**
     * W1 [3x5] row-major copied raw into DL4J's 'f'-ordered view: DL4J's (r, c) sits at flat
     * r + 3c and so gets the canonical flat element r + 3c, W1[(r+3c) / 5][(r+3c) % 5]; W2 [5x4]
     * likewise with r + 5c. The biases are vectors and land where they belong.
     */
    @Test
    void rowMajorScramblesEveryWeightMatrixAndLeavesTheBiases() {
        MultiLayerNetwork net = Dl4jNets.network(Pitfall.ROW_MAJOR.configuration(spec));
        Pitfall.ROW_MAJOR.write(literalParams(), net);
        INDArray w1 = net.getParam("0_W"), w2 = net.getParam("1_W");
        assertEquals(11, w1.getDouble(0, 0), EXACT);
        assertEquals(14, w1.getDouble(0, 1), EXACT);
        assertEquals(12, w1.getDouble(1, 0), EXACT);
        assertEquals(15, w1.getDouble(1, 1), EXACT);
        assertEquals(21, w1.getDouble(2, 1), EXACT);
        assertEquals(35, w1.getDouble(2, 4), EXACT);
        assertEquals(222, w2.getDouble(0, 1), EXACT);
        assertEquals(212, w2.getDouble(1, 0), EXACT);
        assertEquals(254, w2.getDouble(4, 3), EXACT);
        assertArrayEquals(ParamBridgeTest.B1, net.getParam("0_b").dup().data().asDouble(), EXACT);
        assertArrayEquals(ParamBridgeTest.B2, net.getParam("1_b").dup().data().asDouble(), EXACT);
        double[] flat = Pitfall.rowMajorFlat(literalParams(), net);
        assertEquals(44, flat.length);
        assertArrayEquals(ParamBridgeTest.W1, Arrays.copyOfRange(flat, 0, 15), EXACT, "W1 row-major, raw");
        assertArrayEquals(ParamBridgeTest.B1, Arrays.copyOfRange(flat, 15, 20), EXACT);
        assertArrayEquals(ParamBridgeTest.W2, Arrays.copyOfRange(flat, 20, 40), EXACT, "W2 row-major, raw");
        assertArrayEquals(ParamBridgeTest.B2, Arrays.copyOfRange(flat, 40, 44), EXACT);
    }

    @Test
    void miniBatchFalseTurnsMiniBatchOffOnEveryLayer() {
        MultiLayerConfiguration conf = Pitfall.MINIBATCH_FALSE.configuration(quadrant);
        for (int i = 0; i < 2; i++) assertTrue(!conf.getConf(i).isMiniBatch(), "layer " + i);
        assertTrue(Dl4jNets.configuration(quadrant).getConf(0).isMiniBatch(), "the right net");
    }

    @Test
    void dropoutKeepProbGivesDl4jOneMinusTheKeepProbability() {
        MultiLayerConfiguration conf = Pitfall.DROPOUT_KEEP_PROB.configuration(quadrant.withKeepProb(0.8));
        assertNull(conf.getConf(0).getLayer().getIDropout(), "the first layer keeps its input");
        Dropout d = assertInstanceOf(Dropout.class, conf.getConf(1).getLayer().getIDropout());
        assertEquals(0.2, d.getP(), 1e-15);
    }

    @Test
    void l2WeightDecaySwapsTheTwoOnEveryLayer() {
        NetSpec withL2 = quadrant.withRegularization(nnparity.spec.Regularization.NONE.withL2(0.01));
        for (int i = 0; i < 2; i++) {
            List<Regularization> r = ((BaseLayer) Pitfall.L2_WEIGHT_DECAY.configuration(withL2).getConf(i).getLayer()).getRegularization();
            assertEquals(1, r.size(), "layer " + i + ": " + r);
            WeightDecay wd = assertInstanceOf(WeightDecay.class, r.get(0));
            assertEquals(0.01, wd.getCoeff().valueAt(0, 0), EXACT);
            assertTrue(wd.isApplyLR(), ".weightDecay(x) applies the learning rate");
        }
        NetSpec withWd = quadrant.withRegularization(nnparity.spec.Regularization.NONE.withWeightDecay(0.02));
        List<Regularization> r = ((BaseLayer) Pitfall.L2_WEIGHT_DECAY.configuration(withWd).getConf(0).getLayer()).getRegularization();
        L2Regularization l2 = assertInstanceOf(L2Regularization.class, r.get(0));
        assertEquals(0.02, l2.getL2().valueAt(0, 0), EXACT);
    }

    @Test
    void eachPitfallIsRefusedWhereItCannotShowAndNamesTheFlagsToChange() {
        assertEquals("the hidden activation is sigmoid already, the default it would fall back to; use --activation relu (the default) or another",
                Pitfall.SIGMOID_DEFAULT.refusal(quadrant.withActivation(Activation.SIGMOID), 4));
        assertTrue(Pitfall.XAVIER_DEFAULT.refusal(quadrant.withInit(Init.DL4J), 4).contains("--init dl4j"));
        assertTrue(Pitfall.SGD_DEFAULT.refusal(quadrant.withLearningRate(1e-3), 4).contains("0.001 already"));
        assertTrue(Pitfall.SGD_DEFAULT.refusal(quadrant.withUpdater(UpdaterSpec.defaults(nnparity.spec.Updater.ADAM)), 4).contains("--updater sgd"));
        assertTrue(Pitfall.GRADIENT_AS_MEAN.refusal(quadrant, 1).contains("--batch 2"));
        assertTrue(Pitfall.GRADIENT_AS_MEAN.refusal(quadrant.withMiniBatch(false), 4).contains("--no-minibatch"));
        assertTrue(Pitfall.MINIBATCH_FALSE.refusal(quadrant, 1).contains("--batch 2"));
        assertTrue(Pitfall.MINIBATCH_FALSE.refusal(quadrant.withMiniBatch(false), 4).contains("--no-minibatch"));
        assertTrue(Pitfall.DROPOUT_KEEP_PROB.refusal(quadrant, 4).contains("--keep-prob 0.8"));
        assertTrue(Pitfall.DROPOUT_KEEP_PROB.refusal(quadrant.withKeepProb(0.5), 4).contains("0.5 reads the same"));
        NetSpec l2 = quadrant.withRegularization(nnparity.spec.Regularization.NONE.withL2(0.01));
        assertTrue(Pitfall.L2_WEIGHT_DECAY.refusal(quadrant.withUpdater(UpdaterSpec.defaults(nnparity.spec.Updater.ADAM)), 4).contains("--l2 0.01"));
        assertTrue(Pitfall.L2_WEIGHT_DECAY.refusal(l2, 4).contains("with sgd l2 and weight decay take the same step"));
        assertTrue(Pitfall.L2_WEIGHT_DECAY.refusal(l2.withUpdater(UpdaterSpec.defaults(nnparity.spec.Updater.NOOP)), 4).contains("with noop"));
        // and each shows where it can
        NetSpec adamL2 = l2.withUpdater(UpdaterSpec.defaults(nnparity.spec.Updater.ADAM));
        assertNull(Pitfall.L2_WEIGHT_DECAY.refusal(adamL2, 4));
        assertNull(Pitfall.DROPOUT_KEEP_PROB.refusal(quadrant.withKeepProb(0.8), 4));
        assertNull(Pitfall.MINIBATCH_FALSE.refusal(quadrant, 2));
        assertNull(Pitfall.GRADIENT_AS_MEAN.refusal(quadrant, 2));
        assertNull(Pitfall.SGD_DEFAULT.refusal(quadrant, 4));
        assertNull(Pitfall.XAVIER_DEFAULT.refusal(quadrant.withInit(Init.XAVIER), 4));
        assertNull(Pitfall.SIGMOID_DEFAULT.refusal(quadrant.withHidden(List.of(
                new nnparity.spec.LayerSpec(8, Activation.SIGMOID), new nnparity.spec.LayerSpec(8, Activation.TANH))), 4));
        for (Pitfall p : List.of(Pitfall.FLOAT, Pitfall.ROW_MAJOR)) assertNull(p.refusal(quadrant, 1), p.id());
    }

    @Test
    void eachParagraphSaysWhatWentWrongWhyAndTheFixWithThisRunsFigures() {
        for (Pitfall p : Pitfall.values()) {
            NetSpec s = switch (p) {
                case DROPOUT_KEEP_PROB -> quadrant.withKeepProb(0.8);
                case L2_WEIGHT_DECAY -> quadrant.withRegularization(nnparity.spec.Regularization.NONE.withL2(0.01))
                        .withUpdater(UpdaterSpec.defaults(nnparity.spec.Updater.ADAM));
                default -> quadrant;
            };
            String text = p.explanation(s, 4);
            int what = text.indexOf("What went wrong: "), why = text.indexOf(" Why: "), fix = text.indexOf(" Fix: ");
            assertTrue(what == 0 && why > what && fix > why, p.id() + ": " + text);
        }
        assertTrue(Pitfall.SGD_DEFAULT.explanation(quadrant, 4).contains("Sgd(0.001)"));
        assertTrue(Pitfall.SGD_DEFAULT.explanation(quadrant, 4).contains("moves each weight 100 times less"));
        assertTrue(Pitfall.SIGMOID_DEFAULT.explanation(quadrant.withActivation(Activation.TANH), 4).contains("applies tanh"));
        assertTrue(Pitfall.FLOAT.explanation(quadrant, 4).contains("computes its numbers in FLOAT"));
        assertTrue(Pitfall.XAVIER_DEFAULT.explanation(quadrant, 4).contains("WeightInitXavier"));
        assertTrue(Pitfall.MINIBATCH_FALSE.explanation(quadrant, 16).contains("N = 16 times the mean"));
        assertTrue(Pitfall.GRADIENT_AS_MEAN.explanation(quadrant, 16).contains("(N = 16)"));
        String dropout = Pitfall.DROPOUT_KEEP_PROB.explanation(quadrant.withKeepProb(0.8), 4);
        assertTrue(dropout.contains("got dropOut(0.2)") && dropout.contains("keeps only 20% and scales by 5 instead of 1.25"), dropout);
        String wd = Pitfall.L2_WEIGHT_DECAY.explanation(quadrant.withRegularization(nnparity.spec.Regularization.NONE.withWeightDecay(0.01))
                .withUpdater(UpdaterSpec.defaults(nnparity.spec.Updater.ADAM)), 4);
        assertTrue(wd.startsWith("What went wrong: where the hand-written net has weight decay") && wd.contains("got .l2(λ). Why"), wd);
    }

    @Test
    void namesAreUniqueAndAnUnknownOneIsRefusedListingTheValidOnes() {
        assertEquals(9, new HashSet<>(Arrays.stream(Pitfall.values()).map(Pitfall::id).toList()).size());
        for (Pitfall p : Pitfall.values()) assertEquals(p, Pitfall.fromId(p.id()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pitfall.fromId("double"));
        assertEquals("pitfall double is unknown; valid: float | sigmoid-default | xavier-default | sgd-default | gradient-as-mean"
                + " | row-major | minibatch-false | dropout-keep-prob | l2-weight-decay", e.getMessage());
    }
}
