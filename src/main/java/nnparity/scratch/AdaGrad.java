package nnparity.scratch;

import java.util.List;

/**
 * AdaGrad, DL4J's {@code AdaGrad(lr, ε)} (defaults lr 0.1, ε 1e-6), with the accumulated squares h
 * and g', element-wise:
 *
 * <pre>
 *   h ← 1e-6 at the start              (not 0, and not the configured ε: see below)
 *   h = h + g'²
 *   u = lr·g' / (√h + ε)               ε outside the root
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code ada_grad_updater}.) A quirk found by the lockstep and read
 * off the jar: {@code AdaGradUpdater} keeps its own field {@code epsilon = 1e-6} (the default),
 * never set from the configuration, and {@code setStateViewArray} fills the state with that field;
 * the update itself uses the configured ε. So with {@code AdaGrad(lr, 1e-4)} h starts at 1e-6, and
 * {@link #INITIAL_H} is a constant here too.
 *
 * <h2>The book's {@code AdaGrad} (ch6 {@code common/optimizer.py})</h2>
 * <pre>
 *   h = 0 at the start;   h += g²;   θ −= lr·g / (√h + 1e-7)
 * </pre>
 * The same form, but not equal: h starts at 0 instead of 1e-6 (so DL4J's h is always 1e-6 larger), and
 * ε is 1e-7 in the book. With the same ε the two differ only through that start: on a first step
 * with |g| ≫ √ε the relative difference is about ε/(2g²) ({@code AdaGradTest} measures it).
 */
public final class AdaGrad implements GradientUpdater {
    /** Where DL4J starts h, whatever ε is configured: its {@code AdaGradUpdater}'s fixed field {@code epsilon}. */
    public static final double INITIAL_H = 1e-6;
    private final double epsilon;

    public AdaGrad(double epsilon) {
        Checks.positive("epsilon", epsilon);
        this.epsilon = epsilon;
    }

    @Override public String name() { return "AdaGrad"; }

    @Override public List<String> stateNames() { return List.of("h"); }

    /** {@link #INITIAL_H} = 1e-6 (ε's default), whatever ε is. */
    @Override public double initialState(int k) { return INITIAL_H; }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] h = state[0];
        for (int i = 0; i < g.length; i++) {
            h[i] = h[i] + g[i] * g[i];
            g[i] = (lr * g[i]) / (Math.sqrt(h[i]) + epsilon);
        }
    }

    @Override public String settings() { return "epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
