package nnparity.scratch;

/**
 * Inverted dropout on the input of dense layer {@code layer}, as DL4J 1.0.0-M2.1 does it for
 * {@code dropOut(p)} (its {@code org.deeplearning4j.nn.conf.dropout.Dropout}), with p the
 * probability of <b>keeping</b> a unit:
 *
 * <pre>
 *   training   y = x ⊙ m / p             m ∈ {0, 1}, P(m = 1) = p      [batch, n] → [batch, n]
 *              ∂L/∂x = ∂L/∂y ⊙ m / p     (the same mask, the same 1/p)
 *   inference  y = x                     (predict, feedForward, scores: dropout is off)
 * </pre>
 *
 * The 1/p keeps the expected value of each unit: E[x·m/p] = x·p/p = x, so nothing needs to change
 * at inference. The mask m is not drawn here: it comes from a {@link MaskSource}, keyed by the layer
 * and the training iteration, so the harness can give DL4J the very same one.
 *
 * <h2>The book's Dropout (Deep Learning from Scratch, ch. 6) is not inverted</h2>
 * <pre>
 *   train   mask = rand(x.shape) &gt; dropout_ratio;  y = x * mask          (no scaling)
 *   test    y = x * (1 − dropout_ratio)                                 (scaled at test time)
 *   back    dx = dout * mask
 * </pre>
 * There {@code dropout_ratio} is the probability of <i>dropping</i> (DL4J's p = 1 − dropout_ratio),
 * the kept units are not scaled during training, and inference scales every unit by the keep
 * probability instead. Both give the next layer the same expected input, but the trained weights
 * differ by the factor p: the book's net trains on activations p times as large as DL4J's, so its
 * loss, gradients and weights are not DL4J's, and a weight trained one way is off by p used the
 * other way. This class follows DL4J.
 *
 * <p>DL4J applies the dropout of a layer to that layer's <i>input</i> ({@code
 * AbstractLayer.applyDropOutIfNecessary}), i.e. before the affine product, so {@code dropOut(0.8)}
 * on the second dense layer drops units of a1, the first hidden layer's activations. On the first
 * layer it drops input features, the raw data. With {@code inputGradient = false} (below the first
 * dense layer nobody needs ∂L/∂x) {@link #backward} passes {@code null} through.
 *
 * <p>{@link Fault#DROPOUT_SCALED_BY_P} multiplies by p instead of dividing, forward and backward
 * alike: a consistent change of loss and gradient, which a numerical check of this net cannot see,
 * but the comparison with DL4J can.
 */
public final class Dropout implements Layer {
    private final int layer;
    private final double p;
    private final MaskSource masks;
    private final Fault fault;
    private int iteration;
    /** m / p of the last training forward pass, for backward; null after an inference pass. */
    private double[] scaledMask;

    /**
     * @param layer    the dense layer (1-based) whose input this drops
     * @param keepProb p, the probability of keeping a unit, in (0, 1]
     * @param masks    where the masks come from
     * @throws IllegalArgumentException if p is not in (0, 1]
     */
    public Dropout(int layer, double keepProb, MaskSource masks) {
        this(layer, keepProb, masks, Fault.NONE);
    }

    Dropout(int layer, double keepProb, MaskSource masks, Fault fault) {
        if (!(keepProb > 0 && keepProb <= 1))
            throw new IllegalArgumentException("keep probability " + keepProb + " is invalid; it must be in (0, 1] (1 = no dropout)");
        if (masks == null) throw new IllegalArgumentException("dropout needs a mask source");
        this.layer = layer;
        this.p = keepProb;
        this.masks = masks;
        this.fault = fault;
    }

    /** Chooses the masks of the next {@link #forward}: DL4J's iteration count, the number of updates done so far. */
    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    /** The training forward pass: {@code y = x ⊙ m / p} with the mask of this layer at the current iteration. */
    @Override
    public Matrix forward(Matrix x) {
        double[] m = masks.keep(layer, iteration, x.rows, x.cols);
        if (m.length != x.data.length)
            throw new IllegalStateException("mask of " + m.length + " values for an input " + x.shape() + " of layer " + layer);
        double scale = fault == Fault.DROPOUT_SCALED_BY_P ? p : 1 / p;
        scaledMask = new double[m.length];
        double[] y = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0 && m[i] != 1)
                throw new IllegalStateException("mask value " + m[i] + " at " + i + " of layer " + layer + "; a mask holds only 0 and 1");
            scaledMask[i] = m[i] * scale;
            y[i] = x.data[i] * scaledMask[i];
        }
        return new Matrix(x.rows, x.cols, y);
    }

    /** The inference forward pass: dropout is off, {@code y = x} (the same matrix). */
    public Matrix infer(Matrix x) {
        return x;
    }

    /** {@code ∂L/∂x = ∂L/∂y ⊙ m / p} with the mask of the last {@link #forward}; {@code null} passes through. */
    @Override
    public Matrix backward(Matrix dy) {
        if (dy == null) return null;
        if (scaledMask == null) throw new IllegalStateException("dropout backward without a training forward pass");
        double[] dx = new double[dy.data.length];
        for (int i = 0; i < dx.length; i++) dx[i] = dy.data[i] * scaledMask[i];
        return new Matrix(dy.rows, dy.cols, dx);
    }

    public double keepProb() {
        return p;
    }

    /** E.g. {@code Dropout(keep=0.8)}. */
    @Override
    public String toString() {
        return "Dropout(keep=" + p + ")";
    }
}
