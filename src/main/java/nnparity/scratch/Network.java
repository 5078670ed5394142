package nnparity.scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import java.util.SortedMap;
import java.util.TreeMap;

import nnparity.spec.Activation;
import nnparity.spec.BatchNormParams;
import nnparity.spec.DenseParams;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * A multilayer perceptron as a chain of layers with a loss at the end, built like the book's
 * {@code OrderedDict} of layers: for every hidden layer an affine {@link Dense} then its
 * {@link ActivationLayer}, then the output {@link Dense} and the {@link OutputLoss}, which
 * applies the output activation itself.
 *
 * <pre>
 *   x ─Dense(W1,b1)→ z1 ─f1→ a1 ─Dense(W2,b2)→ z2 ─f2→ … ─Dense(WL,bL)→ zL ─OutputLoss→ L
 *   [N, nIn]          [N, n1]      [N, n1]          [N, n2]              [N, nOut]
 * </pre>
 *
 * A hidden layer whose spec asks for batch normalization gets a {@link BatchNorm} after its
 * activation ({@code … ─f1→ a1 ─BatchNorm(γ1,β1)→ y1 ─Dense(W2,b2)→ …}), as DL4J's
 * {@code BatchNormalization} layer sits between the dense layers.
 *
 * <p>A layer with keep probability p &lt; 1 gets a {@link Dropout} on its input, before its
 * {@link Dense}, as DL4J applies {@code dropOut(p)} to a layer's input: {@code x ─Dropout→ x⊙m/p
 * ─Dense→ …}. Dropout is on only in the training pass ({@link #lossAndGradients}), with the masks
 * of the current {@link #setIteration iteration} from the net's {@link MaskSource}; {@link #scores},
 * {@link #predict} and {@link #feedForward} are inference ({@link Layer#infer}): they drop nothing
 * and normalize with the batch norms' running statistics.
 *
 * <p>One training step is {@link #lossAndGradients} (forward, then backward from the loss's
 * {@code ∂L/∂zL} down through the layers in reverse) followed by an {@link Optimizer} step on
 * {@link #parameters()}, which carry their layer's {@link Penalty}, and by
 * {@link #updateRunningStatistics()}, which moves the batch norms' running statistics as DL4J's
 * {@code fit} does. Training runs each layer's training-mode {@link Layer#forward};
 * {@link #predict}, {@link #scores} and {@link #feedForward} run the inference mode
 * ({@link Layer#infer}: batch norm with its running statistics).
 *
 * <h2>Score and gradients, as DL4J reports them</h2>
 * <pre>
 *   score              = L + Σ_θ penalty(θ)           {@link #lossAndGradients}: DL4J's {@code score()}
 *   L                  = the data loss, a batch mean (a sum with miniBatch off)
 *   penalty(θ)         = l1·Σ|θ| + ½·l2·Σθ² + ½·wd·Σθ²   (not divided by the batch size)
 *   ∂L/∂θ              {@link #gradients}: DL4J's {@code net.gradient()} divided by N when miniBatch is on
 *   ∂score/∂θ          = ∂L/∂θ + l2·θ + l1·sign(θ) + wd·θ     {@link #regularizedGradients}
 * </pre>
 */
public final class Network {
    private final List<Layer> layers = new ArrayList<>();
    private final List<Dense> dense = new ArrayList<>();
    private final List<BatchNorm> batchNorms = new ArrayList<>();
    private final OutputLoss loss;
    private final NetSpec spec;
    /** {@code spec.trainableByBackprop()}, read once: the training step checks it every call. */
    private final boolean trainable;
    private final Fault fault;
    /** DL4J's iteration count: the number of updates so far, which picks the dropout masks. */
    private int iteration;

    /** The net described by {@code spec}, starting from {@code initial} (canonical layout). */
    public Network(NetSpec spec, ParamSet initial) {
        this(spec, initial, Fault.NONE, null);
    }

    /**
     * The net described by {@code spec}, its dropout masks (if any layer has p &lt; 1) taken from
     * {@code masks}.
     */
    public Network(NetSpec spec, ParamSet initial, MaskSource masks) {
        this(spec, initial, Fault.NONE, masks);
    }

    /**
     * The same net with one known bug, injected into the production layers themselves, so that
     * the gradient checks and the lockstep are shown to catch a bug in the code that really runs.
     * Never used to train for real. (The optimizer's fault goes to {@link Sgd#withFault}.)
     */
    public static Network withFault(NetSpec spec, ParamSet initial, Fault fault) {
        return new Network(spec, initial, fault, null);
    }

    /** As {@link #withFault(NetSpec, ParamSet, Fault)}, with dropout masks from {@code masks}. */
    public static Network withFault(NetSpec spec, ParamSet initial, Fault fault, MaskSource masks) {
        return new Network(spec, initial, fault, masks);
    }

    /** @throws IllegalArgumentException if a layer drops units and {@code masks} is null */
    private Network(NetSpec spec, ParamSet initial, Fault fault, MaskSource masks) {
        this.spec = spec;
        this.trainable = spec.trainableByBackprop();
        this.fault = fault;
        List<LayerSpec> specs = spec.layers();
        if (initial.layers().size() != specs.size())
            throw new IllegalArgumentException(initial.layers().size() + " layers of parameters do not fit " + spec);
        for (int k = 0; k < specs.size(); k++) {
            DenseParams p = initial.layers().get(k);
            LayerSpec l = specs.get(k);
            if (p.nIn() != spec.nIn(k) || p.nOut() != l.nOut())
                throw new IllegalArgumentException("parameters " + p + " of layer " + (k + 1) + " do not fit " + spec);
            if (l.hasDropout()) {
                if (masks == null)
                    throw new IllegalArgumentException("layer " + (k + 1) + " of " + spec + " drops units (keep prob " + l.keepProb()
                            + "): the hand-written net needs a MaskSource for its dropout masks");
                layers.add(new Dropout(k + 1, l.keepProb(), masks, fault));
            }
            Dense d = new Dense(k + 1, p.nIn(), p.nOut(), p.w(), p.b(), k > 0, fault, // ∂L/∂x of the data: not needed
                    Penalty.ofWeights(l.regularization()), Penalty.ofBias(l.regularization()));
            dense.add(d);
            layers.add(d);
            if (k < specs.size() - 1) layers.add(new ActivationLayer(l.activation(), fault));
            if (l.hasBatchNorm()) {                           // hidden layers only: NetSpec refuses it on the output
                BatchNormParams bn = initial.batchNorm(k + 1);
                if (bn == null) throw new IllegalArgumentException("the parameters have no batch norm after layer " + (k + 1) + ", which " + spec + " has");
                BatchNorm b = new BatchNorm(k + 1, l.batchNorm(), bn, fault);
                batchNorms.add(b);
                layers.add(b);
            }
        }
        if (initial.batchNorm().size() != batchNorms.size())
            throw new IllegalArgumentException(initial.batchNorm().size() + " batch norms of parameters do not fit " + spec);
        this.loss = outputLoss(spec, fault);
    }

    private static OutputLoss outputLoss(NetSpec spec, Fault fault) {
        Activation f = spec.output().activation();
        return switch (spec.loss()) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> new SoftmaxCrossEntropy(spec.loss(), spec.lossClipEps(), spec.miniBatch(), fault);
            case MSE -> new MeanSquaredError(f, spec.miniBatch(), fault);
            case L1 -> new L1Loss(f, spec.miniBatch(), fault);
            case XENT -> new BinaryCrossEntropy(spec.lossClipEps(), spec.miniBatch(), fault);
        };
    }

    /**
     * The output layer's scores zL [N, nOut] for inputs x [N, nIn]: the inference-mode forward pass
     * without the output activation.
     */
    public Matrix scores(Matrix x) {
        Matrix a = x;
        for (Layer layer : layers) a = layer.infer(a);
        return a;
    }

    /** The training forward pass: dropout on with the masks of the current iteration, batch norm with batch statistics. */
    private Matrix trainingScores(Matrix x) {
        Matrix a = x;
        for (Layer layer : layers) {
            if (layer instanceof Dropout d) d.setIteration(iteration);
            a = layer.forward(a);
        }
        return a;
    }

    /**
     * Sets the iteration whose dropout masks the next {@link #lossAndGradients} uses: DL4J's
     * iteration count, the number of updates done so far (0 before the first). The caller that
     * runs the optimizer advances it after each update, as DL4J's {@code fit} does.
     */
    public void setIteration(int iteration) {
        if (iteration < 0) throw new IllegalArgumentException("iteration " + iteration + " is invalid; it must be ≥ 0");
        this.iteration = iteration;
    }

    /** See {@link #setIteration}. */
    public int iteration() {
        return iteration;
    }

    /** The net's outputs ŷ = f_L(zL), [N, nIn] → [N, nOut], in inference mode: class probabilities for a softmax output. */
    public Matrix predict(Matrix x) {
        return loss.activate(scores(x));
    }

    /**
     * Every dense layer's output after its activation, in inference mode, like DL4J's
     * {@code feedForward(x, false)}: {@code [x, a1, …, a_{L−1}, ŷ]}, L + 1 matrices for L dense
     * layers, the input first and the output layer's ŷ = f_L(zL) last. a_k = f_k(z_k) is taken
     * before a batch norm that follows it.
     */
    public List<Matrix> feedForward(Matrix x) {
        List<Matrix> out = new ArrayList<>();
        out.add(x);
        Matrix a = x;
        for (Layer layer : layers) {
            a = layer.infer(a);
            if (layer instanceof ActivationLayer) out.add(a);
        }
        out.add(loss.activate(a));
        return out;
    }

    /**
     * Forward (training: dropout on) and backward on one batch: leaves {@code ∂L/∂θ} of the data loss in every
     * parameter's gradient, and returns DL4J's score, the data loss L plus every penalty
     * ({@link #penaltyScore}).
     *
     * @throws UnsupportedOperationException if a hidden activation is step, which backprop cannot train
     */
    public double lossAndGradients(Matrix x, Matrix labels) {
        if (!trainable) throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
        double l = loss.forward(trainingScores(x), labels);
        Matrix d = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) d = layers.get(i).backward(d);
        return fault == Fault.REG_TERM_MISSING_FROM_SCORE ? l : l + penaltyScore();
    }

    /** Σ over the parameters of {@code l1·Σ|θ| + ½·l2·Σθ² + ½·wd·Σθ²} at the current values: the score's penalty term, 0 without one. */
    public double penaltyScore() {
        double s = 0;
        for (Dense d : dense) s += d.weights().penalty().score(d.weights().value().data) + d.bias().penalty().score(d.bias().value().data);
        return s;
    }

    /**
     * Moves every batch norm's running mean and variance toward the statistics of the batch of the
     * last {@link #lossAndGradients} (see {@link BatchNorm#updateRunningStatistics}): the part of
     * DL4J's {@code fit} that no optimizer does. Call once per training step; nothing without batch norm.
     */
    public void updateRunningStatistics() {
        for (BatchNorm b : batchNorms) b.updateRunningStatistics();
    }

    /** W1, b1, [gamma1, beta1,] W2, b2, …: every dense layer's weights then bias, and each batch norm's γ and β, input side first. */
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Layer layer : layers) ps.addAll(layer.parameters());
        return ps;
    }

    /** A copy of the parameters in the canonical layout. */
    public ParamSet params() {
        return canonical(false);
    }

    /**
     * A copy of the data-loss gradients ∂L/∂θ of the last {@link #lossAndGradients} call,
     * canonical layout, without any penalty: DL4J's {@code net.gradient()}, divided by the batch
     * size when miniBatch is on.
     */
    public ParamSet gradients() {
        return canonical(true);
    }

    /**
     * The gradient of the whole score of the last {@link #lossAndGradients} call,
     * {@code ∂L/∂θ + l2·θ + l1·sign(θ) + wd·θ} (sign(0) = 0), canonical layout: the direction
     * {@link Sgd} follows, {@code θ −= lr · ∂score/∂θ}, when weight decay is ×lr (DL4J's default
     * applyLR). With {@code weightDecayTimesLr = false} SGD's decay step is {@code wd·θ}, not
     * {@code lr·wd·θ}, and follows no gradient of this score. A numerical derivative of the score
     * checks this, where no |θ| is at its kink 0.
     */
    public ParamSet regularizedGradients() {
        List<DenseParams> out = new ArrayList<>();
        for (Dense d : dense) {
            Parameter w = d.weights(), b = d.bias();
            double[] gw = w.grad().data.clone(), gb = b.grad().data.clone();
            w.penalty().addScoreGradient(w.value().data, gw);
            b.penalty().addScoreGradient(b.value().data, gb);
            out.add(new DenseParams(w.value().rows, w.value().cols, gw, gb));
        }
        return new ParamSet(out, batchNormGradients());  // batch norm: unregularized
    }

    private SortedMap<Integer, BatchNormParams> batchNormGradients() {
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        for (BatchNorm b : batchNorms) bn.put(b.index(), b.gradients());
        return bn;
    }

    /** Overwrites every parameter with {@code p} (canonical layout, same shapes). */
    public void setParams(ParamSet p) {
        if (p.layers().size() != dense.size())
            throw new IllegalArgumentException(p.layers().size() + " layers of parameters do not fit " + dense.size() + " dense layers");
        for (int k = 0; k < dense.size(); k++) {
            DenseParams d = p.layers().get(k);
            copyInto(d.w(), dense.get(k).weights().value());
            copyInto(d.b(), dense.get(k).bias().value());
        }
        if (p.batchNorm().size() != batchNorms.size())
            throw new IllegalArgumentException(p.batchNorm().size() + " batch norms of parameters do not fit " + batchNorms.size() + " batch-norm layers");
        for (BatchNorm b : batchNorms) {
            BatchNormParams bp = p.batchNorm(b.index());
            if (bp == null) throw new IllegalArgumentException("the parameters have no batch norm after layer " + b.index());
            b.setParams(bp);
        }
    }

    private static void copyInto(double[] src, Matrix dst) {
        if (src.length != dst.data.length)
            throw new IllegalArgumentException(src.length + " values do not fit " + dst.shape());
        System.arraycopy(src, 0, dst.data, 0, src.length);
    }

    private ParamSet canonical(boolean grads) {
        List<DenseParams> out = new ArrayList<>();
        for (Dense d : dense) {
            Matrix wm = grads ? d.weights().grad() : d.weights().value(), bm = grads ? d.bias().grad() : d.bias().value();
            out.add(new DenseParams(wm.rows, wm.cols, wm.data.clone(), bm.data.clone()));
        }
        if (grads) return new ParamSet(out, batchNormGradients());
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        for (BatchNorm b : batchNorms) bn.put(b.index(), b.params());
        return new ParamSet(out, bn);
    }

    public NetSpec spec() {
        return spec;
    }

    /** The output stage: the output activation with its loss. */
    public OutputLoss outputLoss() {
        return loss;
    }

    /** E.g. {@code Dense(2→50) → relu → Dense(50→4) → SoftmaxCrossEntropy(clip=1.0E-10)}. */
    @Override
    public String toString() {
        return layers.stream().map(Object::toString).collect(Collectors.joining(" → ")) + " → " + loss;
    }
}
