package nnparity.scratch;

import java.util.List;

/**
 * AMSGrad, DL4J's {@code AMSGrad(lr, β₁, β₂, ε)} (defaults 0.001, 0.9, 0.999, 1e-8): Adam whose
 * denominator never shrinks. With m, v and v̂ (start at 0), g' and t = iteration + 1:
 *
 * <pre>
 *   m  = β₁·m + (1 − β₁)·g'
 *   v  = β₂·v + (1 − β₂)·g'²
 *   v̂  = max(v̂, v)
 *   u  = αₜ · m / (√v̂ + ε),      αₜ = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)   as {@link Adam}
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code ams_grad_updater}; its state view holds m, v, v̂ in that
 * order.) Not in the book.
 */
public final class AmsGrad implements GradientUpdater {
    private final double beta1, beta2, epsilon;

    public AmsGrad(double beta1, double beta2, double epsilon) {
        Checks.decay("beta1", beta1);
        Checks.decay("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** DL4J's class name, {@code AMSGrad}. */
    @Override public String name() { return "AMSGrad"; }

    @Override public List<String> stateNames() { return List.of("m", "v", "vHat"); }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] m = state[0], v = state[1], vHat = state[2];
        double alpha = Adam.stepSize(lr, beta1, beta2, epsilon, iteration);
        double c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + g[i] * c1;
            v[i] = beta2 * v[i] + g[i] * g[i] * c2;
            vHat[i] = Math.max(vHat[i], v[i]);
            g[i] = alpha * m[i] / (Math.sqrt(vHat[i]) + epsilon);
        }
    }

    @Override public String settings() { return "beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
