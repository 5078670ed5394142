package nnparity.scratch;

import java.util.List;

/**
 * DL4J's {@code NoOp} updater: it leaves the gradient as it is, so the update is the regularized
 * gradient itself, {@code u = g'}, and {@code θ ← θ − g'}: gradient descent at lr 1 (what DL4J's
 * {@code GradientCheckUtil} requires, with {@code Sgd(1.0)}). No state, no learning rate (weight
 * decay with applyLR multiplies by 1). Not in the book.
 */
public final class NoOp implements GradientUpdater {

    @Override public String name() { return "NoOp"; }

    @Override public List<String> stateNames() { return List.of(); }

    @Override public boolean hasLearningRate() { return false; }

    @Override
    public void apply(double[] g, double[][] state, double lr, int iteration) {
        // u = g: nothing to do
    }

    @Override public String settings() { return ""; }

    @Override public String toString() { return "NoOp()"; }
}
