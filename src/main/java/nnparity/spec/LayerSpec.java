package nnparity.spec;

/**
 * One dense layer, {@code a = f(x · W + b)}, [batch, nIn] → [batch, nOut]; its nIn is the size of
 * the layer before it (or the net's input).
 *
 * <p>Dropout takes DL4J's meaning: {@code keepProb} is the probability of <em>keeping</em> each
 * unit of this layer's <em>input</em> (DL4J's {@code dropOut(keepProb)}), the kept ones scaled by
 * 1/keepProb at training time, none dropped at inference.
 *
 * @param nOut           units, ≥ 1
 * @param activation     f
 * @param regularization its penalties ({@link Regularization#NONE} for none)
 * @param keepProb       the retain probability of each input unit, in (0, 1]; 1 for no dropout
 * @param batchNorm      a batch-normalization layer after this layer's activation, or
 *                       {@link BatchNormSpec#NONE}; hidden layers only ({@link NetSpec} checks)
 */
public record LayerSpec(int nOut, Activation activation, Regularization regularization, double keepProb, BatchNormSpec batchNorm) {

    public LayerSpec {
        if (nOut < 1) throw new IllegalArgumentException("layer size " + nOut + " is invalid; it must be ≥ 1");
        if (activation == null) throw new IllegalArgumentException("activation is missing; valid: " + Activation.validNames());
        if (regularization == null) throw new IllegalArgumentException("regularization is missing; use Regularization.NONE");
        if (!(keepProb > 0 && keepProb <= 1))
            throw new IllegalArgumentException("keep probability " + keepProb + " is invalid; it must be in (0, 1], the chance a unit is kept (1 = no dropout)");
        if (batchNorm == null) throw new IllegalArgumentException("batch norm is missing; use BatchNormSpec.NONE");
    }

    public LayerSpec(int nOut, Activation activation, Regularization regularization) {
        this(nOut, activation, regularization, 1.0, BatchNormSpec.NONE);
    }

    public LayerSpec(int nOut, Activation activation) {
        this(nOut, activation, Regularization.NONE);
    }

    public boolean hasDropout() {
        return keepProb < 1;
    }

    public boolean hasBatchNorm() {
        return !batchNorm.isNone();
    }

    public LayerSpec withNOut(int n) {
        return new LayerSpec(n, activation, regularization, keepProb, batchNorm);
    }

    public LayerSpec withActivation(Activation a) {
        return new LayerSpec(nOut, a, regularization, keepProb, batchNorm);
    }

    public LayerSpec withRegularization(Regularization r) {
        return new LayerSpec(nOut, activation, r, keepProb, batchNorm);
    }

    public LayerSpec withKeepProb(double p) {
        return new LayerSpec(nOut, activation, regularization, p, batchNorm);
    }

    public LayerSpec withBatchNorm(BatchNormSpec b) {
        return new LayerSpec(nOut, activation, regularization, keepProb, b);
    }
}
