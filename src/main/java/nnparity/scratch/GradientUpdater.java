package nnparity.scratch;

import java.util.List;

/**
 * One updater rule, DL4J's {@code GradientUpdater}: it turns the regularized gradient g' of one
 * parameter into the update u that is subtracted from it, {@code θ ← θ − u}, and keeps its own
 * state, element by element, in arrays shaped like the parameter. The rule knows nothing of
 * penalties or of the learning-rate schedule: {@link UpdatePipeline} adds l1/l2 before, weight decay
 * after, and hands in the learning rate of the current iteration.
 *
 * <p>Protocol, per parameter and training step: the pipeline creates the state once
 * ({@link #stateNames()} arrays, each filled with {@link #initialState(int)}), then calls
 * {@link #apply} every step with that same state, the 0-based iteration (0 for the first update, as
 * DL4J counts) and the learning rate. {@code apply} overwrites g' with u and updates the state in place.
 *
 * <p>Every rule is element-wise: element i of u depends only on element i of g' and of the state,
 * so applying it per parameter (as here) equals DL4J's applying it once to a whole block of
 * parameters (its {@code UpdaterBlock}).
 */
public interface GradientUpdater {

    /** DL4J's class name, e.g. {@code Adam}; also the first word of each state's name. */
    String name();

    /** The state variables in the order DL4J lays them out in its state view, e.g. {@code m, v}; empty for none. */
    List<String> stateNames();

    /** The value each element of state variable {@code k} starts from: 0, except where DL4J starts from ε. */
    default double initialState(int k) {
        return 0;
    }

    /**
     * Whether the rule uses a learning rate. DL4J's weight decay (applyLR) multiplies by this
     * rule's learning rate, or by 1 when it has none ({@code UpdaterBlock}: AdaDelta, NoOp).
     */
    default boolean hasLearningRate() {
        return true;
    }

    /**
     * Turns {@code g} (the regularized gradient g') into the update u in place, and updates
     * {@code state} (one array per {@link #stateNames()} entry, each as long as g).
     *
     * @param lr        the learning rate of this iteration (ignored by a rule without one)
     * @param iteration 0-based: the number of updates made before this one
     */
    void apply(double[] g, double[][] state, double lr, int iteration);

    /** The rule's own settings, e.g. {@code beta1=0.9, beta2=0.999, epsilon=1.0E-8}; empty for none. */
    String settings();
}
