package nnparity.scratch;

import java.util.List;

/**
 * AdaMax (Adam with the infinity norm), DL4J's {@code AdaMax(lr, β₁, β₂, ε)} (defaults 0.001,
 * 0.9, 0.999, 1e-8), with m and u (start at 0), g' and t = iteration + 1:
 *
 * <pre>
 *   m = β₁·m + (1 − β₁)·g'
 *   u = max(β₂·u, |g'|) + 1e-32        DL4J's guard against 0/0, added every step
 *   u_step = (lr / (1 − β₁ᵗ)) · m / u
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code adamax_updater}.) ε is not in the formula: DL4J uses it only
 * where lr/(1 − β₁ᵗ) is NaN, 0 or infinite. Not in the book.
 */
public final class AdaMax implements GradientUpdater {
    /** What DL4J adds to u at every step so that u is never 0. */
    public static final double U_GUARD = 1e-32;
    private final double beta1, beta2, epsilon;

    public AdaMax(double beta1, double beta2, double epsilon) {
        Checks.decay("beta1", beta1);
        Checks.decay("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override public String name() { return "AdaMax"; }

    @Override public List<String> stateNames() { return List.of("m", "u"); }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] m = state[0], u = state[1];
        double a = lr / (1.0 - Math.pow(beta1, iteration + 1));
        if (Double.isNaN(a) || a == 0 || Double.isInfinite(a)) a = epsilon;
        double c1 = 1 - beta1;
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + g[i] * c1;
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i])) + U_GUARD;
            g[i] = m[i] * a / u[i];
        }
    }

    @Override public String settings() { return "beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
