package nnparity.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

import nnparity.spec.Activation;

/**
 * The tutorial's step function, {@code step(z) = 1 if z > 0 else 0}, as a custom DL4J activation:
 * DL4J has none built in. Forward only: its derivative is zero almost everywhere, so
 * {@link #backprop} refuses with the same explanation as the hand-written net.
 *
 * <p>Like DL4J's own activations, {@link #getActivation} overwrites {@code in} and returns it:
 * DL4J expects the layer's activations in the array it passed (its workspace), and refuses an
 * activation array allocated elsewhere ("array is defined in incorrect workspace").
 */
public final class StepActivation extends BaseActivationFunction {

    /** {@code in[i] = 1 if in[i] > 0 else 0} (so −0, +0 and NaN give 0), in place; returns {@code in}. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.assign(in.gt(0.0).castTo(in.dataType()));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
    }

    /** Every step is the same function (it has no parameters), as DL4J's own activations compare. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StepActivation;
    }

    @Override
    public int hashCode() {
        return "step".hashCode();
    }

    @Override
    public String toString() {
        return "step";
    }
}
