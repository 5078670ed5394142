package nnparity.parity;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
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
 *
 * <p>The lockstep uses {@link #trainStep} instead, which costs one backward pass, not two: it
 * runs {@code fit} once and reads the loss and gradient from inside it, where DL4J's optimizer
 * tells its listeners that the gradient is ready ({@code onGradientCalculation}, after
 * {@code computeGradientAndScore}, before the updater changes the gradient in place). The
 * numbers are the ones {@code computeGradientAndScore()} gives, from the same code on the same
 * parameters. {@link #paramsInto} and {@link #meanGradientInto} read DL4J's flat parameter and
 * gradient vectors in one bulk copy each ({@link FlatCopy}).
 */
public class Dl4jSide implements Side {
    private final MultiLayerNetwork net;
    private final NetSpec spec;
    private int lastBatchSize;
    /** {@link #predict}'s input, reused; see there. */
    private INDArray predictInput;
    /** What {@link #trainStep} runs inside {@code fit}; null outside it. */
    private InsideFit insideFit;
    private boolean tapped;
    /** The features and labels of the last batch, as ND4J arrays reused while the batch shape stays. */
    private INDArray features, labels;

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

    /**
     * The net's outputs for {@code x} [rows, nIn]. The input array is kept and refilled while the
     * number of rows stays the same: a new 5,000-row array per evaluation chunk cost more than the
     * forward pass itself (31 MB of native memory allocated and filled one element at a time;
     * docs/performance.md). Not for concurrent calls.
     */
    @Override
    public double[] predict(double[] x, int rows) {
        predictInput = refill(predictInput, x, rows, (int) net.layerInputSize(0));
        return net.output(predictInput, false).dup('c').data().asDouble();
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

    /**
     * What the harness does inside {@code fit}, between DL4J's backward pass and its update: it
     * reads {@link #meanGradientInto} and the score, the loss before the update.
     */
    @FunctionalInterface
    public interface InsideFit {
        /** @return true to let {@code fit} go on to the update; false stops it before anything changes */
        boolean atGradient(double loss);
    }

    /**
     * One training step with DL4J's own {@code fit(x, y)}, calling {@code inside} once the loss and
     * gradient are known and before the update. If {@code inside} returns false, {@code fit} stops
     * there: parameters, updater state and iteration count stay as they were.
     *
     * @return true when the update was made
     */
    public boolean trainStep(Batch b, InsideFit inside) {
        if (!tapped) {
            net.addListeners(new GradientTap());
            tapped = true;
        }
        lastBatchSize = b.rows();
        insideFit = inside;
        try {
            net.fit(reused(b), reusedLabels(b));
            return true;
        } catch (Stopped s) {
            return false;
        } finally {
            insideFit = null;
        }
    }

    /** Tells {@link #trainStep}'s caller that the gradient is ready; stops {@code fit} when told to. */
    private final class GradientTap extends BaseTrainingListener {
        @Override
        public void onGradientCalculation(Model model) {
            InsideFit f = insideFit;
            if (f != null && !f.atGradient(net.score())) throw new Stopped();
        }
    }

    /** Thrown through {@code fit} to stop it before the update; never leaves {@link #trainStep}. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * Refills {@code copy} with what {@link #meanGradient} returns, bit for bit, in DL4J's order
     * ({@link FlatCopy}): DL4J's gradient of the last backward pass divided by the batch size
     * (with miniBatch). Inside {@link InsideFit#atGradient} it is the gradient {@code fit} is about to apply.
     */
    void meanGradientInto(FlatCopy copy) {
        copy.readGradient(net, spec.miniBatch() ? lastBatchSize : 1);
    }

    /** The batch size of the last {@link #lossAndGradient} or {@link #trainStep}, by which a mean gradient divides. */
    protected int lastBatchSize() {
        return lastBatchSize;
    }

    /** Refills {@code copy} with what {@link #params()} returns, bit for bit, in DL4J's order ({@link FlatCopy}). */
    void paramsInto(FlatCopy copy) {
        copy.readParams(net);
    }

    private INDArray reused(Batch b) {
        features = refill(features, b.x(), b.rows(), b.nIn());
        return features;
    }

    private INDArray reusedLabels(Batch b) {
        labels = refill(labels, b.t(), b.rows(), b.nOut());
        return labels;
    }

    /**
     * {@code a} holding {@code values} as [rows, cols] 'c', a new array only when the number of rows
     * changed (an epoch's short last batch): the columns are the net's, the same at every step.
     */
    private static INDArray refill(INDArray a, double[] values, int rows, int cols) {
        if (a == null || a.rows() != rows) return Nd4j.create(values, new long[]{rows, cols}, 'c');
        a.data().asNioDouble().put(values, 0, values.length);
        return a;
    }

    @Override public String toString() { return "MultiLayerNetwork(" + net.getnLayers() + " layers)"; }
}
