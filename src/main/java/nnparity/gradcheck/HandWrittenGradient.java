package nnparity.gradcheck;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Where the checks get the hand-written side from: the production {@link Network}, correct or
 * with one {@link Fault} injected into its layers. Every check compares this one evaluation with
 * its reference.
 */
@FunctionalInterface
public interface HandWrittenGradient {

    /**
     * The hand-written score and descent direction at one point.
     *
     * @param score    the score the net reports: its data loss (mean over the batch when miniBatch)
     *                 plus the penalties, as DL4J's {@code score()}
     * @param gradient the direction its SGD step follows, canonical layout: the data gradient, plus
     *                 l1·sign(θ) + l2·θ + wd·θ for a regularized net (wd / lr·θ when the decay is not ×lr)
     */
    record Evaluation(double score, ParamSet gradient) {
    }

    /** The score and direction on {@code batch} at {@code params}. Leaves {@code params} unchanged. */
    Evaluation evaluate(NetSpec spec, ParamSet params, Batch batch);

    /** The production hand-written net. */
    static HandWrittenGradient production() {
        return production(Fault.NONE);
    }

    /**
     * The production net with {@code fault} injected ({@link Network#withFault}): the score is what
     * {@link Network#lossAndGradients} returns and the direction is {@link Network#gradients}.
     */
    static HandWrittenGradient production(Fault fault) {
        return new HandWrittenGradient() {
            @Override
            public Evaluation evaluate(NetSpec spec, ParamSet params, Batch b) {
                if (spec.regularized())
                    throw new UnsupportedOperationException("regularization is not written by hand yet: " + spec);
                Network net = Network.withFault(spec, params, fault);
                double score = net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
                return new Evaluation(score, net.gradients());
            }

            @Override
            public String toString() {
                return fault == Fault.NONE ? "hand-written backprop" : "hand-written backprop with fault " + fault.label();
            }
        };
    }
}
