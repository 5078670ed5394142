package nnparity.scratch;

import java.util.List;

/**
 * Gradient descent, DL4J's {@code Sgd(lr)} updater with its regularization, for every parameter θ
 * with data-loss gradient g ({@link Parameter#grad}, already divided by the batch size when
 * {@code miniBatch} is on) and {@link Penalty} (l1, l2, wd), in DL4J's order:
 *
 * <pre>
 *   g'      = g + l2 · θ + l1 · sign(θ)       l1/l2 before the updater (sign(0) = 0)
 *   update  = lr · g'                          the updater
 *   update += wd · lr · θ                      weight decay after the updater (wd · θ when not weightDecayTimesLr)
 *   θ      -= update
 * </pre>
 *
 * Without a penalty this is the tutorial's {@code θ ← θ − lr · g}. Every term uses θ from before
 * the step. With weight decay ×lr the step is {@code θ −= lr · ∂score/∂θ}, gradient descent on DL4J's
 * regularized score ({@link Network#regularizedGradients}); with {@code weightDecayTimesLr = false}
 * the decay term is not scaled by lr, so it is not.
 */
public final class Sgd implements Optimizer {
    private final double lr;
    private final Fault fault;

    public Sgd(double lr) {
        this(lr, Fault.NONE);
    }

    private Sgd(double lr, Fault fault) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate " + lr + " is invalid; it must be a finite number > 0");
        this.lr = lr;
        this.fault = fault;
    }

    /**
     * SGD with a known bug, the seam for the optimizer's {@link Fault}: with
     * {@link Fault#L2_AFTER_UPDATER} the l2 term leaves the gradient and is applied after the
     * update, as if it were weight decay without lr: {@code θ −= lr · (g + l1 · sign(θ)) + wd·lr·θ},
     * then {@code θ −= l2 · θ}. Every other fault belongs to the network and changes nothing here.
     */
    public static Sgd withFault(double lr, Fault fault) {
        return new Sgd(lr, fault);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            double[] v = p.value().data, g = p.grad().data;
            if (p.penalty().isNone()) {
                for (int i = 0; i < v.length; i++) v[i] -= lr * g[i];
            } else {
                regularizedStep(v, g, p.penalty());
            }
        }
    }

    private void regularizedStep(double[] v, double[] g, Penalty r) {
        boolean l2After = fault == Fault.L2_AFTER_UPDATER;
        double l1 = r.l1(), l2 = l2After ? 0 : r.l2();
        double decay = r.weightDecayTimesLr() ? r.weightDecay() * lr : r.weightDecay();
        for (int i = 0; i < v.length; i++) {
            double t = v[i];
            double gi = g[i] + l2 * t + l1 * Penalty.sign(t);   // before the updater
            double update = lr * gi + decay * t;                 // the updater, then weight decay
            v[i] = t - update;
        }
        if (l2After) {
            double l2Late = r.l2();
            for (int i = 0; i < v.length; i++) v[i] -= l2Late * v[i];
        }
    }

    /** E.g. {@code SGD(lr=0.1)}, or {@code SGD(lr=0.1, fault l2 after updater)}. */
    @Override
    public String toString() {
        return "SGD(lr=" + lr + (fault == Fault.NONE ? "" : ", fault " + fault.label()) + ")";
    }
}
