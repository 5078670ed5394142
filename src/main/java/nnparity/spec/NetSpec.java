package nnparity.spec;

import java.util.Locale;

/**
 * The two-layer classifier both sides build:
 *
 * <pre>
 *   h = act(x · W1 + b1)        [batch, nIn]    → [batch, nHidden]
 *   z = h · W2 + b2             [batch, nHidden] → [batch, nOut]
 *   p = softmax(z)              row-wise, p_k = e^(z_k - max z) / Σ_j e^(z_j - max z)
 *   L = -(1/batch) Σ_i log clip(p_i,y_i)
 * </pre>
 *
 * trained by plain SGD, {@code θ ← θ - learningRate · ∂L/∂θ}, in double precision.
 *
 * <p>{@code softmaxClipEps} is the clip DL4J's {@code LossMCXENT} applies to p before the log in
 * its <em>score</em> (default 1e-10; the gradient {@code p - t} is never clipped). Both sides
 * report the loss with the same clip so the reported losses share one definition; 0 turns it off.
 *
 * @param nIn            input features: 2 for a point, 784 for a 28×28 image
 * @param nHidden        hidden units, ≥ 1
 * @param nOut           classes, ≥ 2
 * @param activation     the hidden nonlinearity
 * @param learningRate   SGD step size, finite and &gt; 0
 * @param init           who draws the initial parameters
 * @param seed           seeds the initial parameters (and, for {@link Init#DL4J}, DL4J's RNG)
 * @param softmaxClipEps clip for p in the reported loss, in [0, 0.5)
 */
public record NetSpec(int nIn, int nHidden, int nOut, Activation activation, double learningRate,
                      Init init, long seed, double softmaxClipEps) {

    /** DL4J's {@code LossMCXENT.DEFAULT_SOFTMAX_CLIPPING_EPSILON}. */
    public static final double DL4J_SOFTMAX_CLIP_EPS = 1e-10;

    public NetSpec {
        if (nIn < 1) throw new IllegalArgumentException("input size " + nIn + " is invalid; it must be ≥ 1");
        if (nHidden < 1) throw new IllegalArgumentException("hidden size " + nHidden + " is invalid; it must be ≥ 1");
        if (nOut < 2) throw new IllegalArgumentException("output size " + nOut + " is invalid; a classifier needs ≥ 2 classes");
        if (activation == null) throw new IllegalArgumentException("activation is missing; valid: " + Activation.validNames());
        if (!(learningRate > 0) || Double.isInfinite(learningRate))
            throw new IllegalArgumentException("learning rate " + learningRate + " is invalid; it must be a finite number > 0");
        if (init == null) throw new IllegalArgumentException("init is missing");
        if (!(softmaxClipEps >= 0 && softmaxClipEps < 0.5))
            throw new IllegalArgumentException("softmax clip " + softmaxClipEps + " is invalid; it must be in [0, 0.5)");
    }

    /** The tutorial's quadrant net: 2 → 50 (ReLU) → 4, SGD(lr=0.1), 0.01·N(0,1) init, seed 42. */
    public static NetSpec quadrant() {
        return new NetSpec(2, 50, 4, Activation.RELU, 0.1, Init.NORMAL, 42, DL4J_SOFTMAX_CLIP_EPS);
    }

    /** The book's digits net: 784 → 50 (ReLU) → 10, SGD(lr=0.1), 0.01·N(0,1) init, seed 42. */
    public static NetSpec digits() {
        return new NetSpec(784, 50, 10, Activation.RELU, 0.1, Init.NORMAL, 42, DL4J_SOFTMAX_CLIP_EPS);
    }

    public NetSpec withSizes(int nIn, int nHidden, int nOut) {
        return new NetSpec(nIn, nHidden, nOut, activation, learningRate, init, seed, softmaxClipEps);
    }

    public NetSpec withActivation(Activation a) {
        return new NetSpec(nIn, nHidden, nOut, a, learningRate, init, seed, softmaxClipEps);
    }

    public NetSpec withLearningRate(double lr) {
        return new NetSpec(nIn, nHidden, nOut, activation, lr, init, seed, softmaxClipEps);
    }

    public NetSpec withInit(Init i) {
        return new NetSpec(nIn, nHidden, nOut, activation, learningRate, i, seed, softmaxClipEps);
    }

    public NetSpec withSeed(long s) {
        return new NetSpec(nIn, nHidden, nOut, activation, learningRate, init, s, softmaxClipEps);
    }

    public NetSpec withSoftmaxClipEps(double eps) {
        return new NetSpec(nIn, nHidden, nOut, activation, learningRate, init, seed, eps);
    }

    /** E.g. {@code 2→50→4 relu, softmax+CE(clip 1e-10), SGD(lr=0.1), init normal, seed 42, double}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d→%d→%d %s, softmax+CE(clip %s), SGD(lr=%s), init %s, seed %d, double",
                nIn, nHidden, nOut, activation.id(), softmaxClipEps == 0 ? "off" : String.valueOf(softmaxClipEps),
                learningRate, init.id(), seed);
    }
}
