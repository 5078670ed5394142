package nnparity.scratch;

import java.util.List;

/**
 * Gradient descent, DL4J's {@code Sgd(lr)} updater (default lr 0.001): the update is
 * {@code u = lr · g'}, no state. As an {@link Optimizer} ({@code new Sgd(lr).step(…)}) it is the
 * {@link UpdatePipeline} with this rule at a fixed lr: for every parameter θ with data-loss
 * gradient g ({@link Parameter#grad}, already divided by the batch size when {@code miniBatch}
 * is on) and {@link Penalty} (l1, l2, wd), in DL4J's order:
 *
 * <pre>
 *   g'      = g + l2 · θ + l1 · sign(θ)       l1/l2 before the updater (sign(0) = 0)
 *   update  = lr · g'                          the updater
 *   update += wd · lr · θ                      weight decay after the updater (wd · θ when not weightDecayTimesLr)
 *   θ      -= update
 * </pre>
 *
 * Without a penalty this is the tutorial's {@code θ ← θ − lr · g}, and the book's {@code SGD}
 * exactly. Every term uses θ from before the step. With weight decay ×lr the step is
 * {@code θ −= lr · ∂score/∂θ}, gradient descent on DL4J's regularized score
 * ({@link Network#regularizedGradients}); with {@code weightDecayTimesLr = false} the decay term
 * is not scaled by lr, so it is not.
 */
public final class Sgd implements Optimizer, GradientUpdater {
    private final double lr;
    private final Fault fault;
    private final UpdatePipeline pipeline;

    public Sgd(double lr) {
        this(lr, Fault.NONE);
    }

    private Sgd(double lr, Fault fault) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate " + lr + " is invalid; it must be a finite number > 0");
        this.lr = lr;
        this.fault = fault;
        this.pipeline = new UpdatePipeline(this, (i, e) -> lr, String.valueOf(lr), UpdatePipeline.GradientPreprocessor.NONE, fault);
    }

    /**
     * SGD with a known bug, the seam for the optimizer's {@link Fault}: with
     * {@link Fault#L2_AFTER_UPDATER} the l2 term leaves the gradient and is applied after the
     * update, as if it were weight decay without lr: {@code θ −= lr · (g + l1 · sign(θ)) + wd·lr·θ},
     * then {@code θ −= l2 · θ}. Every other fault belongs to the network or to another updater
     * and changes nothing here.
     */
    public static Sgd withFault(double lr, Fault fault) {
        return new Sgd(lr, fault);
    }

    /** One step at this SGD's fixed learning rate (see the class comment). */
    @Override
    public void step(List<Parameter> parameters) {
        pipeline.step(parameters);
    }

    @Override public String name() { return "Sgd"; }

    @Override public List<String> stateNames() { return List.of(); }

    /** u = lr · g', with the {@code lr} handed in (a schedule's), not this object's own. */
    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        for (int i = 0; i < g.length; i++) g[i] = lr * g[i];
    }

    @Override public String settings() { return ""; }

    /** E.g. {@code SGD(lr=0.1)}, or {@code SGD(lr=0.1, fault l2 after updater)}. */
    @Override
    public String toString() {
        return "SGD(lr=" + lr + (fault == Fault.NONE ? "" : ", fault " + fault.label()) + ")";
    }
}
