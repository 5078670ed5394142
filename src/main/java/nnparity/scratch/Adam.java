package nnparity.scratch;

import java.util.List;

/**
 * Adam, DL4J's {@code Adam(lr, β₁, β₂, ε)} (defaults 0.001, 0.9, 0.999, 1e-8), with moments m and
 * v (start at 0), the regularized gradient g' and t = iteration + 1 (1 for the first update):
 *
 * <pre>
 *   m  = β₁·m + (1 − β₁)·g'
 *   v  = β₂·v + (1 − β₂)·g'²
 *   αₜ = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)          the bias correction, folded into the step size
 *   u  = αₜ · m / (√v + ε)                   ε outside the root, added to the uncorrected √v
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code adam_updater}; where αₜ is NaN, 0 or infinite it falls back to ε.)
 * The paper's form {@code u = lr · m̂ / (√v̂ + ε)} with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) equals
 * this one with ε replaced by ε·√(1 − β₂ᵗ): a different ε early on, the same form.
 *
 * <h2>The book's {@code Adam} (ch6 {@code common/optimizer.py})</h2>
 * <pre>
 *   m += (1 − β₁)·(g − m);   v += (1 − β₂)·(g² − v);   θ −= lr_t · m / (√v + 1e-7),   lr_t = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)
 * </pre>
 * The same algorithm, bias correction folded in the same way: {@code m + (1 − β₁)(g − m)} is
 * {@code β₁·m + (1 − β₁)·g} rewritten, equal up to rounding. Only ε differs: 1e-7 in the book,
 * 1e-8 in DL4J. With the same ε the two agree to rounding ({@code AdamTest} runs both).
 */
public final class Adam implements GradientUpdater {
    private final double beta1, beta2, epsilon;
    private final Fault fault;

    public Adam(double beta1, double beta2, double epsilon) {
        this(beta1, beta2, epsilon, Fault.NONE);
    }

    /** With {@link Fault#ADAM_NO_BIAS_CORRECTION}, αₜ = lr (no bias correction); every other fault changes nothing here. */
    public Adam(double beta1, double beta2, double epsilon, Fault fault) {
        Checks.decay("beta1", beta1);
        Checks.decay("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.fault = fault;
    }

    @Override public String name() { return "Adam"; }

    @Override public List<String> stateNames() { return List.of("m", "v"); }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] m = state[0], v = state[1];
        double alpha = fault == Fault.ADAM_NO_BIAS_CORRECTION ? lr : stepSize(lr, beta1, beta2, epsilon, iteration);
        double c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + g[i] * c1;
            v[i] = beta2 * v[i] + g[i] * g[i] * c2;
            g[i] = (m[i] * alpha) / (Math.sqrt(v[i]) + epsilon);
        }
    }

    /** αₜ = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ), t = iteration + 1; ε where that is NaN, 0 or infinite (as DL4J). Adam's and AMSGrad's. */
    static double stepSize(double lr, double beta1, double beta2, double epsilon, int iteration) {
        double b1t = Math.pow(beta1, iteration + 1), b2t = Math.pow(beta2, iteration + 1);
        double a = lr * Math.sqrt(1. - b2t) / (1.0 - b1t);
        return Double.isNaN(a) || a == 0 || Double.isInfinite(a) ? epsilon : a;
    }

    @Override public String settings() { return "beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
