package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParamSetTest {
    /**
     * {@code java.util.Random.nextGaussian} is fixed by the Java specification (the polar method
     * through StrictMath), and the init multiplies each draw once by a correctly rounded constant,
     * so the drawn weights are the same bits on every JVM.
     */
    static final double EXACT = 0;

    /** A large layer for the distribution checks: 784·200 = 156,800 weights in W1, 200·100 = 20,000 in W2. */
    static final NetSpec WIDE = NetSpec.digits().withSizes(784, 200, 100);

    @Test
    void normalInitForSeed42StartsWithTheseWeights() {
        // new java.util.Random(42).nextGaussian() gives 1.1419053154730547, 0.9194079489827879,
        // -0.9498666368908959, ... (its 51st is 1.0725991339400673, its 101st 0.2007496259633872);
        // NORMAL is 0.01 times each, drawn W1 row by row, then W2.
        ParamSet p = ParamSet.initial(NetSpec.quadrant());
        assertEquals(0.011419053154730548, p.layer(1).w(0, 0), EXACT);
        assertEquals(0.009194079489827879, p.layer(1).w(0, 1), EXACT);
        assertEquals(-0.00949866636890896, p.layer(1).w(0, 2), EXACT);
        assertEquals(-0.010586772048930921, p.layer(1).w(0, 49), EXACT);
        assertEquals(0.010725991339400673, p.layer(1).w(1, 0), EXACT);
        assertEquals(0.002007496259633872, p.layer(2).w(0, 0), EXACT);
        assertEquals(0.008962364439355677, p.layer(2).w(0, 1), EXACT);
        assertEquals(-0.019069696484274985, p.layer(2).w(1, 0), EXACT);
    }

    @Test
    void anotherSeedDrawsAnotherSequence() {
        // new java.util.Random(7).nextGaussian() = 0.8452060657049847
        assertEquals(0.008452060657049848, ParamSet.initial(NetSpec.quadrant().withSeed(7)).layer(1).w(0, 0), EXACT);
    }

    @Test
    void xavierInitForSeed42ScalesTheSameDrawsBySqrtTwoOverFanInPlusFanOut() {
        // the same N(0,1) draws as above, times √(2/52) = 0.19611613513818404 in W1 (2→50)
        // and √(2/54) = 0.19245008972987526 in W2 (50→4)
        ParamSet p = ParamSet.initial(NetSpec.quadrant().withInit(Init.XAVIER));
        assertEquals(0.22394605716432428, p.layer(1).w(0, 0), EXACT);
        assertEquals(0.18031073356982905, p.layer(1).w(0, 1), EXACT);
        assertEquals(-0.18628417372374734, p.layer(1).w(0, 2), EXACT);
        assertEquals(0.21035399670088942, p.layer(1).w(1, 0), EXACT);
        assertEquals(0.03863428352989276, p.layer(2).w(0, 0), EXACT);
    }

    @Test
    void normalInitDrawsWeightsOfStdOneHundredthAndZeroBiases() {
        // Bounds from SampleStats: 6 standard errors of the sample std, σ/√(2n), are 1.07% of σ
        // for W1's 156,800 weights and 3.0% for W2's 20,000, where the old test allowed 25%.
        // A wrong scale (1, 0.1) or XAVIER's √(2/984) = 0.045 is far outside.
        ParamSet p = ParamSet.initial(WIDE);
        for (int k = 1; k <= 2; k++) {
            SampleStats s = SampleStats.of(p.layer(k).w());
            assertEquals(0, s.mean(), s.meanBound(Init.NORMAL_STD), "mean of W" + k);
            assertEquals(Init.NORMAL_STD, s.std(), s.stdBound(Init.NORMAL_STD), "std of W" + k);
            for (double b : p.layer(k).b()) assertEquals(0, b, EXACT);
        }
    }

    @Test
    void xavierInitDrawsEachLayerWithItsOwnFanInPlusFanOut() {
        // σ1 = √(2/(784+200)) = 0.04508, σ2 = √(2/(200+100)) = 0.08165; 6 standard errors of the
        // sample std are 1.07% and 3.0% of those (SampleStats). Fan-in alone (He: √(2/784) = 0.0505,
        // √(2/200) = 0.1), nIn − nOut (√(2/584) = 0.0585) or one σ for both layers all fall outside.
        ParamSet p = ParamSet.initial(WIDE.withInit(Init.XAVIER));
        double[] sigma = {Math.sqrt(2.0 / 984), Math.sqrt(2.0 / 300)};
        for (int k = 1; k <= 2; k++) {
            SampleStats s = SampleStats.of(p.layer(k).w());
            assertEquals(0, s.mean(), s.meanBound(sigma[k - 1]), "mean of W" + k);
            assertEquals(sigma[k - 1], s.std(), s.stdBound(sigma[k - 1]), "std of W" + k);
            for (double b : p.layer(k).b()) assertEquals(0, b, EXACT);
        }
    }

    @Test
    void dl4jInitCannotBeDrawnInTheCanonicalLayout() {
        var e = assertThrows(IllegalArgumentException.class, () -> ParamSet.initial(NetSpec.quadrant().withInit(Init.DL4J)));
        assertEquals("init dl4j is drawn by DL4J, not from the canonical layout", e.getMessage());
    }

    @Test
    void layersAreCountedFromOneAndShapedBySpec() {
        ParamSet p = ParamSet.initial(NetSpec.quadrant().withSizes(3, 7, 5));
        assertEquals(2, p.layers().size());
        assertEquals("Dense(3→7)", p.layer(1).toString());
        assertEquals("Dense(7→5)", p.layer(2).toString());
        assertEquals(3 * 7 + 7 + 7 * 5 + 5, p.count());
        assertEquals(354, ParamSet.initial(NetSpec.quadrant()).count());          // 2·50 + 50 + 50·4 + 4
        assertEquals(39_760, ParamSet.zeros(NetSpec.digits()).count());          // 784·50 + 50 + 50·10 + 10
    }

    @Test
    void zerosAreShapedLikeTheSpecAndAllZero() {
        ParamSet z = ParamSet.zeros(NetSpec.quadrant().withSizes(3, 7, 5));
        assertEquals(new DenseParams(3, 7, new double[21], new double[7]), z.layer(1));
        assertEquals(new DenseParams(7, 5, new double[35], new double[5]), z.layer(2));
    }

    @Test
    void copyIsEqualButSharesNoArray() {
        ParamSet p = ParamSet.initial(NetSpec.quadrant());
        ParamSet c = p.copy();
        assertEquals(p, c);
        for (int k = 1; k <= 2; k++) {
            assertNotSame(p.layer(k).w(), c.layer(k).w());
            assertNotSame(p.layer(k).b(), c.layer(k).b());
        }
        c.layer(2).b()[3] = 1;
        assertEquals(0, p.layer(2).b()[3], EXACT);
    }

    @Test
    void theLayerListCannotBeChangedFromOutside() {
        List<DenseParams> source = new ArrayList<>(List.of(DenseParams.zeros(2, 3), DenseParams.zeros(3, 2)));
        ParamSet p = new ParamSet(source);
        source.clear();
        assertEquals(2, p.layers().size());
        assertThrows(UnsupportedOperationException.class, () -> p.layers().add(DenseParams.zeros(2, 2)));
        assertEquals(DenseParams.zeros(2, 3), p.layer(1));
    }
    // ------------------------------------------------------------- every scheme's first draws, against a Python peer

    /** 3 → 5 → 2 with seed 2024: W1 has 15 weights, so W2's first draw is the cached second half of a Gaussian pair. */
    static final NetSpec SMALL = NetSpec.quadrant().withSizes(3, 5, 2).withSeed(2024);

    /**
     * W1[0][0], W1[0][1], W1[0][2], W1[2][4] and W2[0][0], W2[4][1] for each scheme, from the Python
     * peer quoted at the end of this file: java.util.Random's LCG, nextDouble and the polar method
     * of nextGaussian written out, with fdlibm's log (StrictMath.log; glibc's differs by an ulp
     * here), so the draws are the same bits.
     */
    static Stream<Arguments> firstDraws() {
        return Stream.of(
                Arguments.of(Init.NORMAL, new double[]{0.004522047733159631, -0.011899429517085636, 0.0267950757630268, -0.00208105071119408}, new double[]{-0.01742029662374085, -0.006797612837936673}),
                Arguments.of(Init.XAVIER, new double[]{0.22610238665798155, -0.5949714758542818, 1.33975378815134, -0.10405253555970399}, new double[]{-0.9311540220287586, -0.36334768982135895}),
                Arguments.of(Init.RELU, new double[]{0.3692236512916813, -0.9715843515690884, 2.187808774621076, -0.16991707904271788}, new double[]{-1.1017562969352466, -0.4299187843976184}),
                Arguments.of(Init.LECUN_NORMAL, new double[]{0.26108054760280497, -0.687013883489237, 1.5470144204739937, -0.1201495188305164}, new double[]{-0.7790593487778923, -0.30399848780703326}),
                Arguments.of(Init.XAVIER_UNIFORM, new double[]{0.2051677104029743, -0.5398834451082182, 0.7464772038034642, -0.006456657541322266}, new double[]{-0.2554040499547338, 0.43822808823686943}),
                Arguments.of(Init.RELU_UNIFORM, new double[]{0.3350374681215968, -0.8816259740606837, 1.2189921692920358, -0.010543677613421697}, new double[]{-0.302198147291793, 0.5185184666409076}),
                Arguments.of(Init.UNIFORM, new double[]{0.1367784736019829, -0.35992229673881215, 0.49765146920230957, -0.004304438360881511}, new double[]{-0.12337187701322117, 0.21168427758009412}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstDraws")
    void eachSchemeDrawsThePeersFirstWeightsFromOneSequenceAndZeroBiases(Init init, double[] w1, double[] w2) {
        ParamSet p = ParamSet.initial(SMALL.withInit(init));
        DenseParams l1 = p.layer(1), l2 = p.layer(2);
        assertArrayEquals(w1, new double[]{l1.w(0, 0), l1.w(0, 1), l1.w(0, 2), l1.w(2, 4)}, EXACT, "W1");
        assertArrayEquals(w2, new double[]{l2.w(0, 0), l2.w(4, 1)}, EXACT, "W2");
        assertArrayEquals(new double[5], l1.b(), EXACT, "b1");
        assertArrayEquals(new double[2], l2.b(), EXACT, "b2");
    }

    @Test
    void zeroInitGivesZerosEverywhere() {
        ParamSet p = ParamSet.initial(SMALL.withInit(Init.ZERO));
        assertEquals(ParamSet.zeros(SMALL), p);
        for (DenseParams d : p.layers()) {
            for (double v : d.w()) assertEquals(0, Double.doubleToRawLongBits(v), "+0.0");
        }
    }

    @Test
    void theUniformSchemesStayInsideTheirBounds() {
        // |w| < a for U(−a, a): a = √(6/8), √(6/3), 1/√3 in W1
        for (Init init : List.of(Init.XAVIER_UNIFORM, Init.RELU_UNIFORM, Init.UNIFORM)) {
            double a = switch (init) {
                case XAVIER_UNIFORM -> Math.sqrt(6.0 / 8);
                case RELU_UNIFORM -> Math.sqrt(2.0);
                default -> 1 / Math.sqrt(3);
            };
            for (double w : ParamSet.initial(SMALL.withInit(init)).layer(1).w()) assertTrue(Math.abs(w) < a, init + ": " + w);
        }
    }

    /*
     * The Python peer (python3, standard library only):
     *
     *   import math, struct
     *
     *   def _hi_lo(x):
     *       b = struct.unpack('>q', struct.pack('>d', x))[0]
     *       return (b >> 32), b & 0xffffffff          # hi as a signed 32-bit int, lo unsigned
     *
     *   def _with_hi(x, hi):
     *       _, lo = _hi_lo(x)
     *       return struct.unpack('>d', struct.pack('>q', ((hi & 0xffffffff) << 32 | lo) - ((1 << 64) if hi & 0x80000000 else 0)))[0]
     *
     *   def fdlibm_log(x):
     *       """fdlibm's __ieee754_log, which java.lang.StrictMath.log is specified to be, for x > 0 finite."""
     *       ln2_hi, ln2_lo, two54 = 6.93147180369123816490e-01, 1.90821492927058770002e-10, 1.80143985094819840000e+16
     *       Lg1, Lg2, Lg3, Lg4 = 6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01
     *       Lg5, Lg6, Lg7 = 1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01
     *       hx, lx = _hi_lo(x); k = 0
     *       if hx < 0x00100000:                       # subnormal
     *           k -= 54; x *= two54; hx, _ = _hi_lo(x)
     *       k += (hx >> 20) - 1023
     *       hx &= 0x000fffff
     *       i = (hx + 0x95f64) & 0x100000
     *       x = _with_hi(x, hx | (i ^ 0x3ff00000))
     *       k += i >> 20
     *       f = x - 1.0
     *       if (0x000fffff & (2 + hx)) < 3:
     *           if f == 0.0:
     *               return 0.0 if k == 0 else k * ln2_hi + k * ln2_lo
     *           R = f * f * (0.5 - 0.33333333333333333 * f)
     *           return f - R if k == 0 else k * ln2_hi - ((R - k * ln2_lo) - f)
     *       s = f / (2.0 + f); dk = float(k); z = s * s; i = hx - 0x6147a; w = z * z; j = 0x6b851 - hx
     *       t1 = w * (Lg2 + w * (Lg4 + w * Lg6)); t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7))); i |= j; R = t2 + t1
     *       if i > 0:
     *           hfsq = 0.5 * f * f
     *           return f - (hfsq - s * (hfsq + R)) if k == 0 else dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f)
     *       return f - s * (f - R) if k == 0 else dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f)
     *
     *   class JavaRandom:
     *       """java.util.Random as the Java specification defines it: the 48-bit LCG, nextDouble, nextGaussian's polar method."""
     *       M = (1 << 48) - 1
     *       def __init__(self, seed):
     *           self.s = (seed ^ 0x5DEECE66D) & self.M; self.have = False
     *       def next(self, bits):
     *           self.s = (self.s * 0x5DEECE66D + 0xB) & self.M
     *           return self.s >> (48 - bits)              # nonnegative for bits < 32
     *       def nextDouble(self):
     *           return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53
     *       def nextGaussian(self):
     *           if self.have:
     *               self.have = False; return self.nxt
     *           while True:
     *               v1 = 2 * self.nextDouble() - 1; v2 = 2 * self.nextDouble() - 1; s = v1 * v1 + v2 * v2
     *               if 0 < s < 1: break
     *           m = math.sqrt(-2 * fdlibm_log(s) / s)     # StrictMath.sqrt is correctly rounded, as math.sqrt
     *           self.nxt = v2 * m; self.have = True
     *           return v1 * m
     *
     *   import math
     *   sizes = [(3, 5), (5, 2)]                  # NetSpec.quadrant().withSizes(3, 5, 2).withSeed(2024)
     *   def draw(scheme, seed=2024):
     *       r = JavaRandom(seed); out = []
     *       for nin, nout in sizes:
     *           fi, fo = float(nin), float(nout)
     *           w = []
     *           for _ in range(nin * nout):
     *               if scheme == 'NORMAL': w.append(0.01 * r.nextGaussian())
     *               elif scheme == 'XAVIER': w.append(math.sqrt(2.0 / (fi + fo)) * r.nextGaussian())
     *               elif scheme == 'RELU': w.append(math.sqrt(2.0 / fi) * r.nextGaussian())
     *               elif scheme == 'LECUN_NORMAL': w.append(math.sqrt(1.0 / fi) * r.nextGaussian())
     *               elif scheme == 'XAVIER_UNIFORM': w.append(math.sqrt(6.0 / (fi + fo)) * (2 * r.nextDouble() - 1))
     *               elif scheme == 'RELU_UNIFORM': w.append(math.sqrt(6.0 / fi) * (2 * r.nextDouble() - 1))
     *               elif scheme == 'UNIFORM': w.append(1.0 / math.sqrt(fi) * (2 * r.nextDouble() - 1))
     *           out.append(w)
     *       return out
     *
     *   for each scheme: w1, w2 = draw(scheme); print w1[0], w1[1], w1[2], w1[-1], w2[0], w2[-1]
     */
}
