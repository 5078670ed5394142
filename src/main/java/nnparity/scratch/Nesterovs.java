package nnparity.scratch;

import java.util.List;

/**
 * Nesterov momentum, DL4J's {@code Nesterovs(lr, momentum)} (defaults lr 0.1, μ 0.9), with its
 * velocity v (starts at 0) and the regularized gradient g', element-wise:
 *
 * <pre>
 *   v' = μ·v − lr·g'
 *   u  = μ·v − (1 + μ)·v'          θ ← θ − u,  i.e.  θ ← θ + μ²·v − (1 + μ)·lr·g'
 * </pre>
 *
 * (DL4J 1.0.0-M2.1, native op {@code nesterovs_updater}: {@code prev = μ·v; v = prev − lr·g;
 * u = prev + (−μ − 1)·v}; rounded here the same way.)
 *
 * <h2>The book's {@code Nesterov} (ch6 {@code common/optimizer.py})</h2>
 * <pre>
 *   v ← μ·v − lr·g;   θ ← θ + μ²·v − (1 + μ)·lr·g        (v here is already the new v')
 * </pre>
 * Not algebraically equal: the book adds μ²·v' where DL4J adds μ²·v, so each step differs by
 * μ²·(v' − v) = μ²·((μ − 1)·v − lr·g). On the first step (v = 0) the book moves
 * (1 + μ + μ²)·lr·g, DL4J (1 + μ)·lr·g: 2.71 vs 1.9 times lr·g at μ = 0.9
 * ({@code NesterovsTest} measures it). Plain momentum (the book's {@code Momentum}) is
 * {@code θ ← θ + v'}; {@link Fault#NESTEROV_AS_MOMENTUM} injects that.
 */
public final class Nesterovs implements GradientUpdater {
    private final double momentum;
    private final Fault fault;

    public Nesterovs(double momentum) {
        this(momentum, Fault.NONE);
    }

    /** With {@link Fault#NESTEROV_AS_MOMENTUM}, u = −v' (plain momentum); every other fault changes nothing here. */
    public Nesterovs(double momentum, Fault fault) {
        Checks.decay("momentum", momentum);
        this.momentum = momentum;
        this.fault = fault;
    }

    @Override public String name() { return "Nesterovs"; }

    @Override public List<String> stateNames() { return List.of("v"); }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        double[] v = state[0];
        double mu = momentum, muT = -mu - 1;
        boolean plain = fault == Fault.NESTEROV_AS_MOMENTUM;
        for (int i = 0; i < g.length; i++) {
            double prev = mu * v[i];
            v[i] = prev - lr * g[i];
            g[i] = plain ? -v[i] : prev + muT * v[i];
        }
    }

    @Override public String settings() { return "momentum=" + momentum; }

    @Override public String toString() { return name() + "(" + settings() + ")"; }
}
