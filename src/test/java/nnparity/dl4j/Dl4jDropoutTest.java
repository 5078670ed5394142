package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * DL4J 1.0.0-M2.1's dropout, as the jar behaves: stock {@code Dropout(p)} statistically (it keeps a
 * fraction p of units and scales each kept one by 1/p), and the facts the lockstep's
 * {@link SharedMaskDropout} relies on (where and when DL4J calls an {@code IDropout}, with which
 * iteration, and what survives cloning and JSON).
 */
class Dl4jDropoutTest {
    /**
     * How many binomial standard deviations the observed keep rate may lie from p:
     * sd = √(p(1 − p)/n). A correct p lands outside 5 sd with probability ≈ 6e-7; the seeds are
     * fixed anyway, and 5 sd of 400,000 draws is ≈ 0.004 at p = 0.5, so a keep rate of 1 − p
     * (the "drop probability" reading) fails by more than 200 sd.
     */
    static final double BINOMIAL_SDS = 5;
    /**
     * A kept unit is x · (1/p) with 1/p rounded to double once, then one rounded product: within
     * one rounding, 2⁻⁵³ relative, of x/p. Scaling by p instead (0.8 vs 1.25) is off by 36%.
     */
    static final double KEPT_SCALE_REL = 0x1.0p-52;
    static final int ROWS = 400, COLS = 250;
    static final int DRAWS = 4;

    static {
        Dl4jNets.useDoublePrecision();
    }

    /** x in [0.5, 1.5): nonzero, so a dropped unit (exactly 0) and a kept one are told apart. */
    private static INDArray positiveInput(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[ROWS * COLS];
        for (int i = 0; i < x.length; i++) x[i] = 0.5 + r.nextDouble();
        return Nd4j.create(x, new long[]{ROWS, COLS}, 'c');
    }

    @ParameterizedTest(name = "Dropout({0})")
    @ValueSource(doubles = {0.2, 0.5, 0.8, 0.95})
    void stockDropoutKeepsAFractionPOfUnitsAndScalesEachKeptOneByOneOverP(double p) {
        Nd4j.getRandom().setSeed(12345);
        long kept = 0, n = 0;
        for (int d = 0; d < DRAWS; d++) {
            INDArray x = positiveInput(d);
            Dropout dropout = new Dropout(p);
            INDArray out = dropout.applyDropout(x, Nd4j.createUninitialized(DataType.DOUBLE, ROWS, COLS), 0, 0, LayerWorkspaceMgr.noWorkspaces());
            // backprop of a gradient of ones returns the mask itself: 0 or 1/p, where the forward pass kept
            INDArray g = dropout.backprop(Nd4j.ones(DataType.DOUBLE, ROWS, COLS), Nd4j.createUninitialized(DataType.DOUBLE, ROWS, COLS), 0, 0);
            double[] xs = x.dup('c').data().asDouble(), ys = out.dup('c').data().asDouble(), gs = g.dup('c').data().asDouble();
            for (int i = 0; i < xs.length; i++, n++) {
                if (ys[i] == 0) {
                    assertEquals(0.0, gs[i], 0.0, "a dropped unit passes no gradient");
                    continue;
                }
                kept++;
                assertEquals(1 / p, ys[i] / xs[i], KEPT_SCALE_REL * (1 / p), "a kept unit is scaled by 1/p");
                assertEquals(1 / p, gs[i], KEPT_SCALE_REL * (1 / p), "backprop scales by the same 1/p");
            }
        }
        double rate = (double) kept / n, sd = Math.sqrt(p * (1 - p) / n);
        assertTrue(Math.abs(rate - p) <= BINOMIAL_SDS * sd,
                "keep rate " + rate + " over " + n + " units, expected p = " + p + " ± " + BINOMIAL_SDS * sd);
    }

    @Test
    void stockDropoutRefusesAKeepProbabilityOfZero() {
        // 0 would keep nothing and divide by 0; 1.0 is allowed and means no dropout
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.0));
    }

    /** A one-layer net, W = I, b = 0, identity, dropOut on its input: its output shows the input after dropout. */
    private static MultiLayerNetwork identityNet(IDropout dropout) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(COLS).nOut(COLS).activation(Activation.IDENTITY).dropOut(dropout).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setParam("0_W", Nd4j.eye(COLS).castTo(DataType.DOUBLE));
        net.setParam("0_b", Nd4j.zeros(DataType.DOUBLE, 1, COLS));
        return net;
    }

    @Test
    void stockDropoutInANetworkActsOnTheLayersInputAtTrainingAndNotAtInference() {
        Nd4j.getRandom().setSeed(99);
        double p = 0.8;
        MultiLayerNetwork net = identityNet(new Dropout(p));
        INDArray x = positiveInput(11);
        double[] xs = x.dup('c').data().asDouble();
        // inference: no dropout, y = x · I
        assertArrayEquals(xs, net.output(x, false).dup('c').data().asDouble(), 0.0);
        // training: the layer's input x ⊙ m / p, then · I
        double[] train = net.feedForward(x, true).get(1).dup('c').data().asDouble();
        long kept = 0;
        for (int i = 0; i < xs.length; i++) {
            if (train[i] == 0) continue;
            kept++;
            assertEquals(1 / p, train[i] / xs[i], KEPT_SCALE_REL * (1 / p));
        }
        double rate = (double) kept / xs.length, sd = Math.sqrt(p * (1 - p) / xs.length);
        assertTrue(Math.abs(rate - p) <= BINOMIAL_SDS * sd, "keep rate " + rate);
    }

    /** Records every mask request: layer and iteration. */
    private static final class Recorder implements SharedMaskDropout.Masks {
        final List<String> calls = new ArrayList<>();

        @Override
        public double[] keep(int layer, int iteration, int rows, int cols) {
            calls.add(layer + "@" + iteration);
            double[] m = new double[rows * cols];
            for (int i = 0; i < m.length; i++) m[i] = (i + iteration) % 3 == 0 ? 0 : 1;
            return m;
        }
    }

    private static MultiLayerNetwork threeLayers(SharedMaskDropout.Masks masks) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.TANH).dropOut(new SharedMaskDropout(2, 0.8, masks)).build())
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(6).nOut(3).activation(Activation.IDENTITY).dropOut(new SharedMaskDropout(3, 0.5, masks)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void computeGradientAndScoreThenFitApplyDropoutOnceEachWithTheSameIterationWhichFitThenAdvances() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = threeLayers(r);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 4), y = Nd4j.rand(DataType.DOUBLE, 7, 3);
        for (int step = 0; step < 3; step++) {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            net.fit(x, y);
        }
        assertEquals(List.of("2@0", "3@0", "2@0", "3@0", "2@1", "3@1", "2@1", "3@1", "2@2", "3@2", "2@2", "3@2"), r.calls);
        r.calls.clear();
        net.output(x, false);
        net.feedForward(x, false);
        net.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
        assertEquals(List.of(), r.calls, "no dropout at inference");
    }

    @Test
    void aNetworkWideDropOutGoesOnEveryLayerTheFirstAndTheOutputLayerIncluded() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dropOut(0.8).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).build())
                .layer(new OutputLayer.Builder(new LossMSE()).nIn(6).nOut(3).build())
                .build();
        List<IDropout> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            IDropout d = conf.getConf(i).getLayer().getIDropout();
            Dropout stock = assertInstanceOf(Dropout.class, d, "layer " + i);
            assertEquals(0.8, stock.getP(), 0.0, "the value given is kept as p, the retain probability");
            for (IDropout other : seen) assertNotSame(other, d, "each layer has its own copy (its own mask)");
            seen.add(d);
        }
    }

    @Test
    void cloningANetworkKeepsTheMaskSourceSoTheCloneDrawsTheSameMasks() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = threeLayers(r), copy = net.clone();
        IDropout original = net.getLayerWiseConfigurations().getConf(1).getLayer().getIDropout();
        IDropout cloned = copy.getLayerWiseConfigurations().getConf(1).getLayer().getIDropout();
        assertNotSame(original, cloned);
        assertEquals(original, cloned);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 4), y = Nd4j.rand(DataType.DOUBLE, 7, 3);
        for (MultiLayerNetwork n : List.of(net, copy)) {
            n.setInput(x);
            n.setLabels(y);
            n.computeGradientAndScore();
        }
        assertEquals(net.score(), copy.score(), 0.0);
        assertArrayEquals(net.gradient().gradient().toDoubleVector(), copy.gradient().gradient().toDoubleVector(), 0.0);
        assertEquals(List.of("2@0", "3@0", "2@0", "3@0"), r.calls);
    }

    @Test
    void jsonKeepsLayerAndKeepProbabilityButNotTheMaskSourceAndTheReadBackDropoutRefusesToTrain() {
        MultiLayerNetwork net = threeLayers(new Recorder());
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(SharedMaskDropout.class.getName()), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        SharedMaskDropout d = assertInstanceOf(SharedMaskDropout.class, back.getConf(2).getLayer().getIDropout());
        assertEquals(3, d.layer());
        assertEquals(0.5, d.keepProb(), 0.0);
        MultiLayerNetwork read = new MultiLayerNetwork(back);
        read.init();
        var e = assertThrows(IllegalStateException.class, () -> read.fit(Nd4j.rand(DataType.DOUBLE, 2, 4), Nd4j.rand(DataType.DOUBLE, 2, 3)));
        assertEquals("SharedMaskDropout(layer=2, keep=0.8) has no mask source (read back from JSON?): give it one, or use Dropout(0.8)", e.getMessage());
        assertSame(back.getConf(2).getLayer().getIDropout().getClass(), SharedMaskDropout.class);
    }

    @Test
    void sharedMaskDropoutAppliesExactlyTheGivenMaskScaledByOneOverPForwardAndBackward() {
        double p = 0.8;
        double[] keep = new double[ROWS * COLS];
        for (int i = 0; i < keep.length; i++) keep[i] = i % 5 == 1 ? 0 : 1;
        MultiLayerNetwork net = identityNet(new SharedMaskDropout(1, p, (l, it, r, c) -> keep));
        INDArray x = positiveInput(5);
        double[] xs = x.dup('c').data().asDouble();
        double[] train = net.feedForward(x, true).get(1).dup('c').data().asDouble();
        for (int i = 0; i < xs.length; i++) assertEquals(keep[i] == 0 ? 0 : xs[i] * (1 / p), train[i], 0.0, "element " + i);
        assertArrayEquals(xs, net.output(x, false).dup('c').data().asDouble(), 0.0, "off at inference");
    }

    @Test
    void sharedMaskDropoutRefusesAMaskOfTheWrongSizeOrWithValuesOtherThanZeroAndOne() {
        SharedMaskDropout wrongSize = new SharedMaskDropout(1, 0.5, (l, it, r, c) -> new double[r * c - 1]);
        SharedMaskDropout scaled = new SharedMaskDropout(1, 0.5, (l, it, r, c) -> new double[]{2, 0, 2, 0});
        INDArray x = Nd4j.ones(DataType.DOUBLE, 2, 2);
        assertThrows(IllegalStateException.class, () -> wrongSize.applyDropout(x, x.dup(), 0, 0, LayerWorkspaceMgr.noWorkspaces()));
        var e = assertThrows(IllegalStateException.class, () -> scaled.applyDropout(x, x.dup(), 0, 0, LayerWorkspaceMgr.noWorkspaces()));
        assertEquals("mask value 2.0 at 0 of layer 1; a mask holds only 0 and 1", e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> new SharedMaskDropout(1, 0.0, null));
        assertEquals("keep probability 0.0 is invalid; it must be in (0, 1] (1 = no dropout)", bad.getMessage());
    }
}
