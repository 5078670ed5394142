package nnparity.spec;

/**
 * One dense layer, {@code a = f(x · W + b)}, [batch, nIn] → [batch, nOut]; its nIn is the size of
 * the layer before it (or the net's input).
 *
 * @param nOut           units, ≥ 1
 * @param activation     f
 * @param regularization its penalties ({@link Regularization#NONE} for none)
 */
public record LayerSpec(int nOut, Activation activation, Regularization regularization) {

    public LayerSpec {
        if (nOut < 1) throw new IllegalArgumentException("layer size " + nOut + " is invalid; it must be ≥ 1");
        if (activation == null) throw new IllegalArgumentException("activation is missing; valid: " + Activation.validNames());
        if (regularization == null) throw new IllegalArgumentException("regularization is missing; use Regularization.NONE");
    }

    public LayerSpec(int nOut, Activation activation) {
        this(nOut, activation, Regularization.NONE);
    }

    public LayerSpec withNOut(int n) {
        return new LayerSpec(n, activation, regularization);
    }

    public LayerSpec withActivation(Activation a) {
        return new LayerSpec(nOut, a, regularization);
    }

    public LayerSpec withRegularization(Regularization r) {
        return new LayerSpec(nOut, activation, r);
    }
}
