package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DoubleDoubleTest {

    /** Double-double's unit roundoff is 2^-104 ≈ 4.9e-32; a few operations stay within 1e-30 relative. */
    private static final double DD_TOL = 1e-30;
    /** exp, log, tanh agree with java.lang.Math to its accuracy: Math's results are within 1 ulp (≈ 2.2e-16 relative). */
    private static final double MATH_TOL = 2.3e-16;

    private static BigDecimal big(DoubleDouble a) {
        return new BigDecimal(a.hi()).add(new BigDecimal(a.lo()));
    }

    private static double relDiff(BigDecimal want, DoubleDouble got) {
        BigDecimal d = want.subtract(big(got)).abs();
        return want.signum() == 0 ? d.doubleValue() : d.divide(want.abs(), MathContext.DECIMAL64).doubleValue();
    }

    @Test
    void exactSumAndProductLoseNothing() {
        Random rnd = new Random(1);
        for (int i = 0; i < 1000; i++) {
            double a = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(10) - 5), b = rnd.nextGaussian() * 1e-10;
            assertEquals(0, new BigDecimal(a).add(new BigDecimal(b)).compareTo(big(DoubleDouble.exactSum(a, b))));
            assertEquals(0, new BigDecimal(a).multiply(new BigDecimal(b)).compareTo(big(DoubleDouble.exactProduct(a, b))));
        }
    }

    @Test
    void arithmeticIsAccurateTo32Digits() {
        Random rnd = new Random(2);
        MathContext mc = new MathContext(60);
        for (int i = 0; i < 1000; i++) {
            DoubleDouble a = DoubleDouble.exactSum(rnd.nextGaussian(), rnd.nextGaussian() * 1e-17);
            DoubleDouble b = DoubleDouble.exactSum(rnd.nextGaussian(), rnd.nextGaussian() * 1e-17);
            assertTrue(relDiff(big(a).add(big(b)), a.add(b)) < DD_TOL || big(a).add(big(b)).abs().doubleValue() < 1e-15);
            assertTrue(relDiff(big(a).multiply(big(b)), a.multiply(b)) < DD_TOL);
            assertTrue(relDiff(big(a).divide(big(b), mc), a.divide(b)) < DD_TOL);
        }
    }

    @Test
    void expLogTanhSigmoidMatchJavaMathToItsPrecision() {
        for (double x = -30; x <= 30; x += 0.37) {
            DoubleDouble d = DoubleDouble.of(x);
            assertEquals(Math.exp(x), DoubleDouble.exp(d).doubleValue(), MATH_TOL * Math.exp(x), "exp " + x);
            assertEquals(Math.tanh(x), DoubleDouble.tanh(d).doubleValue(), MATH_TOL, "tanh " + x);
            assertEquals(1 / (1 + Math.exp(-x)), DoubleDouble.sigmoid(d).doubleValue(), 2 * MATH_TOL, "sigmoid " + x);
            double y = Math.abs(x) + 1e-3;
            assertEquals(Math.log(y), DoubleDouble.log(DoubleDouble.of(y)).doubleValue(), MATH_TOL * Math.max(1, Math.abs(Math.log(y))), "log " + y);
        }
    }

    @Test
    void expAndLogInvertEachOtherTo32Digits() {
        Random rnd = new Random(3);
        for (int i = 0; i < 300; i++) {
            DoubleDouble x = DoubleDouble.exactSum(rnd.nextGaussian() * 5, rnd.nextGaussian() * 1e-17);
            DoubleDouble back = DoubleDouble.log(DoubleDouble.exp(x));
            assertTrue(big(x).subtract(big(back)).abs().doubleValue() < DD_TOL * Math.max(1, Math.abs(x.hi())), "log(exp(" + x + "))");
            DoubleDouble one = DoubleDouble.exp(x).multiply(DoubleDouble.exp(x.negate()));
            assertTrue(relDiff(BigDecimal.ONE, one) < DD_TOL, "exp(x)·exp(-x) = " + one);
        }
    }

    @Test
    void softplusMatchesMpmathFromUnderflowToTheLinearEnd() {
        // log(1 + e^z) at 50 digits (reference_literals.py); relative, also where it is 4e-18
        double[] z = {-40.0, -3.5, -1e-5, 0.0, 2.25, 38.0};
        String[] want = {"4.248354255291588986304977843631582e-18", "2.97504182726205651948111740817498288e-2",
                "6.93142180572445309416771024900349773e-1", "6.93147180559945309417232121458176568e-1",
                "2.3502065589167472116731528267849673", "3.80000000000000000313913279204802958e+1"};
        for (int i = 0; i < z.length; i++) {
            DoubleDouble got = DoubleDouble.softplus(DoubleDouble.of(z[i]));
            assertTrue(relDiff(new BigDecimal(want[i]), got) < DD_TOL, "softplus(" + z[i] + ") = " + got);
        }
        assertEquals(800.0, DoubleDouble.softplus(DoubleDouble.of(800)).doubleValue(), 0.0, "no overflow: e^800 is never formed");
        assertEquals(0.0, DoubleDouble.softplus(DoubleDouble.of(-800)).doubleValue(), 0.0);
    }

    @Test
    void expm1AndLog1pKeepTheirRelativeDigitsNearZero() {
        // mpmath at 50 digits (reference_literals.py): expm1 and log1p of −1e-20, 3e-9, −0.25, 0.3, and expm1(2) (the exp path)
        double[] a = {-1e-20, 3e-9, -0.25, 0.3};
        String[] expm1 = {"-9.99999999999999945148271454209571652e-21", "3.00000000449999998454962117860651416e-9",
                "-2.21199216928595131754829733021679353e-1", "3.49858807576003088997301031688634032e-1"};
        String[] log1p = {"-9.99999999999999945158271454209571651e-21", "2.9999999954999999890496212746837867e-9",
                "-2.87682072451780927439219005993827432e-1", "2.62364264467491043495318874379750204e-1"};
        for (int i = 0; i < a.length; i++) {
            assertTrue(relDiff(new BigDecimal(expm1[i]), DoubleDouble.expm1(DoubleDouble.of(a[i]))) < DD_TOL, "expm1(" + a[i] + ")");
            assertTrue(relDiff(new BigDecimal(log1p[i]), DoubleDouble.log1p(DoubleDouble.of(a[i]))) < DD_TOL, "log1p(" + a[i] + ")");
        }
        assertTrue(relDiff(new BigDecimal("6.38905609893065022723042746057500781"), DoubleDouble.expm1(DoubleDouble.of(2))) < DD_TOL);
        assertTrue(relDiff(new BigDecimal("1.0986122886681096913952452369225257"), DoubleDouble.log1p(DoubleDouble.of(2))) < DD_TOL);
        assertEquals(0, DoubleDouble.expm1(DoubleDouble.ZERO).signum());
        assertEquals(0, DoubleDouble.log1p(DoubleDouble.ZERO).signum());
    }

    @Test
    void signComparisonAndAbsoluteValueSeeTheLowPart() {
        DoubleDouble justAbove1 = new DoubleDouble(1, 1e-20), justBelow1 = new DoubleDouble(1, -1e-20);
        assertEquals(1, justAbove1.compareTo(1));
        assertEquals(-1, justBelow1.compareTo(1));
        assertEquals(0, DoubleDouble.ONE.compareTo(1));
        assertEquals(0, DoubleDouble.ZERO.signum());
        assertEquals(-1, new DoubleDouble(0, -1e-300).signum());
        assertEquals(1, new DoubleDouble(0, 1e-300).signum());
        assertEquals(-1, new DoubleDouble(-2, 1e-17).signum());
        DoubleDouble a = new DoubleDouble(-0.5, -1e-18);
        assertEquals(0, big(a.abs()).compareTo(big(a).negate()));
        assertEquals(0, big(justAbove1.abs()).compareTo(big(justAbove1)));
        assertTrue(relDiff(big(a).multiply(big(a)), a.square()) < DD_TOL);
    }

    @Test
    void expOfLn2IsTwoAndTanhIsOdd() {
        assertTrue(relDiff(BigDecimal.valueOf(2), DoubleDouble.exp(DoubleDouble.LN2)) < DD_TOL);
        DoubleDouble x = DoubleDouble.exactSum(0.3, 1e-20);
        DoubleDouble t = DoubleDouble.tanh(x), u = DoubleDouble.tanh(x.negate());
        assertEquals(0, big(t).add(big(u)).signum());
        // tanh x = 2σ(2x) − 1
        DoubleDouble viaSigmoid = DoubleDouble.sigmoid(x.scalb(1)).scalb(1).add(-1.0);
        assertTrue(relDiff(big(t), viaSigmoid) < DD_TOL);
    }
}
