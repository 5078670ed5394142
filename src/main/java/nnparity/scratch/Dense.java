package nnparity.scratch;

import java.util.List;

/**
 * The affine layer, the tutorial's {@code H = X·W1 + b1}.
 *
 * <pre>
 *   forward:   y = x · W + b              [batch, nIn] → [batch, nOut]
 *   backward:  ∂L/∂W = xᵀ · dy            [nIn, nOut]
 *              ∂L/∂b = Σ_rows dy          [1, nOut]   (b was added to every row)
 *              ∂L/∂x = dy · Wᵀ            [batch, nIn]
 * </pre>
 */
public final class Dense implements Layer {
    private final Parameter w;
    private final Parameter b;
    private Matrix x;

    /** A layer with W [nIn, nOut] and b [1, nOut] copied from the canonical arrays. */
    public Dense(int index, int nIn, int nOut, double[] weights, double[] bias) {
        this.w = new Parameter("W" + index, new Matrix(nIn, nOut, weights.clone()), Matrix.zeros(nIn, nOut));
        this.b = new Parameter("b" + index, new Matrix(1, nOut, bias.clone()), Matrix.zeros(1, nOut));
    }

    @Override
    public Matrix forward(Matrix x) {
        this.x = x;
        return x.times(w.value()).addRowInPlace(b.value().data);
    }

    @Override
    public Matrix backward(Matrix dy) {
        Matrix dw = x.transposeTimes(dy);
        System.arraycopy(dw.data, 0, w.grad().data, 0, dw.data.length);
        System.arraycopy(dy.columnSums(), 0, b.grad().data, 0, b.grad().data.length);
        return dy.timesTranspose(w.value());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b);
    }

    public Parameter weights() {
        return w;
    }

    public Parameter bias() {
        return b;
    }

    @Override
    public String toString() {
        return "Dense(" + w.value().rows + "→" + w.value().cols + ")";
    }
}
