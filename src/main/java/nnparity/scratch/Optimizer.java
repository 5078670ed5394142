package nnparity.scratch;

import java.util.List;

/**
 * Updates parameters from their gradients. Call order per training step: the network's
 * {@code lossAndGradients} fills every {@link Parameter#grad()}, then {@link #step} changes every
 * {@link Parameter#value()} in place.
 */
public interface Optimizer {
    void step(List<Parameter> parameters);
}
