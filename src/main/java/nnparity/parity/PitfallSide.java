package nnparity.parity;

import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.Pitfall;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The DL4J side with a known {@link Pitfall} built in: its network is built from the pitfall's
 * configuration, and the starting parameters are written and the gradient read the pitfall's way.
 * Everything else (the loss, the update, the parameters read back, the predictions) is
 * {@link Dl4jSide}'s, so the harness compares and localises as in any run.
 */
public final class PitfallSide extends Dl4jSide {
    private final Pitfall pitfall;

    /** The DL4J twin of {@code spec}, which is the hand-written net's, with {@code pitfall} in it. */
    public PitfallSide(NetSpec spec, Pitfall pitfall) {
        super(Dl4jNets.network(pitfall.configuration(spec)), spec);
        this.pitfall = pitfall;
    }

    public Pitfall pitfall() {
        return pitfall;
    }

    @Override
    public ParamSet meanGradient() {
        return pitfall.gradient(network().gradient(), spec(), lastBatchSize());
    }

    /** The lockstep's reading: {@link #meanGradient}, the pitfall's way, in DL4J's order. */
    @Override
    void meanGradientInto(FlatCopy copy) {
        super.meanGradientInto(copy);
        copy.scatterFrom(meanGradient());
    }

    @Override
    public void setParams(ParamSet p) {
        pitfall.write(p, network());
    }

    @Override public String toString() { return super.toString() + " with pitfall " + pitfall.id(); }
}
