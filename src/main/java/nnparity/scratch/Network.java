package nnparity.scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The tutorial's two-layer network as a chain of layers with a softmax + cross-entropy head:
 *
 * <pre>
 *   x ─Dense(W1,b1)→ z1 ─act→ h ─Dense(W2,b2)→ z2 ─softmax→ p,   L = CE(p, t)
 *   [N, nIn]        [N, nHidden]   [N, nHidden]   [N, nOut]
 * </pre>
 *
 * One training step is {@link #lossAndGradients} (forward, then backward from
 * {@code ∂L/∂z2 = (p - t)/N} down through the layers in reverse) followed by an
 * {@link Optimizer} step on {@link #parameters()}.
 */
public final class Network {
    private final List<Layer> layers;
    private final SoftmaxCrossEntropy loss;
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
        DenseParams l1 = initial.layer(1), l2 = initial.layer(2);
        if (l1.nIn() != spec.nIn() || l1.nOut() != spec.nHidden() || l2.nIn() != spec.nHidden() || l2.nOut() != spec.nOut())
            throw new IllegalArgumentException("parameters " + l1 + ", " + l2 + " do not fit " + spec);
        this.layers = List.of(
                new Dense(1, l1.nIn(), l1.nOut(), l1.w(), l1.b(), false, fault), // ∂L/∂x of the data: not needed
                new ActivationLayer(spec.activation(), fault),
                new Dense(2, l2.nIn(), l2.nOut(), l2.w(), l2.b(), true, fault));
        this.loss = new SoftmaxCrossEntropy(spec.softmaxClipEps(), fault);
    }

    /** The scores z2 [N, nOut] for inputs x [N, nIn]: the forward pass without softmax. */
    public Matrix scores(Matrix x) {
        Matrix a = x;
        for (Layer layer : layers) a = layer.forward(a);
        return a;
    }

    /** Class probabilities p = softmax(z2), [N, nIn] → [N, nOut]. */
    public Matrix predict(Matrix x) {
        return SoftmaxCrossEntropy.softmax(scores(x));
    }

    /**
     * Forward and backward on one batch: returns the mean loss L and leaves
     * {@code ∂L/∂θ} in every parameter's gradient.
     *
     * @throws UnsupportedOperationException if the activation is step, which backprop cannot train
     */
    public double lossAndGradients(Matrix x, Matrix oneHot) {
        if (!spec.activation().trainableByBackprop())
            throw new UnsupportedOperationException(nnparity.spec.Activation.STEP_CANNOT_TRAIN);
        double l = loss.forward(scores(x), oneHot);
        Matrix d = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) d = layers.get(i).backward(d);
        return l;
    }

    /** W1, b1, W2, b2. */
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
        List<Parameter> ps = parameters();
        for (int k = 0; k < 2; k++) {
            DenseParams d = p.layers().get(k);
            copyInto(d.w(), ps.get(2 * k).value());
            copyInto(d.b(), ps.get(2 * k + 1).value());
        }
    }

    private static void copyInto(double[] src, Matrix dst) {
        if (src.length != dst.data.length)
            throw new IllegalArgumentException(src.length + " values do not fit " + dst.shape());
        System.arraycopy(src, 0, dst.data, 0, src.length);
    }

    private ParamSet canonical(boolean grads) {
        List<Parameter> ps = parameters();
        List<DenseParams> out = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Parameter w = ps.get(2 * k), b = ps.get(2 * k + 1);
            Matrix wm = grads ? w.grad() : w.value(), bm = grads ? b.grad() : b.value();
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
