package nnparity.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A multilayer perceptron both sides build: any number (≥ 0) of hidden dense layers (each may
 * drop out its input and be followed by batch normalization), then a dense output layer and its
 * loss, trained by an {@link UpdaterSpec updater} in double precision.
 *
 * <pre>
 *   a0 = x                                      [batch, nIn]
 *   a_k = f_k(a_{k−1} · W_k + b_k)              [batch, n_{k−1}] → [batch, n_k],  k = 1 … L
 *   score = loss(a_L, y) / batch + Σ_k penalty_k     (no / batch when miniBatch is off)
 *   θ ← θ − lr · (∂score/∂θ) − lr · wd · θ       with SGD (see {@link Regularization}); other
 *                                                updaters turn the gradient into the step their way
 * </pre>
 *
 * The tutorial's nets are {@link #quadrant()} and {@link #digits()}: one hidden ReLU layer, a
 * softmax output and cross-entropy.
 *
 * <p>{@code lossClipEps} is the clip DL4J's loss applies before its logarithm: for MCXENT and NLL
 * the score's clip of p (default 1e-10; the gradient {@code p − t} is never clipped), for XENT the
 * clip of the output in both score and gradient (default 1e-5). 0 turns it off; MSE and L1 have none.
 *
 * @param nIn          input features: 2 for a point, 784 for a 28×28 image
 * @param hidden       the hidden layers, input side first (may be empty)
 * @param output       the output layer; its activation must suit the loss ({@link Loss#allows})
 * @param loss         the output layer's loss
 * @param lossClipEps  the loss's clip, in [0, 0.5); must be 0 for a loss without one
 * @param updater      turns each gradient into a step: SGD, Adam, …, with its settings and schedule
 * @param gradNorm     DL4J's gradient normalization of every layer ({@link GradNorm#NONE} for none)
 * @param init         who draws the initial parameters
 * @param seed         seeds the initial parameters (and, for {@link Init#DL4J}, DL4J's RNG)
 * @param miniBatch    DL4J's {@code miniBatch}: divide the summed gradient and score by the batch size
 */
public record NetSpec(int nIn, List<LayerSpec> hidden, LayerSpec output, Loss loss, double lossClipEps,
                      UpdaterSpec updater, GradNorm gradNorm, Init init, long seed, boolean miniBatch) {

    /** DL4J's {@code LossMCXENT.DEFAULT_SOFTMAX_CLIPPING_EPSILON}. */
    public static final double DL4J_SOFTMAX_CLIP_EPS = 1e-10;

    public NetSpec {
        if (nIn < 1) throw new IllegalArgumentException("input size " + nIn + " is invalid; it must be ≥ 1");
        if (hidden == null) throw new IllegalArgumentException("hidden layers are missing; use an empty list for none");
        hidden = List.copyOf(hidden);
        for (int k = 0; k < hidden.size(); k++) {
            if (!hidden.get(k).activation().elementWise())
                throw new IllegalArgumentException("layer " + k + ": activation " + hidden.get(k).activation().id()
                        + " is only for the output layer; valid for hidden layers: " + Activation.validNames());
        }
        if (output == null) throw new IllegalArgumentException("output layer is missing");
        if (loss == null) throw new IllegalArgumentException("loss is missing; valid: " + Loss.validNames());
        if (!loss.allows(output.activation()))
            throw new IllegalArgumentException("loss " + loss.id() + " cannot follow a " + output.activation().id()
                    + " output layer; " + loss.id() + " needs " + loss.allowedActivations());
        if ((loss == Loss.MCXENT || loss == Loss.NEGATIVELOGLIKELIHOOD) && output.nOut() < 2)
            throw new IllegalArgumentException("output size " + output.nOut() + " is invalid; a softmax classifier needs ≥ 2 classes");
        if (!(lossClipEps >= 0 && lossClipEps < 0.5))
            throw new IllegalArgumentException("loss clip " + lossClipEps + " is invalid; it must be in [0, 0.5)");
        if (!loss.clips() && lossClipEps != 0)
            throw new IllegalArgumentException("loss clip " + lossClipEps + " is invalid for " + loss.id() + ", which has no clip; it must be 0");
        if (output.hasBatchNorm())
            throw new IllegalArgumentException("the output layer cannot be followed by batch normalization; put it after hidden layers");
        if (updater == null) throw new IllegalArgumentException("updater is missing; valid: " + Updater.validNames());
        if (gradNorm == null) throw new IllegalArgumentException("gradient normalization is missing; use GradNorm.NONE");
        if (!gradNorm.isNone() && hidden.stream().anyMatch(LayerSpec::hasBatchNorm))
            throw new IllegalArgumentException("gradient normalization " + gradNorm + " with batch normalization is not supported: DL4J normalizes"
                    + " each batch-norm layer's gradient view, which also holds its running statistics' updates, so it would rescale those"
                    + " too; use one or the other");
        if (init == null) throw new IllegalArgumentException("init is missing; valid: " + Init.validNames());
    }

    /**
     * The same net trained by plain SGD at {@code learningRate}, without gradient normalization.
     *
     * @throws IllegalArgumentException if the learning rate is not a finite number &gt; 0
     */
    public NetSpec(int nIn, List<LayerSpec> hidden, LayerSpec output, Loss loss, double lossClipEps,
                   double learningRate, Init init, long seed, boolean miniBatch) {
        this(nIn, hidden, output, loss, lossClipEps, UpdaterSpec.sgd(learningRate), GradNorm.NONE, init, seed, miniBatch);
    }

    /** The tutorial's quadrant net: 2 → 50 (ReLU) → 4, SGD(lr=0.1), 0.01·N(0,1) init, seed 42. */
    public static NetSpec quadrant() {
        return tutorial(2, 50, 4);
    }

    /** The book's digits net: 784 → 50 (ReLU) → 10, SGD(lr=0.1), 0.01·N(0,1) init, seed 42. */
    public static NetSpec digits() {
        return tutorial(784, 50, 10);
    }

    /** The tutorial's recipe at other sizes: one hidden ReLU layer, softmax + cross-entropy, SGD(lr=0.1). */
    public static NetSpec tutorial(int nIn, int nHidden, int nOut) {
        return new NetSpec(nIn, List.of(new LayerSpec(nHidden, Activation.RELU)), new LayerSpec(nOut, Activation.SOFTMAX),
                Loss.MCXENT, DL4J_SOFTMAX_CLIP_EPS, 0.1, Init.NORMAL, 42, true);
    }

    /** The updater's fixed learning rate; NaN for one without (AdaDelta, NoOp). */
    public double learningRate() {
        return updater.learningRate();
    }

    /** True when any layer drops out its input. */
    public boolean hasDropout() {
        return layers().stream().anyMatch(LayerSpec::hasDropout);
    }

    /** True when any hidden layer is followed by batch normalization. */
    public boolean hasBatchNorm() {
        return hidden.stream().anyMatch(LayerSpec::hasBatchNorm);
    }

    /** The output size: classes for a classifier. */
    public int nOut() {
        return output.nOut();
    }

    /** Every dense layer in order, the hidden ones then the output layer. */
    public List<LayerSpec> layers() {
        List<LayerSpec> all = new ArrayList<>(hidden);
        all.add(output);
        return List.copyOf(all);
    }

    /** How many dense layers (hidden + output). */
    public int depth() {
        return hidden.size() + 1;
    }

    /** The input size of layer {@code k} (0-based over {@link #layers()}). */
    public int nIn(int k) {
        return k == 0 ? nIn : layers().get(k - 1).nOut();
    }

    /** True when every hidden layer can be trained by backprop (none is step). */
    public boolean trainableByBackprop() {
        return hidden.stream().allMatch(l -> l.activation().trainableByBackprop());
    }

    /** True when any layer has a penalty. */
    public boolean regularized() {
        return layers().stream().anyMatch(l -> !l.regularization().isNone());
    }

    /** The same net with other hidden layers and input/output sizes. */
    public NetSpec withSizes(int nIn, List<Integer> hiddenSizes, int nOut) {
        List<LayerSpec> h = new ArrayList<>();
        Activation a = hidden.isEmpty() ? Activation.RELU : hidden.get(hidden.size() - 1).activation();
        for (int k = 0; k < hiddenSizes.size(); k++) {
            LayerSpec like = k < hidden.size() ? hidden.get(k) : new LayerSpec(1, a, hidden.isEmpty() ? Regularization.NONE : hidden.get(0).regularization());
            h.add(like.withNOut(hiddenSizes.get(k)));
        }
        return new NetSpec(nIn, h, output.withNOut(nOut), loss, lossClipEps, updater, gradNorm, init, seed, miniBatch);
    }

    /** The same net with one hidden layer of {@code nHidden} units (the first hidden layer's settings). */
    public NetSpec withSizes(int nIn, int nHidden, int nOut) {
        return withSizes(nIn, List.of(nHidden), nOut);
    }

    /** The same net with {@code a} in every hidden layer. */
    public NetSpec withActivation(Activation a) {
        return withHidden(hidden.stream().map(l -> l.withActivation(a)).toList());
    }

    public NetSpec withHidden(List<LayerSpec> h) {
        return new NetSpec(nIn, h, output, loss, lossClipEps, updater, gradNorm, init, seed, miniBatch);
    }

    /** Another loss, its default output activation and its default clip. */
    public NetSpec withLoss(Loss l) {
        return new NetSpec(nIn, hidden, output.withActivation(l.defaultActivation()), l, l.defaultClipEps(), updater, gradNorm, init, seed, miniBatch);
    }

    public NetSpec withOutput(LayerSpec o) {
        return new NetSpec(nIn, hidden, o, loss, lossClipEps, updater, gradNorm, init, seed, miniBatch);
    }

    /** The same {@code r} on every layer, output included (DL4J's network-wide l1/l2/weightDecay). */
    public NetSpec withRegularization(Regularization r) {
        return new NetSpec(nIn, hidden.stream().map(l -> l.withRegularization(r)).toList(), output.withRegularization(r),
                loss, lossClipEps, updater, gradNorm, init, seed, miniBatch);
    }

    /**
     * The same net with its updater's learning rate set to {@code lr}.
     *
     * @throws IllegalArgumentException if the updater has no learning rate (AdaDelta, NoOp)
     */
    public NetSpec withLearningRate(double lr) {
        return withUpdater(updater.with(UpdaterSetting.LEARNING_RATE, lr));
    }

    public NetSpec withUpdater(UpdaterSpec u) {
        return new NetSpec(nIn, hidden, output, loss, lossClipEps, u, gradNorm, init, seed, miniBatch);
    }

    public NetSpec withGradNorm(GradNorm g) {
        return new NetSpec(nIn, hidden, output, loss, lossClipEps, updater, g, init, seed, miniBatch);
    }

    /** Dropout with retain probability {@code p} on the input of every layer after the first (the book's place: after each hidden layer). */
    public NetSpec withKeepProb(double p) {
        return new NetSpec(nIn, hidden.isEmpty() ? hidden : withKeepProbAfterFirst(p), hidden.isEmpty() ? output : output.withKeepProb(p),
                loss, lossClipEps, updater, gradNorm, init, seed, miniBatch);
    }

    private List<LayerSpec> withKeepProbAfterFirst(double p) {
        List<LayerSpec> h = new ArrayList<>(hidden);
        for (int k = 1; k < h.size(); k++) h.set(k, h.get(k).withKeepProb(p));
        return h;
    }

    /** Batch normalization {@code b} after every hidden layer. */
    public NetSpec withBatchNorm(BatchNormSpec b) {
        return withHidden(hidden.stream().map(l -> l.withBatchNorm(b)).toList());
    }

    public NetSpec withInit(Init i) {
        return new NetSpec(nIn, hidden, output, loss, lossClipEps, updater, gradNorm, i, seed, miniBatch);
    }

    public NetSpec withSeed(long s) {
        return new NetSpec(nIn, hidden, output, loss, lossClipEps, updater, gradNorm, init, s, miniBatch);
    }

    public NetSpec withLossClipEps(double eps) {
        return new NetSpec(nIn, hidden, output, loss, eps, updater, gradNorm, init, seed, miniBatch);
    }

    public NetSpec withMiniBatch(boolean m) {
        return new NetSpec(nIn, hidden, output, loss, lossClipEps, updater, gradNorm, init, seed, m);
    }

    /**
     * One line, e.g. {@code 2→50→4 relu, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init normal, seed 42, double}
     * or {@code 784→100→50→10 relu,tanh, softmax+NLL(clip 1.0E-10), SGD(lr=0.1), l2=1.0E-4, init xavier, seed 7, double}.
     * Hidden activations are listed once when all agree; penalties once when every layer has the same.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(nIn);
        for (LayerSpec l : layers()) s.append('→').append(l.nOut());
        List<String> acts = hidden.stream().map(l -> l.activation().id()).distinct().toList();
        if (!hidden.isEmpty())
            s.append(' ').append(acts.size() == 1 ? acts.get(0) : hidden.stream().map(l -> l.activation().id()).collect(Collectors.joining(",")));
        s.append(", ").append(output.activation().id()).append('+').append(loss.shortName());
        if (loss.clips()) s.append("(clip ").append(lossClipEps == 0 ? "off" : String.valueOf(lossClipEps)).append(')');
        s.append(", ").append(updater);
        if (!gradNorm.isNone()) s.append(", ").append(gradNorm);
        if (hasDropout())
            s.append(", keep prob ").append(layers().stream().map(l -> brief(l.keepProb())).collect(Collectors.joining(",")));
        List<BatchNormSpec> norms = hidden.stream().map(LayerSpec::batchNorm).distinct().toList();
        if (hasBatchNorm())
            s.append(", ").append(norms.size() == 1 ? norms.get(0) + " after each hidden layer"
                    : "batch norm per hidden layer [" + norms.stream().map(Object::toString).collect(Collectors.joining("; ")) + "]");
        List<Regularization> regs = layers().stream().map(LayerSpec::regularization).distinct().toList();
        if (regs.size() == 1 && !regs.get(0).isNone()) s.append(", ").append(regs.get(0));
        else if (regs.size() > 1)
            s.append(", regularization per layer [").append(layers().stream().map(l -> l.regularization().toString()).collect(Collectors.joining("; "))).append(']');
        if (!miniBatch) s.append(", miniBatch off");
        s.append(String.format(Locale.ROOT, ", init %s, seed %d, double", init.id(), seed));
        return s.toString();
    }

    private static String brief(double v) {
        return v == 1 ? "1" : String.valueOf(v);
    }
}
