package nnparity.scratch;

import java.util.List;

/**
 * AdaDelta, DL4J's {@code AdaDelta(ρ, ε)} (defaults ρ 0.95, ε 1e-6), which has no learning rate.
 * With the running mean of squared gradients msg and of squared updates msdx (both start at 0)
 * and g', element-wise:
 *
 * <pre>
 *   msg  = ρ·msg + (1 − ρ)·g'²
 *   u    = g' · √(msdx + ε) / √(msg + ε)       ε inside both roots; msdx from before this step
 *   msdx = ρ·msdx + (1 − ρ)·u²
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code ada_delta_updater}; its state view holds msg then msdx.)
 * Without a learning rate, DL4J's weight decay with applyLR multiplies by 1. Not in the book.
 */
public final class AdaDelta implements GradientUpdater {
    private final double rho, epsilon;

    public AdaDelta(double rho, double epsilon) {
        Checks.decay("rho", rho);
        Checks.positive("epsilon", epsilon);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override public String name() { return "AdaDelta"; }

    @Override public List<String> stateNames() { return List.of("msg", "msdx"); }

    @Override public boolean hasLearningRate() { return false; }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] msg = state[0], msdx = state[1];
        double c = 1 - rho;
        for (int i = 0; i < g.length; i++) {
            msg[i] = rho * msg[i] + g[i] * g[i] * c;
            double u = g[i] * (Math.sqrt(msdx[i] + epsilon) / Math.sqrt(msg[i] + epsilon));
            msdx[i] = rho * msdx[i] + u * u * c;
            g[i] = u;
        }
    }

    @Override public String settings() { return "rho=" + rho + ", epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
