package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.scratch.GradientNormalization;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.scratch.Parameter;
import nnparity.spec.Activation;
import nnparity.spec.GradNorm;
import nnparity.spec.GradNorm.Mode;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * DL4J's own gradient normalization against {@link GradientNormalization}: one {@code fit} of a
 * 4→5→4→3 net with {@code Sgd(lr)}, whose update is exactly θ − lr·g for the normalized gradient
 * g, against the hand-written mean gradient normalized layer by layer and stepped the same way.
 * Each case also shows that its threshold bites: the normalized gradient is not the raw one.
 */
class Dl4jGradientNormalizationTest {
    /**
     * Both sides sum the same terms in another order (the gradient, then each norm): the updated
     * parameters, of size ~1, agree to a few ulps.
     */
    static final double SUMMATION_ORDER = 1e-13;
    /** Normalization "bites" when it moves some gradient element by more than this. */
    static final double BITES = 1e-3;

    static final double LR = 0.5;
    static final int ROWS = 6;
    static final NetSpec SPEC = new NetSpec(4, List.of(new LayerSpec(5, Activation.TANH), new LayerSpec(4, Activation.RELU)),
            new LayerSpec(3, Activation.SOFTMAX), Loss.MCXENT, NetSpec.DL4J_SOFTMAX_CLIP_EPS, LR, Init.XAVIER, 7, true);

    /**
     * Thresholds picked against this net's first mean gradient: layer norms 0.36, 0.43, 0.31;
     * parameter norms W1 0.33, b1 0.15, W2 0.36, b2 0.25, W3 0.30, b3 0.10; largest |element| of
     * each 0.22, 0.14, 0.16, 0.17, 0.17, 0.07. Each clip cuts some parameters and spares others
     * (the test checks both); renormalizing changes every gradient whose norm is not 1.
     */
    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(new GradNorm(Mode.RENORMALIZE_L2_PER_LAYER, 0), false),
                Arguments.of(new GradNorm(Mode.RENORMALIZE_L2_PER_PARAM_TYPE, 0), false),
                Arguments.of(new GradNorm(Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.15), true),
                Arguments.of(new GradNorm(Mode.CLIP_L2_PER_LAYER, 0.35), true),
                Arguments.of(new GradNorm(Mode.CLIP_L2_PER_PARAM_TYPE, 0.2), true));
    }

    /** The DL4J twin of {@link #SPEC} with {@code g}, as {@link Dl4jNets} builds it, from {@code initial}. */
    static MultiLayerNetwork dl4j(GradNorm g, ParamSet initial) {
        MultiLayerNetwork net = Dl4jNets.network(SPEC.withGradNorm(g));
        ParamBridge.write(initial, net);
        return net;
    }

    @ParameterizedTest
    @MethodSource("modes")
    void dl4jNetsSetsTheModeAndThresholdOnEveryLayer(GradNorm g, boolean sparesSome) {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC.withGradNorm(g));
        for (int i = 0; i < conf.getConfs().size(); i++) {
            BaseLayer l = (BaseLayer) conf.getConf(i).getLayer();
            assertEquals(Dl4jGradientNormalization.of(g.mode()), l.getGradientNormalization(), "layer " + i);
            assertEquals(g.mode().usesThreshold() ? g.threshold() : Dl4jGradientNormalization.DL4J_DEFAULT_THRESHOLD,
                    l.getGradientNormalizationThreshold(), 0, "layer " + i);
        }
    }

    @Test
    void withoutNormalizationTheConfigurationIsDl4jsDefault() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC);
        BaseLayer l = (BaseLayer) conf.getConf(0).getLayer();
        assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.None, l.getGradientNormalization());
        assertEquals(Dl4jGradientNormalization.DL4J_DEFAULT_THRESHOLD, l.getGradientNormalizationThreshold(), 0);
    }

    static double[] x() {
        Random r = new Random(3);
        double[] x = new double[ROWS * 4];
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextGaussian();
        return x;
    }

    static double[] labels() {
        double[] t = new double[ROWS * 3];
        for (int i = 0; i < ROWS; i++) t[i * 3 + i % 3] = 1;
        return t;
    }

    /** W1, b1, W2, b2, … in layers [[W1, b1], [W2, b2], …]. */
    static List<List<Parameter>> byLayer(List<Parameter> ps) {
        List<List<Parameter>> layers = new ArrayList<>();
        for (int i = 0; i < ps.size(); i += 2) layers.add(List.of(ps.get(i), ps.get(i + 1)));
        return layers;
    }

    @ParameterizedTest
    @MethodSource("modes")
    void oneDl4jStepMovesTheParametersByLrTimesTheHandNormalizedGradient(GradNorm g, boolean sparesSome) {
        ParamSet initial = ParamSet.initial(SPEC);
        Network scratch = new Network(SPEC, initial);
        scratch.lossAndGradients(new Matrix(ROWS, 4, x()), new Matrix(ROWS, 3, labels()));
        ParamSet raw = scratch.gradients();
        GradientNormalization.applyToEachLayer(g, byLayer(scratch.parameters()));
        ParamSet normalized = scratch.gradients();

        List<Double> moved = new ArrayList<>();   // max |Δg| of W1, b1, W2, …
        for (int k = 0; k < raw.layers().size(); k++) {
            moved.add(maxAbsDiff(raw.layers().get(k).w(), normalized.layers().get(k).w()));
            moved.add(maxAbsDiff(raw.layers().get(k).b(), normalized.layers().get(k).b()));
        }
        assertTrue(moved.stream().anyMatch(d -> d > BITES), g + " changed no gradient: " + moved);
        if (sparesSome) assertTrue(moved.contains(0.0), g + " should leave some parameter's gradient alone: " + moved);

        MultiLayerNetwork net = dl4j(g, initial);
        net.fit(Nd4j.create(x(), new long[]{ROWS, 4}, 'c'), Nd4j.create(labels(), new long[]{ROWS, 3}, 'c'));
        ParamSet after = ParamBridge.read(net);
        for (int k = 0; k < initial.layers().size(); k++) {
            assertArrayEquals(step(initial.layers().get(k).w(), normalized.layers().get(k).w()), after.layers().get(k).w(), SUMMATION_ORDER, g + ", W" + (k + 1));
            assertArrayEquals(step(initial.layers().get(k).b(), normalized.layers().get(k).b()), after.layers().get(k).b(), SUMMATION_ORDER, g + ", b" + (k + 1));
        }
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static double[] step(double[] theta, double[] g) {
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) out[i] = theta[i] - LR * g[i];
        return out;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachModeMapsToDl4jsAndBack(Mode m) {
        assertEquals(m, Dl4jGradientNormalization.toSpec(Dl4jGradientNormalization.of(m)));
    }

    @Test
    void dl4jsDefaultThresholdIsOne() {
        assertEquals(Dl4jGradientNormalization.DL4J_DEFAULT_THRESHOLD,
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().getGradientNormalizationThreshold(), 0);
        assertEquals(Mode.NONE, Dl4jGradientNormalization.toSpec(null));
        assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.None, Dl4jGradientNormalization.of(Mode.NONE));
    }
}
