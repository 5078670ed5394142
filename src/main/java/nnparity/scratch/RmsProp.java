package nnparity.scratch;

import java.util.List;

/**
 * RMSProp, DL4J's {@code RmsProp(lr, rmsDecay, ε)} (defaults lr 0.1, ρ 0.95, ε 1e-8), with the
 * running mean of squares h and g', element-wise:
 *
 * <pre>
 *   h ← ε at the start                 (DL4J initialises its state view with ε, not 0)
 *   h = ρ·h + (1 − ρ)·g'²
 *   u = lr·g' / (√h + ε)               ε outside the root
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, {@code RmsPropUpdater.setStateViewArray} assigns ε; native op
 * {@code rms_prop_updater}; DL4J's state key is {@code G}.) {@link Fault#RMSPROP_EPS_INSIDE_SQRT}
 * puts ε under the root, {@code u = lr·g'/√(h + ε)}, the form some other libraries use.
 *
 * <h2>The book's {@code RMSprop} (ch6 {@code common/optimizer.py})</h2>
 * <pre>
 *   h = 0 at the start;   h = ρ·h + (1 − ρ)·g²;   θ −= lr·g / (√h + 1e-7)      (ρ = decay_rate 0.99)
 * </pre>
 * The same form, but h starts at 0 instead of ε, so after t steps the book's h is ρᵗ·ε smaller;
 * and the book's defaults differ (ρ 0.99, ε 1e-7, lr 0.01). With the same settings the two differ
 * only through that start ({@code RmsPropTest} measures it).
 */
public final class RmsProp implements GradientUpdater {
    private final double rmsDecay, epsilon;
    private final Fault fault;

    public RmsProp(double rmsDecay, double epsilon) {
        this(rmsDecay, epsilon, Fault.NONE);
    }

    /** With {@link Fault#RMSPROP_EPS_INSIDE_SQRT}, u = lr·g'/√(h + ε); every other fault changes nothing here. */
    public RmsProp(double rmsDecay, double epsilon, Fault fault) {
        Checks.decay("rmsDecay", rmsDecay);
        Checks.positive("epsilon", epsilon);
        this.rmsDecay = rmsDecay;
        this.epsilon = epsilon;
        this.fault = fault;
    }

    @Override public String name() { return "RmsProp"; }

    @Override public List<String> stateNames() { return List.of("h"); }

    /** ε: DL4J starts the running mean of squares from ε. */
    @Override public double initialState(int k) { return epsilon; }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] h = state[0];
        double c = 1 - rmsDecay;
        boolean inside = fault == Fault.RMSPROP_EPS_INSIDE_SQRT;
        for (int i = 0; i < g.length; i++) {
            h[i] = h[i] * rmsDecay + g[i] * g[i] * c;
            g[i] = inside ? (lr * g[i]) / Math.sqrt(h[i] + epsilon) : (lr * g[i]) / (Math.sqrt(h[i]) + epsilon);
        }
    }

    @Override public String settings() { return "rmsDecay=" + rmsDecay + ", epsilon=" + epsilon; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
