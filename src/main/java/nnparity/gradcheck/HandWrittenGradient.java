package nnparity.gradcheck;

import nnparity.data.Batch;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Where the checks get the hand-written analytic gradient {@code ∂L/∂θ} of the mean loss from:
 * {@link #production()}, the {@link Network} users train, or a {@link BackwardPass} copy into
 * which a {@link Fault} can be injected. Every check compares this one gradient with its reference.
 */
@FunctionalInterface
public interface HandWrittenGradient {

    /** ∂L/∂θ of the mean loss on {@code batch} at {@code params}, canonical layout. Leaves {@code params} unchanged. */
    ParamSet meanGradient(NetSpec spec, ParamSet params, Batch batch);

    /** The production hand-written net: {@link Network#lossAndGradients}, then {@link Network#gradients}. */
    static HandWrittenGradient production() {
        return new HandWrittenGradient() {
            @Override
            public ParamSet meanGradient(NetSpec spec, ParamSet params, Batch b) {
                Network net = new Network(spec, params);
                net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
                return net.gradients();
            }

            @Override
            public String toString() {
                return "hand-written backprop";
            }
        };
    }
}
