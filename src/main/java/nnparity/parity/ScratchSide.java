package nnparity.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.scratch.GradientNormalization;
import nnparity.scratch.GradientUpdaters;
import nnparity.scratch.MaskSource;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.scratch.Parameter;
import nnparity.scratch.UpdatePipeline;
import nnparity.spec.BatchNormParams;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/** The hand-written {@link Network} with the {@link UpdatePipeline} of its spec's updater, as a {@link Side}. */
public final class ScratchSide implements Side {
    private final Network net;
    private final UpdatePipeline updater;
    /** The net's own gradient and parameter arrays, canonical layout, not copies; paramView null with batch norm. */
    private final ParamSet gradientView, paramView;

    /** With the harness's dropout masks for {@code spec} ({@link DropoutMasks#of}). */
    public ScratchSide(NetSpec spec, ParamSet initial) {
        this(spec, initial, DropoutMasks.of(spec));
    }

    /** With dropout masks from {@code masks}: the ones DL4J's side gets too. */
    public ScratchSide(NetSpec spec, ParamSet initial, MaskSource masks) {
        this(spec, initial, masks, Fault.NONE);
    }

    /**
     * With a known bug in the net ({@link Network#withFault}) or its updater
     * ({@link GradientUpdaters#pipeline}), for tests of the harness.
     */
    ScratchSide(NetSpec spec, ParamSet initial, MaskSource masks, Fault fault) {
        this.net = Network.withFault(spec, initial, fault, masks);
        this.updater = GradientUpdaters.pipeline(spec.updater(), GradientNormalization.preprocessor(spec.gradNorm()), fault);
        this.gradientView = view(spec, net.parameters(), true);
        this.paramView = spec.hasBatchNorm() ? null : view(spec, net.parameters(), false);
    }

    /**
     * The parameters {@code ps} (W1, b1, [gamma1, beta1,] W2, b2, …) as a {@link ParamSet} over
     * their own arrays, values or gradients; a batch norm's running statistics as zeros (the
     * gradient's; the values' are not reachable, so only gradients are viewed with batch norm).
     */
    private static ParamSet view(NetSpec spec, List<Parameter> ps, boolean gradients) {
        List<DenseParams> layers = new ArrayList<>();
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        int at = 0;
        for (int k = 0; k < spec.depth(); k++) {
            Matrix w = array(ps.get(at++), gradients), b = array(ps.get(at++), gradients);
            layers.add(new DenseParams(w.rows, w.cols, w.data, b.data));
            if (spec.layers().get(k).hasBatchNorm()) {
                double[] gamma = array(ps.get(at++), gradients).data, beta = array(ps.get(at++), gradients).data;
                bn.put(k + 1, new BatchNormParams(gamma.length, gamma, beta, new double[gamma.length], new double[gamma.length]));
            }
        }
        return new ParamSet(layers, bn);
    }

    private static Matrix array(Parameter p, boolean gradient) {
        return gradient ? p.grad() : p.value();
    }

    /**
     * What {@link #meanGradient()} returns, without the copy: the net's own gradient arrays, which
     * the next {@link #lossAndGradient} (and a gradient normalization in {@link #update})
     * overwrites. Read it, don't keep it.
     */
    public ParamSet gradientView() {
        return gradientView;
    }

    /**
     * What {@link #params()} returns, without the copy: the net's own parameter arrays, which
     * {@link #update} changes. Null for a net with batch norm, whose running statistics only a
     * copy reads.
     */
    public ParamSet paramView() {
        return paramView;
    }

    @Override public String name() { return "hand-written"; }

    @Override
    public double lossAndGradient(Batch b) {
        return net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
    }

    @Override public ParamSet meanGradient() { return net.gradients(); }

    /**
     * Applies the gradient already computed for {@code b} by {@link #lossAndGradient}, then moves the
     * batch norms' running statistics toward that batch's, as DL4J's {@code fit} does in one step.
     */
    @Override public void update(Batch b) {
        updater.step(net.parameters());
        net.updateRunningStatistics();
        net.setIteration(net.iteration() + 1); // as DL4J's fit counts iterations: the next step's dropout masks
    }

    @Override public Map<String, ParamSet> updaterState() { return updater.state(net.parameters()); }

    @Override public void endEpoch() { updater.endEpoch(); }

    @Override public ParamSet params() { return net.params(); }

    @Override public void setParams(ParamSet p) { net.setParams(p); }

    @Override
    public double[] predict(double[] x, int rows) {
        return net.predict(new Matrix(rows, net.spec().nIn(), x)).data;
    }

    /** a_1 … a_L for inputs {@code x} [rows, nIn]: each layer's activations [rows, n_k] row-major. */
    public List<double[]> activations(double[] x, int rows) {
        List<Matrix> all = net.feedForward(new Matrix(rows, net.spec().nIn(), x));
        return all.subList(1, all.size()).stream().map(m -> m.data).toList();
    }

    public Network network() { return net; }

    public UpdatePipeline updater() { return updater; }

    /** E.g. {@code Dense(2→50) → relu → Dense(50→4) → SoftmaxCrossEntropy(clip=1.0E-10), SGD(lr=0.1)}, then the gradient normalization if any. */
    @Override
    public String toString() {
        return net + ", " + updater + (net.spec().gradNorm().isNone() ? "" : ", " + net.spec().gradNorm());
    }
}
