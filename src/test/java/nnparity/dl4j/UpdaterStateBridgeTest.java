package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * The state-view bridge against literal numbers: DL4J's flat state view filled with its own
 * indices 0, 1, 2, … so every canonical value says where in the view it was read; and Adam's
 * first m and v derived by hand from the gradient DL4J reports.
 */
class UpdaterStateBridgeTest {
    /** Copies move bits; nothing is computed. */
    static final double EXACT = 0;
    /** m = (1 − β₁)·g and v = (1 − β₂)·g² are one or two roundings away from the hand-derived products. */
    static final double TWO_ROUNDINGS = 4e-16;

    /** 3 → 2 → 2: 6 + 2 + 4 + 2 = 14 parameters; nIn ≠ nOut in layer 1, so a transposition shows. */
    private static NetSpec spec(Updater u) {
        return NetSpec.quadrant().withSizes(3, 2, 2).withUpdater(UpdaterSpec.defaults(u));
    }

    private static MultiLayerNetwork indexed(Updater u) {
        MultiLayerNetwork net = Dl4jNets.network(spec(u));
        INDArray view = net.getUpdater(true).getStateViewArray();
        double[] idx = new double[(int) view.length()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        view.assign(Nd4j.create(idx, view.shape(), 'c'));
        return net;
    }

    /**
     * One block, [m of all 14 | v of all 14]; within a variable the parameter view's order, W
     * column-major: W1[i,j] at i + 3j, b1 at 6 + j, W2[i,j] at 8 + i + 2j, b2 at 12 + j; v 14 further.
     */
    @Test
    void adamsViewIsMThenVEachOverEveryParameterInTheParameterViewsOrderWColumnMajor() {
        Map<String, ParamSet> s = UpdaterStateBridge.read(indexed(Updater.ADAM));
        assertEquals(List.of("Adam m", "Adam v"), List.copyOf(s.keySet()));
        ParamSet m = s.get("Adam m"), v = s.get("Adam v");
        assertArrayEquals(new double[]{0, 3, 1, 4, 2, 5}, m.layer(1).w(), EXACT, "W1 [3x2] row-major");
        assertArrayEquals(new double[]{6, 7}, m.layer(1).b(), EXACT);
        assertArrayEquals(new double[]{8, 10, 9, 11}, m.layer(2).w(), EXACT, "W2 [2x2] row-major");
        assertArrayEquals(new double[]{12, 13}, m.layer(2).b(), EXACT);
        assertArrayEquals(new double[]{14, 17, 15, 18, 16, 19}, v.layer(1).w(), EXACT);
        assertArrayEquals(new double[]{20, 21}, v.layer(1).b(), EXACT);
        assertArrayEquals(new double[]{22, 24, 23, 25}, v.layer(2).w(), EXACT);
        assertArrayEquals(new double[]{26, 27}, v.layer(2).b(), EXACT);
    }

    @Test
    void amsGradsViewHoldsMThenVThenVHat() {
        Map<String, ParamSet> s = UpdaterStateBridge.read(indexed(Updater.AMSGRAD));
        assertEquals(List.of("AMSGrad m", "AMSGrad v", "AMSGrad vHat"), List.copyOf(s.keySet()));
        assertArrayEquals(new double[]{28, 31, 29, 32, 30, 33}, s.get("AMSGrad vHat").layer(1).w(), EXACT);
        assertArrayEquals(new double[]{40, 41}, s.get("AMSGrad vHat").layer(2).b(), EXACT);
    }

    @Test
    void adaDeltasViewHoldsMsgThenMsdxAndNesterovsOneVelocity() {
        Map<String, ParamSet> a = UpdaterStateBridge.read(indexed(Updater.ADADELTA));
        assertEquals(List.of("AdaDelta msg", "AdaDelta msdx"), List.copyOf(a.keySet()));
        assertArrayEquals(new double[]{26, 27}, a.get("AdaDelta msdx").layer(2).b(), EXACT);
        Map<String, ParamSet> n = UpdaterStateBridge.read(indexed(Updater.NESTEROVS));
        assertEquals(List.of("Nesterovs v"), List.copyOf(n.keySet()));
        assertArrayEquals(new double[]{8, 10, 9, 11}, n.get("Nesterovs v").layer(2).w(), EXACT);
    }

    /** DL4J 1.0.0-M2.1's AdaGradUpdater fills its view from its own field epsilon, fixed at 1e-6, not from the config's ε. */
    @Test
    void adaGradStartsFromOneInAMillionWhateverItsEpsilonRmsPropFromItsEpsilon() {
        NetSpec adaGrad = NetSpec.quadrant().withSizes(3, 2, 2).withUpdater(UpdaterSpec.defaults(Updater.ADAGRAD).with(nnparity.spec.UpdaterSetting.EPSILON, 1e-4));
        for (double h : flat(UpdaterStateBridge.read(Dl4jNets.network(adaGrad)).get("AdaGrad h"))) assertEquals(1e-6, h, EXACT);
        NetSpec rms = NetSpec.quadrant().withSizes(3, 2, 2).withUpdater(UpdaterSpec.defaults(Updater.RMSPROP).with(nnparity.spec.UpdaterSetting.EPSILON, 1e-4));
        for (double h : flat(UpdaterStateBridge.read(Dl4jNets.network(rms)).get("RmsProp h"))) assertEquals(1e-4, h, EXACT);
    }

    @Test
    void adaGradAndRmsPropStartFromEpsilonSgdAndNoOpKeepNoState() {
        for (double h : flat(UpdaterStateBridge.read(Dl4jNets.network(spec(Updater.ADAGRAD))).get("AdaGrad h"))) assertEquals(1e-6, h, EXACT);
        for (double h : flat(UpdaterStateBridge.read(Dl4jNets.network(spec(Updater.RMSPROP))).get("RmsProp h"))) assertEquals(1e-8, h, EXACT);
        for (double m : flat(UpdaterStateBridge.read(Dl4jNets.network(spec(Updater.ADAM))).get("Adam m"))) assertEquals(0, m, EXACT);
        assertEquals(Map.of(), UpdaterStateBridge.read(Dl4jNets.network(spec(Updater.SGD))));
        assertEquals(Map.of(), UpdaterStateBridge.read(Dl4jNets.network(spec(Updater.NOOP))));
    }

    /** After one fit: m = (1 − 0.9)·g and v = (1 − 0.999)·g², g the mean gradient DL4J reported just before. */
    @Test
    void adamsFirstMAndVAreTheGradientScaledByOneMinusBeta() {
        MultiLayerNetwork net = Dl4jNets.network(spec(Updater.ADAM));
        INDArray x = Nd4j.create(new double[]{0.5, -1, 2, 1.5, 0.25, -0.75}, new long[]{2, 3}, 'c');
        INDArray y = Nd4j.create(new double[]{1, 0, 0, 1}, new long[]{2, 2}, 'c');
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double[] g = flat(ParamBridge.gradient(net.gradient(), spec(Updater.ADAM), 2));
        net.fit(x, y);
        Map<String, ParamSet> s = UpdaterStateBridge.read(net);
        double[] m = flat(s.get("Adam m")), v = flat(s.get("Adam v"));
        for (int i = 0; i < g.length; i++) {
            assertEquals(0.1 * g[i], m[i], TWO_ROUNDINGS * Math.abs(g[i]), "m[" + i + "]");
            assertEquals(0.001 * g[i] * g[i], v[i], TWO_ROUNDINGS * g[i] * g[i], "v[" + i + "]");
        }
    }

    @Test
    void aNetWhoseLayersUseDifferentUpdatersIsRefused() {
        Dl4jNets.useDoublePrecision();
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2).activation(Activation.SOFTMAX).updater(new Sgd(0.1)).build())
                .build();
        var e = assertThrows(IllegalArgumentException.class, () -> UpdaterStateBridge.read(Dl4jNets.network(c)));
        assertEquals("the net's layers use different updaters (Adam, Sgd); supported: the same updater on every layer", e.getMessage());
    }

    private static double[] flat(ParamSet p) {
        return p.layers().stream().flatMapToDouble(d -> java.util.stream.DoubleStream.concat(java.util.Arrays.stream(d.w()), java.util.Arrays.stream(d.b()))).toArray();
    }
}
