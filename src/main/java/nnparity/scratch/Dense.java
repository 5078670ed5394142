package nnparity.scratch;

import java.util.Arrays;
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
 *
 * The first layer's input is the data, whose gradient nobody needs: built with
 * {@code inputGradient = false}, it skips {@code dy · Wᵀ}, a third of its backward work, and its
 * {@code backward} returns {@code null}.
 */
public final class Dense implements Layer {
    private final Parameter w;
    private final Parameter b;
    private final boolean inputGradient;
    private final Fault fault;
    private Matrix x;

    /** A layer with W [nIn, nOut] and b [1, nOut] copied from the canonical arrays. */
    public Dense(int index, int nIn, int nOut, double[] weights, double[] bias) {
        this(index, nIn, nOut, weights, bias, true);
    }

    /** As above; {@code inputGradient = false} for a first layer, whose backward need not return ∂L/∂x. */
    public Dense(int index, int nIn, int nOut, double[] weights, double[] bias, boolean inputGradient) {
        this(index, nIn, nOut, weights, bias, inputGradient, Fault.NONE);
    }

    /**
     * As above, with a known bug in {@link #backward}: the seam for {@link Network#withFault}.
     * {@link Fault#TRANSPOSED_WEIGHT_GRADIENT} writes dyᵀ · x [nOut, nIn] row-major into ∂L/∂W's
     * [nIn, nOut] buffer; {@link Fault#MISSING_BIAS_GRADIENT} leaves ∂L/∂b at 0.
     */
    Dense(int index, int nIn, int nOut, double[] weights, double[] bias, boolean inputGradient, Fault fault) {
        this(index, nIn, nOut, weights, bias, inputGradient, fault, Penalty.NONE, Penalty.NONE);
    }

    /** As above, with W's and b's regularization, which {@link Sgd} reads off the {@link Parameter}s. */
    Dense(int index, int nIn, int nOut, double[] weights, double[] bias, boolean inputGradient, Fault fault,
          Penalty weightPenalty, Penalty biasPenalty) {
        this.fault = fault;
        this.w = new Parameter("W" + index, new Matrix(nIn, nOut, weights.clone()), Matrix.zeros(nIn, nOut), weightPenalty);
        this.b = new Parameter("b" + index, new Matrix(1, nOut, bias.clone()), Matrix.zeros(1, nOut), biasPenalty);
        this.inputGradient = inputGradient;
    }

    @Override
    public Matrix forward(Matrix x) {
        this.x = x;
        return x.times(w.value()).addRowInPlace(b.value().data);
    }

    @Override
    public Matrix backward(Matrix dy) {
        x.transposeTimesInto(dy, w.grad());                                            // ∂L/∂W = xᵀ · dy
        System.arraycopy(dy.columnSums(), 0, b.grad().data, 0, b.grad().data.length);  // ∂L/∂b = Σ_rows dy
        if (fault == Fault.TRANSPOSED_WEIGHT_GRADIENT) System.arraycopy(dy.transposeTimes(x).data, 0, w.grad().data, 0, w.grad().data.length);
        if (fault == Fault.MISSING_BIAS_GRADIENT) Arrays.fill(b.grad().data, 0);
        return inputGradient ? dy.timesTranspose(w.value()) : null;                    // ∂L/∂x = dy · Wᵀ
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
