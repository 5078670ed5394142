package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.spec.Activation;

/**
 * Each activation's forward and backward at points whose values are known: closed forms, and a
 * table written by an independent Python peer (glibc's exp, log, pow and tanh, DL4J's formulas
 * read off libnd4j; quoted at the end of this file) at every kink, one ulp either side of it, and
 * at ±large z where DL4J's formulas overflow.
 */
class ActivationLayerTest {
    /** Values like 0.5, 0.25 and 0 are exact; no rounding is involved. */
    static final double EXACT = 0;
    /** One or two roundings in exp/tanh: a few ulps of numbers near 1. */
    static final double ULPS = 1e-15;
    /** Java's exp, log, pow, tanh against glibc's (the Python peer's): within an ulp each, a few ulps in all. */
    static final double LIBM_ULPS = 4;
    static final double INF = Double.POSITIVE_INFINITY;
    static final double NaN = Double.NaN;

    private static Matrix row(double... v) {
        return new Matrix(1, v.length, v);
    }

    @Test
    void reluPassesPositivesAndZeroesTheRest() {
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        assertArrayEquals(new double[]{0, 0, 2}, relu.forward(row(-1, 0, 2)).data, EXACT);
    }

    @Test
    void reluBackwardPassesGradientOnlyWhereTheInputWasPositive() {
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        relu.forward(row(-1, 0, 2));
        // at z = 0 the derivative is taken as 0, as DL4J does
        assertArrayEquals(new double[]{0, 0, 5}, relu.backward(row(3, 4, 5)).data, EXACT);
    }

    @Test
    void sigmoidIsHalfAtZeroWithSlopeAQuarter() {
        ActivationLayer s = new ActivationLayer(Activation.SIGMOID);
        assertArrayEquals(new double[]{0.5}, s.forward(row(0)).data, EXACT);
        assertArrayEquals(new double[]{0.5}, s.backward(row(2)).data, EXACT);
    }

    /**
     * σ(2) and σ'(2) = e⁻²/(1 + e⁻²)², to 40 digits with Python's decimal, rounded to double:
     * a closed form other than the layer's h(1 − h).
     */
    @Test
    void sigmoidAtTwoMatchesItsClosedFormValueAndSlope() {
        ActivationLayer s = new ActivationLayer(Activation.SIGMOID);
        assertArrayEquals(new double[]{0.8807970779778824, 0.11920292202211755}, s.forward(row(2, -2)).data, ULPS);
        assertArrayEquals(new double[]{0.10499358540350652, 3 * 0.10499358540350652}, s.backward(row(1, 3)).data, ULPS);
    }

    /** tanh(1) and tanh'(1) = 4/(e + e⁻¹)² = sech²(1), to 40 digits with Python's decimal. */
    @Test
    void tanhAtOneMatchesItsClosedFormValueAndSlope() {
        ActivationLayer t = new ActivationLayer(Activation.TANH);
        assertArrayEquals(new double[]{0, 0.7615941559557649, -0.7615941559557649}, t.forward(row(0, 1, -1)).data, ULPS);
        assertArrayEquals(new double[]{1, 0.4199743416140261, -2 * 0.4199743416140261}, t.backward(row(1, 1, -2)).data, ULPS);
    }

    @Test
    void reluBackwardUsesTheInputNotTheIncomingGradientForItsMask() {
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        relu.forward(row(3, -3, 1e-300, -0.0));
        // a negative incoming gradient passes where z > 0; -0.0 and z ≤ 0 block it
        assertArrayEquals(new double[]{-7, 0, -2, 0}, relu.backward(row(-7, -5, -2, 9)).data, EXACT);
    }

    @Test
    void eachActivationDescribesItselfByItsCommandLineName() {
        assertEquals("relu", new ActivationLayer(Activation.RELU).toString());
        assertEquals(Activation.TANH, new ActivationLayer(Activation.TANH).activation());
    }

    @Test
    void identityPassesValuesAndGradientsThrough() {
        ActivationLayer id = new ActivationLayer(Activation.IDENTITY);
        assertArrayEquals(new double[]{-3, 4}, id.forward(row(-3, 4)).data, EXACT);
        assertArrayEquals(new double[]{7, 8}, id.backward(row(7, 8)).data, EXACT);
    }

    @Test
    void stepRunsForwardAsTheTutorialDefinesIt() {
        ActivationLayer step = new ActivationLayer(Activation.STEP);
        assertArrayEquals(new double[]{0, 0, 1}, step.forward(row(-2, 0, 0.1)).data, EXACT);
    }

    @Test
    void stepRefusesBackpropWithAnExplanation() {
        ActivationLayer step = new ActivationLayer(Activation.STEP);
        step.forward(row(1));
        var e = assertThrows(UnsupportedOperationException.class, () -> step.backward(row(1)));
        assertTrue(e.getMessage().contains("cannot be trained by backpropagation"), e.getMessage());
    }
    /** f and f' (g = 1) at z, from the Python peer; NaN and ∞ must match exactly. */
    record Row(Activation a, double[] z, double[] f, double[] df) {
        @Override
        public String toString() {
            return a.id();
        }
    }

    static Row row(Activation a, double[] z, double[] f, double[] df) {
        return new Row(a, z, f, df);
    }

    static Stream<Row> peerTable() {
        return Stream.of(
                row(Activation.RELU,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, -5e-324, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0}),
                row(Activation.LEAKYRELU,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, -5e-324, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-10.0, -0.2, -0.01, -0.005, -0.0, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}),
                row(Activation.ELU,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, -5e-324, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-1.0, -0.9999999979388464, -0.6321205588285577, -0.3934693402873666, 0.0, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{0.0, 2.061153622438558e-09, 0.36787944117144233, 0.6065306597126334, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}),
                row(Activation.SELU,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, -5e-324, 0.0, 5e-324, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-1.7580993408473766, -1.758099337223664, -1.1113307378125625, -0.6917581878028713, 0.0, 0.0, 5e-324, 0.5253504936777402, 1.0507009873554805, 21.014019747109607, 1050.7009873554805},
                        new double[]{0.0, 3.6237128249944113e-09, 0.646768603034814, 1.0663411530445053, 1.7580993408473766, 1.7580993408473766, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805, 1.0507009873554805}),
                row(Activation.SOFTPLUS,
                        new double[]{-1000.0, -40.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 709.0, 710.0, 1000.0},
                        new double[]{0.0, 0.0, 2.0611536900435727e-09, 0.31326168751822286, 0.4740769841801067, 0.6931471805599453, 0.9740769841801067, 1.3132616875182228, 20.000000002061153, 709.0, INF, INF},
                        new double[]{0.0, 4.248354255291598e-18, 2.0611536181902054e-09, 0.2689414213699951, 0.37754066879814546, 0.5, 0.6224593312018546, 0.7310585786300049, 0.9999999979388464, 1.0, NaN, NaN}),
                row(Activation.SOFTSIGN,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-0.999000999000999, -0.9523809523809523, -0.5, -0.3333333333333333, 0.0, 0.3333333333333333, 0.5, 0.9523809523809523, 0.999000999000999},
                        new double[]{9.98002996004994e-07, 0.0022675736961451248, 0.25, 0.4444444444444444, 1.0, 0.4444444444444444, 0.25, 0.0022675736961451248, 9.98002996004994e-07}),
                row(Activation.SIGMOID,
                        new double[]{-1000.0, -40.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 40.0, 1000.0},
                        new double[]{0.0, 4.248354255291589e-18, 2.0611536181902037e-09, 0.2689414213699951, 0.3775406687981454, 0.5, 0.6224593312018546, 0.7310585786300049, 0.9999999979388463, 1.0, 1.0},
                        new double[]{0.0, 4.248354255291589e-18, 2.0611536139418496e-09, 0.19661193324148185, 0.2350037122015945, 0.25, 0.2350037122015945, 0.19661193324148185, 2.0611536879193953e-09, 0.0, 0.0}),
                row(Activation.HARDSIGMOID,
                        new double[]{-1000.0, -20.0, -2.5000000000000004, -2.5, -2.4999999999999996, -1.0, -0.5, 0.0, 0.5, 1.0, 2.4999999999999996, 2.5, 2.5000000000000004, 20.0, 1000.0},
                        new double[]{0.0, 0.0, 0.0, 0.0, 0.0, 0.29999999701976776, 0.3999999985098839, 0.5, 0.6000000014901161, 0.7000000029802322, 1.0, 1.0, 1.0, 1.0, 1.0},
                        new double[]{0.0, 0.0, 0.0, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.20000000298023224, 0.0, 0.0, 0.0}),
                row(Activation.TANH,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-1.0, -1.0, -0.7615941559557649, -0.46211715726000974, 0.0, 0.46211715726000974, 0.7615941559557649, 1.0, 1.0},
                        new double[]{0.0, 0.0, 0.41997434161402614, 0.7864477329659274, 1.0, 0.7864477329659274, 0.41997434161402614, 0.0, 0.0}),
                row(Activation.HARDTANH,
                        new double[]{-1000.0, -20.0, -1.0000000000000002, -1.0, -0.9999999999999999, -0.5, 0.0, 0.5, 0.9999999999999999, 1.0, 1.0000000000000002, 20.0, 1000.0},
                        new double[]{-1.0, -1.0, -1.0, -1.0, -0.9999999999999999, -0.5, 0.0, 0.5, 0.9999999999999999, 1.0, 1.0, 1.0, 1.0},
                        new double[]{0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0}),
                row(Activation.SWISH,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 709.0, 710.0, 1000.0},
                        new double[]{-0.0, -4.122307236380407e-08, -0.2689414213699951, -0.1887703343990727, 0.0, 0.3112296656009273, 0.7310585786300049, 19.999999958776925, 709.0, 710.0, 1000.0},
                        new double[]{-0.0, -3.916191866064682e-08, 0.07232948812851328, 0.2600388126973482, 0.5, 0.7399611873026517, 0.9276705118714866, 1.0000000391619186, NaN, NaN, NaN}),
                row(Activation.CUBE,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-1000000000.0, -8000.0, -1.0, -0.125, 0.0, 0.125, 1.0, 8000.0, 1000000000.0},
                        new double[]{3000000.0, 1200.0, 3.0, 0.75, 0.0, 0.75, 3.0, 1200.0, 3000000.0}),
                row(Activation.IDENTITY,
                        new double[]{-1000.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{-1000.0, -20.0, -1.0, -0.5, 0.0, 0.5, 1.0, 20.0, 1000.0},
                        new double[]{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}));
    }

    static void assertPeer(double[] expected, double[] actual, double[] z, String what) {
        for (int i = 0; i < z.length; i++) {
            double tol = LIBM_ULPS * Math.ulp(expected[i]);
            assertEquals(expected[i], actual[i], Double.isFinite(tol) ? tol : 0, what + " at z = " + z[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerTable")
    void forwardMatchesThePythonPeerAtKinksAndLargeZ(Row r) {
        double[] h = new ActivationLayer(r.a()).forward(new Matrix(1, r.z().length, r.z().clone())).data;
        assertPeer(r.f(), h, r.z(), r.a().id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerTable")
    void derivativeMatchesThePythonPeerAtKinksAndLargeZ(Row r) {
        ActivationLayer layer = new ActivationLayer(r.a());
        layer.forward(new Matrix(1, r.z().length, r.z().clone()));
        double[] ones = new double[r.z().length];
        Arrays.fill(ones, 1);
        assertPeer(r.df(), layer.backward(new Matrix(1, ones.length, ones)).data, r.z(), r.a().id() + "'");
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"STEP", "SOFTMAX"}, mode = EnumSource.Mode.EXCLUDE)
    void theBackwardPassMultipliesTheIncomingGradientByTheDerivative(Activation a) {
        // g = 3 and −0.5 at z = 0.75 and −0.75 give 3·f'(0.75) and −0.5·f'(−0.75); f' from g = 1
        double[] z = {0.75, -0.75};
        ActivationLayer unit = new ActivationLayer(a);
        unit.forward(new Matrix(1, 2, z.clone()));
        double[] d = unit.backward(new Matrix(1, 2, new double[]{1, 1})).data;
        ActivationLayer scaled = new ActivationLayer(a);
        scaled.forward(new Matrix(1, 2, z.clone()));
        assertArrayEquals(new double[]{3 * d[0], -0.5 * d[1]}, scaled.backward(new Matrix(1, 2, new double[]{3, -0.5})).data,
                ULPS * 4, a.id());
        assertTrue(d[0] != 0 || d[1] != 0, a.id() + " has a nonzero slope at ±0.75");
    }

    /** MASK_FROM_OUTPUT evaluates f' at h = f(z): f'(f(z)) at z = −1, 0.5, 2, from the Python peer. */
    static Stream<Arguments> derivativeAtTheOutput() {
        return Stream.of(
                Arguments.of(Activation.RELU, new double[]{0.0, 1.0, 1.0}),
                Arguments.of(Activation.LEAKYRELU, new double[]{0.009999999776482582, 1.0, 1.0}),
                Arguments.of(Activation.ELU, new double[]{0.5314636053866156, 1.0, 1.0}),
                Arguments.of(Activation.SELU, new double[]{0.5786268790075374, 1.0507009873554805, 1.0507009873554805}),
                Arguments.of(Activation.SOFTPLUS, new double[]{0.5776812017484818, 0.725931380938803, 0.8934930210807992}),
                Arguments.of(Activation.SOFTSIGN, new double[]{0.4444444444444444, 0.5625, 0.3600000000000001}),
                Arguments.of(Activation.SIGMOID, new double[]{0.24553334917258515, 0.22726609175218423, 0.20715622948838924}),
                Arguments.of(Activation.HARDSIGMOID, new double[]{0.20000000298023224, 0.20000000298023224, 0.20000000298023224}),
                Arguments.of(Activation.TANH, new double[]{0.5878167500318319, 0.8135416951711528, 0.44338254169537683}),
                Arguments.of(Activation.HARDTANH, new double[]{1.0, 1.0, 1.0}),
                Arguments.of(Activation.SWISH, new double[]{0.36713290505919505, 0.6531386200086143, 1.0737880406234939}),
                Arguments.of(Activation.CUBE, new double[]{3.0, 0.046875, 192.0}),
                Arguments.of(Activation.IDENTITY, new double[]{1.0, 1.0, 1.0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("derivativeAtTheOutput")
    void maskFromOutputEvaluatesEveryDerivativeAtTheOutput(Activation a, double[] expected) {
        double[] z = {-1, 0.5, 2};
        ActivationLayer faulty = new ActivationLayer(a, Fault.MASK_FROM_OUTPUT);
        faulty.forward(new Matrix(1, 3, z.clone()));
        assertPeer(expected, faulty.backward(new Matrix(1, 3, new double[]{1, 1, 1})).data, z, a.id() + "'(h)");
    }

    @Test
    void hardsigmoidsSlopeIsTheFloat0point2AndItHoldsAtBothKinks() {
        assertEquals(0.20000000298023224, ActivationLayer.HARDSIGMOID_SLOPE, EXACT);
        ActivationLayer hs = new ActivationLayer(Activation.HARDSIGMOID);
        // at z = 2.5 the output is already 1 (0.2f · 2.5 + 0.5 > 1) but the derivative is still the slope
        assertArrayEquals(new double[]{0, 1, 0.5}, hs.forward(row(-2.5, 2.5, 0)).data, EXACT);
        assertArrayEquals(new double[]{0.20000000298023224, 0.20000000298023224, 0.20000000298023224}, hs.backward(row(1, 1, 1)).data, EXACT);
    }

    @Test
    void leakyreluUsesAlphaInDoubleForwardAndAsAFloatBackwardAndSlopeOneAtZero() {
        ActivationLayer lr = new ActivationLayer(Activation.LEAKYRELU);
        assertArrayEquals(new double[]{-0.02, 0, 3}, lr.forward(row(-2, 0, 3)).data, EXACT);
        assertArrayEquals(new double[]{0.009999999776482582, 1, 1}, lr.backward(row(1, 1, 1)).data, EXACT);
    }

    @Test
    void leakyreluAlphaWrongUsesTensorFlowsPoint2ForwardAndBackward() {
        ActivationLayer lr = new ActivationLayer(Activation.LEAKYRELU, Fault.LEAKYRELU_ALPHA_WRONG);
        assertArrayEquals(new double[]{-0.4, 0, 3}, lr.forward(row(-2, 0, 3)).data, EXACT);
        // 0.2 as a float, like DL4J's own α: 0.20000000298023224
        assertArrayEquals(new double[]{0.20000000298023224 * 5, 5, 5}, lr.backward(row(5, 5, 5)).data, EXACT);
        ActivationLayer tanh = new ActivationLayer(Activation.TANH, Fault.LEAKYRELU_ALPHA_WRONG);
        assertArrayEquals(new double[]{0}, tanh.forward(row(0)).data, EXACT, "other activations are untouched");
    }

    @Test
    void seluAtZeroTakesTheLeftSlopeAlphaLambda() {
        ActivationLayer selu = new ActivationLayer(Activation.SELU);
        selu.forward(row(0, -0.0, Double.MIN_VALUE));
        assertArrayEquals(new double[]{1.7580993408473766, 1.7580993408473766, 1.0507009873554805}, selu.backward(row(1, 1, 1)).data, EXACT);
    }

    @Test
    void reluPassesNegativeZeroAndNaNThroughLikeDl4j() {
        double[] h = new ActivationLayer(Activation.RELU).forward(row(-0.0, Double.NaN)).data;
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(h[0]), "-0.0 stays -0.0");
        assertTrue(Double.isNaN(h[1]), "NaN stays NaN, so divergence shows");
    }

    @Test
    void softmaxIsRefusedAsAnElementWiseLayerNamingTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ActivationLayer(Activation.SOFTMAX));
        assertEquals("activation softmax is not element-wise; it belongs to the output layer's loss (SoftmaxCrossEntropy); valid here: "
                + Activation.validNames(), e.getMessage());
    }

    /*
     * The Python peer (python3, standard library; each row is f and f' at the row's z):
     *
     *   import math, struct
     *   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
     *   INF=float('inf'); NAN=float('nan')
     *   def exp(x):
     *       try: return math.exp(x)
     *       except OverflowError: return INF
     *   def pw(b,x):
     *       try: return math.pow(b,x)
     *       except OverflowError: return INF
     *   def log(x):
     *       if x == INF: return INF
     *       return math.log(x)
     *   L=1.0507009873554804934193349852946; A=1.6732632423543772848170429916717
     *   S=f32(0.2); AL=f32(0.01)
     *   def sig(z): return 1/(1+exp(-z))
     *   def swish_d(z):
     *       p=pw(math.e,z); q=p+1
     *       try: return (p*(z+p+1))/(q*q)
     *       except: return NAN
     *   def sp_d(z):
     *       p=pw(math.e,z)
     *       r = p/(p+1) if p != INF else NAN
     *       return r
     *   F={
     *    'RELU':(lambda z: 0.0 if z<0 else z, lambda z: 1.0 if z>0 else 0.0),
     *    'LEAKYRELU':(lambda z: 0.01*z if z<0 else z, lambda z: AL if z<0 else 1.0),
     *    'ELU':(lambda z: z if z>=0 else (exp(z)-1), lambda z: 1.0 if z>=0 else exp(z)),
     *    'SELU':(lambda z: L*z if z>0 else L*(A*exp(z)-A), lambda z: L if z>0 else A*L*exp(z)),
     *    'SOFTPLUS':(lambda z: log(1+exp(z)), sp_d),
     *    'SOFTSIGN':(lambda z: z/(1+abs(z)), lambda z: 1/((1+abs(z))*(1+abs(z)))),
     *    'SIGMOID':(sig, lambda z: sig(z)*(1-sig(z))),
     *    'HARDSIGMOID':(lambda z: min(1.0, max(0.0, S*z+0.5)), lambda z: 0.0 if (z< -2.5 or z>2.5) else S),
     *    'TANH':(math.tanh, lambda z: 1-math.tanh(z)**2),
     *    'HARDTANH':(lambda z: -1.0 if z< -1 else (1.0 if z>1 else z), lambda z: 1.0 if -1<=z<=1 else 0.0),
     *    'SWISH':(lambda z: z*sig(z), swish_d),
     *    'CUBE':(lambda z: z*z*z, lambda z: 3*z*z),
     *    'IDENTITY':(lambda z: z, lambda z: 1.0),
     *   }
     */
}
