package nnparity.gradcheck;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Where the checks get the hand-written analytic gradient {@code ∂L/∂θ} of the mean loss from:
 * the production {@link Network}, correct or with one {@link Fault} injected into its layers.
 * Every check compares this one gradient with its reference.
 */
@FunctionalInterface
public interface HandWrittenGradient {

    /** ∂L/∂θ of the mean loss on {@code batch} at {@code params}, canonical layout. Leaves {@code params} unchanged. */
    ParamSet meanGradient(NetSpec spec, ParamSet params, Batch batch);

    /** The production hand-written net: {@link Network#lossAndGradients}, then {@link Network#gradients}. */
    static HandWrittenGradient production() {
        return production(Fault.NONE);
    }

    /** The production net with {@code fault} in its backward pass ({@link Network#withFault}). */
    static HandWrittenGradient production(Fault fault) {
        return new HandWrittenGradient() {
            @Override
            public ParamSet meanGradient(NetSpec spec, ParamSet params, Batch b) {
                Network net = Network.withFault(spec, params, fault);
                net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
                return net.gradients();
            }

            @Override
            public String toString() {
                return fault == Fault.NONE ? "hand-written backprop" : "hand-written backprop with fault " + fault.label();
            }
        };
    }
}
