package nnparity.gradcheck;

/**
 * A number held as the unevaluated sum {@code hi + lo} of two doubles with {@code |lo| ≤ ulp(hi)/2}:
 * about 106 significant bits, 32 decimal digits, unit roundoff {@code u ≈ 2^-104 ≈ 4.9e-32}.
 * The numerical check evaluates the loss in this precision so that the difference
 * {@code L(θ+ε) − L(θ−ε)} keeps about 20 correct digits where plain double keeps about 6.
 *
 * <p>The algorithms are the classic error-free transformations (Dekker, Knuth) as used in the
 * QD library of Hida, Li and Bailey:
 *
 * <pre>
 *   twoSum(a, b)  = (s, e)  with s = fl(a + b), s + e = a + b exactly
 *   twoProd(a, b) = (p, e)  with p = fl(a · b), p + e = a · b exactly (one fma)
 *   exp(a)        = 2^k · (1 + expm1(r / 512))^512,  a = k·ln2 + r,  |r| ≤ ln2/2, Taylor series for expm1
 *   log(a)        = x + a·e^(−x) − 1 with x = Math.log(a): one Newton step from a double guess
 * </pre>
 *
 * NaN and infinities propagate as in double arithmetic only loosely; this class is meant for the
 * finite values of a forward pass. Immutable.
 */
record DoubleDouble(double hi, double lo) {

    static final DoubleDouble ZERO = new DoubleDouble(0, 0);
    static final DoubleDouble ONE = new DoubleDouble(1, 0);
    /** ln 2 to 106 bits. */
    static final DoubleDouble LN2 = new DoubleDouble(6.931471805599452862e-01, 2.319046813846299558e-17);

    /** Squarings after the Taylor series in {@link #exp}: the argument is scaled by 2^-9. */
    private static final int EXP_SQUARINGS = 9;
    /** Stop the Taylor series once a term is below this: u · 2^-9 relative to the result. */
    private static final double EXP_TERM_CUTOFF = 4.93e-32 / 512;

    static DoubleDouble of(double a) {
        return new DoubleDouble(a, 0);
    }

    /** {@code a + b} exactly: the way a parameter θ perturbed by ε is held, with no rounding. */
    static DoubleDouble exactSum(double a, double b) {
        double s = a + b, bb = s - a;
        return new DoubleDouble(s, (a - (s - bb)) + (b - bb));
    }

    /** {@code a · b} exactly. */
    static DoubleDouble exactProduct(double a, double b) {
        double p = a * b;
        return new DoubleDouble(p, Math.fma(a, b, -p));
    }

    private static DoubleDouble quickTwoSum(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, b - (s - a));
    }

    DoubleDouble add(DoubleDouble b) {
        double s = hi + b.hi, bb = s - hi, e = (hi - (s - bb)) + (b.hi - bb);
        double t = lo + b.lo, tb = t - lo, f = (lo - (t - tb)) + (b.lo - tb);
        e += t;
        double s1 = s + e, e1 = e - (s1 - s);
        e1 += f;
        return quickTwoSum(s1, e1);
    }

    DoubleDouble add(double b) {
        double s = hi + b, bb = s - hi, e = (hi - (s - bb)) + (b - bb);
        e += lo;
        return quickTwoSum(s, e);
    }

    DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    DoubleDouble subtract(DoubleDouble b) {
        return add(b.negate());
    }

    DoubleDouble multiply(DoubleDouble b) {
        double p = hi * b.hi, e = Math.fma(hi, b.hi, -p);
        e += hi * b.lo + lo * b.hi;
        return quickTwoSum(p, e);
    }

    DoubleDouble multiply(double b) {
        double p = hi * b, e = Math.fma(hi, b, -p);
        e += lo * b;
        return quickTwoSum(p, e);
    }

    /** Multiplies by 2^k exactly (barring overflow and underflow). */
    DoubleDouble scalb(int k) {
        return new DoubleDouble(Math.scalb(hi, k), Math.scalb(lo, k));
    }

    DoubleDouble divide(DoubleDouble b) {
        double q1 = hi / b.hi;
        DoubleDouble r = subtract(b.multiply(q1));
        double q2 = r.hi / b.hi;
        r = r.subtract(b.multiply(q2));
        double q3 = r.hi / b.hi;
        return quickTwoSum(q1, q2).add(q3);
    }

    DoubleDouble divide(double b) {
        return divide(of(b));
    }

    /** e^a. Overflows to +∞ above 709.78 and underflows to 0 below −745, as double does. */
    static DoubleDouble exp(DoubleDouble a) {
        if (a.hi > 709.78) return of(Double.POSITIVE_INFINITY);
        if (a.hi < -745.2) return ZERO;
        if (a.hi == 0 && a.lo == 0) return ONE;
        double k = Math.rint(a.hi / LN2.hi);
        DoubleDouble r = a.subtract(LN2.multiply(k)).scalb(-EXP_SQUARINGS);
        // expm1(r) = r + r²/2! + r³/3! + …   with |r| ≤ ln2/1024 ≈ 6.8e-4, so ~9 terms reach 1e-35
        DoubleDouble s = r, term = r;
        for (int n = 2; n < 30; n++) {
            term = term.multiply(r).divide(n);
            s = s.add(term);
            if (Math.abs(term.hi) < EXP_TERM_CUTOFF) break;
        }
        // (1 + s)^2 − 1 = 2s + s², applied EXP_SQUARINGS times, keeps the small quantity accurate
        for (int i = 0; i < EXP_SQUARINGS; i++) s = s.scalb(1).add(s.multiply(s));
        DoubleDouble result = s.add(1.0);
        int kk = (int) k;
        // two steps so that 2^kk never overflows on its own near the ends of the range
        return result.scalb(kk / 2).scalb(kk - kk / 2);
    }

    /** ln a for a &gt; 0; NaN for a &lt; 0, −∞ for 0. */
    static DoubleDouble log(DoubleDouble a) {
        if (a.hi < 0 || Double.isNaN(a.hi)) return of(Double.NaN);
        if (a.hi == 0) return of(Double.NEGATIVE_INFINITY);
        DoubleDouble x = of(Math.log(a.hi));
        // Newton on f(x) = e^x − a: x ← x + a·e^(−x) − 1 doubles the correct digits (16 → 32)
        return x.add(a.multiply(exp(x.negate()))).add(-1.0);
    }

    /**
     * tanh a = sign(a) · (1 − e^(−2|a|)) / (1 + e^(−2|a|)). For small |a| the numerator loses
     * relative digits but keeps an absolute error of about u, which is all the loss needs: h enters
     * it only through {@code h · W2}.
     */
    static DoubleDouble tanh(DoubleDouble a) {
        boolean negative = a.hi < 0;
        DoubleDouble abs = negative ? a.negate() : a;
        DoubleDouble e = exp(abs.scalb(1).negate());
        DoubleDouble t = ONE.subtract(e).divide(ONE.add(e));
        return negative ? t.negate() : t;
    }

    /** σ(a) = 1 / (1 + e^(−a)). */
    static DoubleDouble sigmoid(DoubleDouble a) {
        return ONE.divide(ONE.add(exp(a.negate())));
    }

    /** The nearest double. */
    double doubleValue() {
        return hi + lo;
    }

    @Override
    public String toString() {
        return hi + " + " + lo;
    }
}
