package nnparity.parity;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import nnparity.data.Batch;
import nnparity.dl4j.ConfigTranslator;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ForwardPass;
import nnparity.dl4j.ImportException;
import nnparity.dl4j.ParamBridge;
import nnparity.dl4j.UpdaterStateBridge;
import nnparity.dl4j.SharedMaskDropout;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The DL4J twin as a {@link Side}. {@link #lossAndGradient} calls
 * {@code computeGradientAndScore()} to read the loss and gradient without changing anything;
 * {@link #update} then trains with DL4J's own {@code fit}, so the update is DL4J's, not ours.
 */
public class Dl4jSide implements Side {
    private final MultiLayerNetwork net;
    private final NetSpec spec;
    private int lastBatchSize;

    /** A fresh twin of {@code spec}, holding DL4J's own initial parameters. */
    public Dl4jSide(NetSpec spec) {
        this.net = Dl4jNets.network(spec);
        this.spec = spec;
    }

    /**
     * An existing network, e.g. a user's {@code --config} or {@code --model}, used as it is: its
     * own configuration and parameters. Its spec is read off its configuration.
     *
     * @throws ImportException if the configuration holds a setting the spec cannot mirror
     */
    public Dl4jSide(MultiLayerNetwork net) {
        this.spec = ConfigTranslator.toSpec(net.getLayerWiseConfigurations());
        this.net = net;
    }

    /** {@code net} as it is, read through {@code spec} (no translation): for {@link PitfallSide}, whose net the spec does not describe. */
    protected Dl4jSide(MultiLayerNetwork net, NetSpec spec) {
        this.net = net;
        this.spec = spec;
    }

    @Override public String name() { return "DL4J"; }

    @Override
    public double lossAndGradient(Batch b) {
        net.setInput(features(b));
        net.setLabels(labels(b));
        net.computeGradientAndScore();
        lastBatchSize = b.rows();
        return net.score();
    }

    @Override
    public ParamSet meanGradient() {
        return ParamBridge.gradient(net.gradient(), spec, lastBatchSize);
    }

    @Override
    public void update(Batch b) {
        net.fit(features(b), labels(b));
    }

    @Override public Map<String, ParamSet> updaterState() { return UpdaterStateBridge.read(net); }

    /**
     * DL4J's {@code incrementEpochCount()}: what {@code fit(iterator)} does after each pass, and
     * what {@link #update}'s {@code fit(x, y)} never does.
     */
    @Override public void endEpoch() { net.incrementEpochCount(); }

    /**
     * Gives every dropout of this net the harness's masks: each stock {@code Dropout(p)} becomes a
     * {@link SharedMaskDropout} of the same p ({@link Dl4jNets#withSharedMasks}), so DL4J drops the
     * units the hand-written net drops, through its own dropout code path.
     */
    public void shareMasks(SharedMaskDropout.Masks masks) {
        Dl4jNets.withSharedMasks(net.getLayerWiseConfigurations(), masks);
    }

    /** DL4J's iteration count: the number of updates so far (a saved model's continues from its training). */
    public int iterationCount() {
        return net.getIterationCount();
    }

    /** DL4J's epoch count: epochs ended so far ({@link #endEpoch}; a saved model's continues from its training). */
    public int epochCount() {
        return net.getEpochCount();
    }

    @Override public ParamSet params() { return ParamBridge.read(net); }

    @Override public void setParams(ParamSet p) { ParamBridge.write(p, net); }

    @Override
    public double[] predict(double[] x, int rows) {
        INDArray in = Nd4j.create(x, new long[]{rows, net.layerInputSize(0)}, 'c');
        return net.output(in, false).dup('c').data().asDouble();
    }

    /** a_1 … a_L for inputs {@code x} [rows, nIn]: each layer's activations [rows, n_k] row-major (see {@link ForwardPass}). */
    public List<double[]> activations(double[] x, int rows) {
        return ForwardPass.activations(net, x, rows);
    }

    public MultiLayerNetwork network() { return net; }

    /** The spec this side was built from, or read off the network it was given. */
    public NetSpec spec() { return spec; }

    private static INDArray features(Batch b) {
        return Nd4j.create(b.x(), new long[]{b.rows(), b.nIn()}, 'c');
    }

    private static INDArray labels(Batch b) {
        return Nd4j.create(b.t(), new long[]{b.rows(), b.nOut()}, 'c');
    }

    @Override public String toString() { return "MultiLayerNetwork(" + net.getnLayers() + " layers)"; }
}
