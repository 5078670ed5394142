package nnparity.scratch;

import java.util.List;

/**
 * Nadam (Adam with Nesterov momentum), DL4J's {@code Nadam(lr, β₁, β₂, ε)} (defaults 0.001, 0.9,
 * 0.999, 1e-8), with m and v (start at 0), g' and t = iteration + 1:
 *
 * <pre>
 *   m = β₁·m + (1 − β₁)·g'
 *   v = β₂·v + (1 − β₂)·g'²
 *   u = lr · ((β₁·m + (1 − β₁)·g') / (1 − β₁ᵗ)) / (√v + ε)
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code nadam_updater}.) Two differences from Dozat's Nadam, as DL4J
 * has them: v is <em>not</em> bias-corrected (no 1/(1 − β₂ᵗ)), so early steps are larger than
 * Adam's by up to 1/√(1 − β₂ᵗ) (≈ 31.6 at t = 1 with β₂ = 0.999); and both terms share
 * 1/(1 − β₁ᵗ) where the paper uses 1/(1 − β₁ᵗ⁺¹) for the momentum term. Not in the book.
 */
public final class Nadam implements GradientUpdater {
    private final double beta1, beta2, epsilon;

    public Nadam(double beta1, double beta2, double epsilon) {
        Checks.decay("beta1", beta1);
        Checks.decay("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override public String name() { return "Nadam"; }

    @Override public List<String> stateNames() { return List.of("m", "v"); }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] m = state[0], v = state[1];
        double b1t = 1.0 - Math.pow(beta1, iteration + 1), c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < g.length; i++) {
            double oneMinusBeta1Grad = g[i] * c1;
            m[i] = beta1 * m[i] + oneMinusBeta1Grad;
            v[i] = beta2 * v[i] + g[i] * g[i] * c2;
            g[i] = (lr * ((m[i] * beta1 + oneMinusBeta1Grad) / b1t)) / (Math.sqrt(v[i]) + epsilon);
        }
    }

    @Override public String settings() { return "beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
