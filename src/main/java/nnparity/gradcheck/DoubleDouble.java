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
 *   expm1(a)      = the same series without the final + 1, for |a| ≤ ln2/2
 *   log(a)        = x + a·e^(−x) − 1 with x = Math.log(a): one Newton step from a double guess
 *   log1p(a)      = x − (expm1(x) − a)·e^(−x) with x = Math.log1p(a): the same, accurate for tiny a
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
    /** Stop the Taylor series once a term is below this relative to the sum: u · 2^-9. */
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
        DoubleDouble result = expm1Reduced(a.subtract(LN2.multiply(k))).add(1.0);
        int kk = (int) k;
        // two steps so that 2^kk never overflows on its own near the ends of the range
        return result.scalb(kk / 2).scalb(kk - kk / 2);
    }

    /**
     * e^a − 1, to about 1e-32 <em>relative</em> also where it is tiny (exp(a) − 1 keeps only 1e-32
     * absolute there): for |a| ≤ ln2/2 the reduced series is the result itself.
     */
    static DoubleDouble expm1(DoubleDouble a) {
        if (Math.abs(a.hi) > LN2.hi / 2) return exp(a).add(-1.0);
        if (a.hi == 0 && a.lo == 0) return ZERO;
        return expm1Reduced(a);
    }

    /** e^r − 1 for |r| ≤ ln2/2: the Taylor series of r / 2^9, then (1 + s)² − 1 = 2s + s² nine times. */
    private static DoubleDouble expm1Reduced(DoubleDouble a) {
        DoubleDouble r = a.scalb(-EXP_SQUARINGS);
        // expm1(r) = r + r²/2! + r³/3! + …   with |r| ≤ ln2/1024 ≈ 6.8e-4, so ~9 terms reach 1e-35
        DoubleDouble s = r, term = r;
        for (int n = 2; n < 30; n++) {
            term = term.multiply(r).multiply(INVERSE[n]);
            s = s.add(term);
            if (Math.abs(term.hi) < EXP_TERM_CUTOFF * Math.abs(s.hi)) break;
        }
        // (1 + s)^2 − 1 = 2s + s², applied EXP_SQUARINGS times, keeps the small quantity accurate
        for (int i = 0; i < EXP_SQUARINGS; i++) s = s.scalb(1).add(s.multiply(s));
        return s;
    }

    /** 1/n in double-double for the Taylor terms: a multiplication is cheaper than a division. */
    private static final DoubleDouble[] INVERSE = new DoubleDouble[30];

    static {
        for (int n = 1; n < INVERSE.length; n++) INVERSE[n] = ONE.divide(n);
    }

    /**
     * ln(1 + a) for a &gt; −1, to about 1e-32 relative also for tiny a: Newton on f(x) = e^x − 1 − a,
     * x ← x − (expm1(x) − a)·e^(−x), from Math.log1p's double guess.
     */
    static DoubleDouble log1p(DoubleDouble a) {
        if (Math.abs(a.hi) > 0.5) return log(ONE.add(a));
        if (a.hi == 0 && a.lo == 0) return ZERO;
        DoubleDouble x = of(Math.log1p(a.hi));
        return x.subtract(expm1(x).subtract(a).multiply(exp(x.negate())));
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

    /**
     * softplus(a) = ln(1 + e^a), evaluated as {@code max(a, 0) + log1p(e^(−|a|))} so that e^x
     * never overflows and a tiny softplus of a very negative a keeps its relative digits.
     */
    static DoubleDouble softplus(DoubleDouble a) {
        DoubleDouble tail = log1p(exp(a.abs().negate()));
        return a.hi > 0 ? a.add(tail) : tail;
    }

    /** |a|. */
    DoubleDouble abs() {
        return hi < 0 || (hi == 0 && lo < 0) ? negate() : this;
    }

    /** a². */
    DoubleDouble square() {
        return multiply(this);
    }

    /** −1, 0 or 1 as the exact value hi + lo is negative, zero or positive ({@code hi} carries the sign unless it is 0). */
    int signum() {
        return hi != 0 ? (hi > 0 ? 1 : -1) : (lo > 0 ? 1 : lo < 0 ? -1 : 0);
    }

    /** The sign of (this − b), compared exactly. */
    int compareTo(double b) {
        return add(-b).signum();
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
