package nnparity.parity;

import nnparity.data.Batch;
import nnparity.spec.ParamSet;

/**
 * One of the two networks, as the harness drives it. Per step: {@link #lossAndGradient} (forward
 * and backward on the batch, no update), then {@link #update} (one SGD step on the same batch).
 */
public interface Side {

    /** "hand-written" or "DL4J". */
    String name();

    /** The mean loss of the batch before any update; leaves the gradient for {@link #meanGradient}. */
    double lossAndGradient(Batch b);

    /** ∂L/∂θ of the mean loss from the last {@link #lossAndGradient}, canonical layout. */
    ParamSet meanGradient();

    /** One training step on {@code b}: θ ← θ − lr · ∂L/∂θ. */
    void update(Batch b);

    /** A copy of the current parameters, canonical layout. */
    ParamSet params();

    void setParams(ParamSet p);

    /** Class probabilities for {@code rows} inputs {@code x} [rows, nIn]: [rows, nOut] row-major. */
    double[] predict(double[] x, int rows);
}
