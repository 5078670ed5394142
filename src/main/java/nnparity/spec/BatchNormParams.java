package nnparity.spec;

import java.util.Arrays;

/**
 * One batch-normalization layer's numbers in the canonical layout, each [n] for the n units of the
 * dense layer it follows:
 *
 * <pre>
 *   gamma  γ, the learned scale          starts at 1
 *   beta   β, the learned shift          starts at 0
 *   mean   the running mean of the batch means              starts at 0
 *   var    the running (biased) variance of the batch variances   starts at 1
 * </pre>
 *
 * The running statistics are stored as a <em>variance</em>. DL4J (by default, {@code useLogStd})
 * keeps {@code log10(√var)} in its parameter view; the bridge converts, {@code var = 10^(2·s)}.
 * In a set of gradients, mean and var hold 0: in training mode the loss does not depend on the
 * running statistics, so 0 is their true gradient; DL4J's pseudo-gradient for them is not a
 * gradient of the loss and is checked through the parameters after the update instead.
 */
public record BatchNormParams(int n, double[] gamma, double[] beta, double[] mean, double[] var) {

    public BatchNormParams {
        check("gamma", gamma, n);
        check("beta", beta, n);
        check("mean", mean, n);
        check("var", var, n);
    }

    private static void check(String name, double[] a, int n) {
        if (a.length != n) throw new IllegalArgumentException(name + " has " + a.length + " values; [" + n + "] needs " + n);
    }

    /** DL4J's starting values: γ = 1, β = 0, mean = 0, var = 1. */
    public static BatchNormParams initial(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return new BatchNormParams(n, ones, new double[n], new double[n], ones.clone());
    }

    public static BatchNormParams zeros(int n) {
        return new BatchNormParams(n, new double[n], new double[n], new double[n], new double[n]);
    }

    public BatchNormParams copy() {
        return new BatchNormParams(n, gamma.clone(), beta.clone(), mean.clone(), var.clone());
    }

    /** The four arrays in canonical order: gamma, beta, mean, var. */
    public double[][] arrays() {
        return new double[][]{gamma, beta, mean, var};
    }

    /** The names of {@link #arrays()}, in the same order. */
    public static final java.util.List<String> NAMES = java.util.List.of("gamma", "beta", "mean", "var");

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchNormParams p && p.n == n && Arrays.equals(p.gamma, gamma) && Arrays.equals(p.beta, beta)
                && Arrays.equals(p.mean, mean) && Arrays.equals(p.var, var);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(arrays());
    }

    @Override
    public String toString() {
        return "BatchNorm(" + n + ")";
    }
}
