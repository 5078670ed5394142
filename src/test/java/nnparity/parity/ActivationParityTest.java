package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.dl4j.Dl4jNets;
import nnparity.scratch.ActivationLayer;
import nnparity.scratch.Matrix;
import nnparity.spec.Activation;

/**
 * Every hand-written activation against DL4J's own {@code IActivation} (its {@code getActivation}
 * and {@code backprop}, in double), on a grid that holds every kink with its neighbours one ulp
 * away, ±0.0, subnormal-sized inputs, the regions where e^z or e^(2z) overflows (z &gt; 709.78, z &gt; 354.89), NaN and ±∞,
 * and random points, each with a random incoming gradient.
 */
class ActivationParityTest {
    /**
     * Both sides evaluate the same formula in the same order; they may differ only where Java's
     * {@code Math.exp}, {@code log}, {@code pow}, {@code tanh} and glibc's differ, by an ulp, and
     * where sigmoid's derivative groups g·h·(1 − h) differently: a few ulps of the larger value.
     */
    static final double LIBM_ULPS = 4;
    /**
     * tanh alone: libnd4j's double tanh is (1 − p)/(1 + p), p = e^(−2|z|), accurate to a few ulps
     * of 1, not of tanh(z) (it is 0 for |z| &lt; 5e-17); the hand-written side keeps Math.tanh. Four
     * ulps of 1 covers it, in tanh and in g · (1 − tanh²) with |g| ≤ 2.
     */
    static final double TANH_ABSOLUTE = 4 * Math.ulp(1.0) * 2;

    static final double[] KINKS = {-2.5, -1, 0, 1, 2.5};

    @BeforeAll
    static void doublePrecision() {
        Dl4jNets.useDoublePrecision();
    }

    /** Every kink k with nextDown(k) and nextUp(k), −0.0, tiny, moderate and huge |z|, NaN, ±∞, and 40 random points in (−8, 8). */
    static double[] grid() {
        DoubleStream.Builder b = DoubleStream.builder();
        for (double k : KINKS) b.add(Math.nextDown(k)).add(k).add(Math.nextUp(k));
        for (double v : new double[]{-0.0, 1e-300, -1e-300, Double.MIN_VALUE, 0.5, -0.5, 5, -5, 20, -20, 37, -37, 40, -40,
                100, -100, 354, 355, 709, -709, 710, -710, 745, -745, 1000, -1000, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
            b.add(v);
        Random r = new Random(11);
        for (int i = 0; i < 40; i++) b.add(16 * r.nextDouble() - 8);
        return b.build().toArray();
    }

    static double[] incomingGradient(int n) {
        Random r = new Random(12);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = 4 * r.nextDouble() - 2;
        return g;
    }

    static IActivation dl4j(Activation a) {
        return org.nd4j.linalg.activations.Activation.valueOf(a.name()).getActivationFunction();
    }

    static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /** Same bits (NaN with NaN, ∞ with ∞), or within LIBM_ULPS ulps of the larger magnitude. */
    static void assertClose(double[] expected, double[] actual, double[] z, double absolute, String what) {
        for (int i = 0; i < z.length; i++) {
            double e = expected[i], a = actual[i];
            double tol = Math.max(absolute, LIBM_ULPS * Math.ulp(Math.max(Math.abs(e), Math.abs(a))));
            assertEquals(e, a, Double.isFinite(tol) ? tol : 0, what + " at z = " + z[i]);
        }
    }

    static double absolute(Activation a) {
        return a == Activation.TANH ? TANH_ABSOLUTE : 0;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"STEP", "SOFTMAX"}, mode = EnumSource.Mode.EXCLUDE)
    void forwardMatchesDl4jsGetActivationEverywhereOnTheGrid(Activation a) {
        double[] z = grid();
        double[] dl4j = values(dl4j(a).getActivation(Nd4j.create(z, new long[]{1, z.length}, 'c'), false));
        double[] ours = new ActivationLayer(a).forward(new Matrix(1, z.length, z.clone())).data;
        assertClose(dl4j, ours, z, absolute(a), a.id() + "(z)");
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"STEP", "SOFTMAX"}, mode = EnumSource.Mode.EXCLUDE)
    void derivativeMatchesDl4jsBackpropEverywhereOnTheGridKinksIncluded(Activation a) {
        double[] z = grid(), g = incomingGradient(z.length);
        INDArray in = Nd4j.create(z, new long[]{1, z.length}, 'c');
        double[] dl4j = values(dl4j(a).backprop(in, Nd4j.create(g.clone(), new long[]{1, z.length}, 'c')).getFirst());
        ActivationLayer layer = new ActivationLayer(a);
        layer.forward(new Matrix(1, z.length, z.clone()));
        double[] ours = layer.backward(new Matrix(1, z.length, g.clone())).data;
        assertClose(dl4j, ours, z, absolute(a), a.id() + "'(z)·g");
    }

    /** The grid reaches what it is for: the derivative changes at every kink of the piecewise ones. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKYRELU", "HARDSIGMOID", "HARDTANH", "SELU"})
    void theGridStraddlesEachKink(Activation a) {
        double[] z = grid();
        ActivationLayer layer = new ActivationLayer(a);
        layer.forward(new Matrix(1, z.length, z.clone()));
        double[] ones = new double[z.length];
        Arrays.fill(ones, 1);
        double[] d = layer.backward(new Matrix(1, z.length, ones)).data;
        long distinct = Arrays.stream(d).filter(Double::isFinite).map(v -> Math.round(v * 1e6)).distinct().count();
        assertTrue(distinct >= 2, a.id() + "' takes " + distinct + " values on the grid");
    }
}
