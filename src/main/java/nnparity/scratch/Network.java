package nnparity.scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import nnparity.spec.DenseParams;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
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
 * One training step is {@link #lossAndGradients} (forward, then backward from the loss's
 * {@code ∂L/∂zL} down through the layers in reverse) followed by an {@link Optimizer} step on
 * {@link #parameters()}.
 */
public final class Network {
    private final List<Layer> layers = new ArrayList<>();
    private final List<Dense> dense = new ArrayList<>();
    private final OutputLoss loss;
    private final NetSpec spec;

    /** The net described by {@code spec}, starting from {@code initial} (canonical layout). */
    public Network(NetSpec spec, ParamSet initial) {
        this(spec, initial, Fault.NONE);
    }

    /**
     * The same net with one known bug in its backward pass, injected into the production layers
     * themselves, so that the gradient checks and the lockstep are shown to catch a bug in the
     * code that really runs. Never used to train for real.
     */
    public static Network withFault(NetSpec spec, ParamSet initial, Fault fault) {
        return new Network(spec, initial, fault);
    }

    private Network(NetSpec spec, ParamSet initial, Fault fault) {
        this.spec = spec;
        List<LayerSpec> specs = spec.layers();
        if (initial.layers().size() != specs.size())
            throw new IllegalArgumentException(initial.layers().size() + " layers of parameters do not fit " + spec);
        for (int k = 0; k < specs.size(); k++) {
            DenseParams p = initial.layers().get(k);
            if (p.nIn() != spec.nIn(k) || p.nOut() != specs.get(k).nOut())
                throw new IllegalArgumentException("parameters " + p + " of layer " + (k + 1) + " do not fit " + spec);
            Dense d = new Dense(k + 1, p.nIn(), p.nOut(), p.w(), p.b(), k > 0, fault); // ∂L/∂x of the data: not needed
            dense.add(d);
            layers.add(d);
            if (k < specs.size() - 1) layers.add(new ActivationLayer(specs.get(k).activation(), fault));
        }
        this.loss = outputLoss(spec, fault);
    }

    private static OutputLoss outputLoss(NetSpec spec, Fault fault) {
        if (spec.loss() == Loss.MCXENT || spec.loss() == Loss.NEGATIVELOGLIKELIHOOD)
            return new SoftmaxCrossEntropy(spec.lossClipEps(), fault);
        throw new UnsupportedOperationException("loss " + spec.loss().id() + " is not built by hand yet");
    }

    /** The output layer's scores zL [N, nOut] for inputs x [N, nIn]: the forward pass without the output activation. */
    public Matrix scores(Matrix x) {
        Matrix a = x;
        for (Layer layer : layers) a = layer.forward(a);
        return a;
    }

    /** The net's outputs ŷ = f_L(zL), [N, nIn] → [N, nOut]: class probabilities for a softmax output. */
    public Matrix predict(Matrix x) {
        return loss.activate(scores(x));
    }

    /**
     * Forward and backward on one batch: returns the loss L and leaves {@code ∂L/∂θ} in every
     * parameter's gradient.
     *
     * @throws UnsupportedOperationException if a hidden activation is step, which backprop cannot train
     */
    public double lossAndGradients(Matrix x, Matrix labels) {
        if (!spec.trainableByBackprop())
            throw new UnsupportedOperationException(nnparity.spec.Activation.STEP_CANNOT_TRAIN);
        double l = loss.forward(scores(x), labels);
        Matrix d = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) d = layers.get(i).backward(d);
        return l;
    }

    /** W1, b1, W2, b2, …: every dense layer's weights then bias, input side first. */
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Layer layer : layers) ps.addAll(layer.parameters());
        return ps;
    }

    /** A copy of the parameters in the canonical layout. */
    public ParamSet params() {
        return canonical(false);
    }

    /** A copy of the gradients of the last {@link #lossAndGradients} call, canonical layout. */
    public ParamSet gradients() {
        return canonical(true);
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
        return new ParamSet(out);
    }

    public NetSpec spec() {
        return spec;
    }

    /** E.g. {@code Dense(2→50) → relu → Dense(50→4) → SoftmaxCrossEntropy(clip=1.0E-10)}. */
    @Override
    public String toString() {
        return layers.stream().map(Object::toString).collect(Collectors.joining(" → ")) + " → " + loss;
    }
}
