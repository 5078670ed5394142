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
