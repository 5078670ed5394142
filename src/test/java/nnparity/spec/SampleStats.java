package nnparity.spec;

/**
 * Sample statistics of drawn weights, and the bounds a sample of that size justifies, for the
 * initialisation tests here and in {@code nnparity.dl4j}.
 *
 * <p>For n independent N(μ, σ²) draws, to first order in 1/n:
 * <pre>
 *   sample mean            m  = Σx / n                  std(m)  = σ / √n
 *   sample std             s  = √(Σ(x−m)² / (n−1))      std(s)  ≈ σ / √(2n)
 *   sample excess kurtosis k  = n·Σ(x−m)⁴ / (Σ(x−m)²)² − 3     std(k)  ≈ √(24 / n)   (k = 0 for a Gaussian, −1.2 for a uniform)
 * </pre>
 * The tests allow {@link #STANDARD_ERRORS} of those: a correct draw lands outside with
 * probability ≈ 2e-9, and the seeds are fixed, so the tests are deterministic anyway; the bound
 * only keeps them from encoding one seed's luck as the expectation.
 */
public record SampleStats(int n, double mean, double std, double excessKurtosis) {

    /** How many standard errors a statistic may lie from its expectation. */
    public static final double STANDARD_ERRORS = 6;

    public static SampleStats of(double[] x) {
        int n = x.length;
        double sum = 0;
        for (double v : x) sum += v;
        double m = sum / n, s2 = 0, s4 = 0;
        for (double v : x) {
            double d = (v - m) * (v - m);
            s2 += d;
            s4 += d * d;
        }
        return new SampleStats(n, m, Math.sqrt(s2 / (n - 1)), n * s4 / (s2 * s2) - 3);
    }

    /** {@link #STANDARD_ERRORS} × σ/√n: how far the sample mean may lie from the true one. */
    public double meanBound(double sigma) {
        return STANDARD_ERRORS * sigma / Math.sqrt(n);
    }

    /** {@link #STANDARD_ERRORS} × σ/√(2n): how far the sample std may lie from σ. */
    public double stdBound(double sigma) {
        return STANDARD_ERRORS * sigma / Math.sqrt(2.0 * n);
    }

    /** {@link #STANDARD_ERRORS} × √(24/n): how far a Gaussian's sample excess kurtosis may lie from 0. */
    public double kurtosisBound() {
        return STANDARD_ERRORS * Math.sqrt(24.0 / n);
    }
}
