package nnparity.parity;

import java.util.Map;

import nnparity.data.Batch;
import nnparity.spec.ParamSet;

/**
 * One of the two networks, as the harness drives it. Per step: {@link #lossAndGradient} (forward
 * and backward on the batch, no update), then {@link #update} (one step of the updater on the same
 * batch); after each pass over the data, {@link #endEpoch}.
 */
public interface Side {

    /** "hand-written" or "DL4J". */
    String name();

    /** The mean loss of the batch before any update; leaves the gradient for {@link #meanGradient}. */
    double lossAndGradient(Batch b);

    /** ∂L/∂θ of the mean loss from the last {@link #lossAndGradient}, canonical layout. */
    ParamSet meanGradient();

    /** One training step on {@code b}: θ ← θ − u, u the updater's update (for SGD lr · ∂L/∂θ). */
    void update(Batch b);

    /**
     * A copy of the updater's state after the last update, canonical layout: one {@link ParamSet}
     * per state variable, keyed e.g. {@code "Adam m"}, {@code "Adam v"}; empty for SGD and NoOp.
     */
    Map<String, ParamSet> updaterState();

    /** The end of an epoch: the epoch count that schedules read goes up by one. */
    void endEpoch();

    /** A copy of the current parameters, canonical layout. */
    ParamSet params();

    void setParams(ParamSet p);

    /** Class probabilities for {@code rows} inputs {@code x} [rows, nIn]: [rows, nOut] row-major. */
    double[] predict(double[] x, int rows);
}
