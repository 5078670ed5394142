package nnparity.scratch;

import nnparity.spec.Loss;

/**
 * Softmax turns the last layer's scores into probabilities; cross-entropy scores them against
 * the one-hot labels t: DL4J's {@code LossMCXENT} and {@code LossNegativeLogLikelihood}, which
 * extends it and computes the same numbers. For a batch of N rows and K classes:
 *
 * <pre>
 *   p_ik = e^(z_ik - m_i) / Σ_j e^(z_ij - m_i),   m_i = max_j z_ij     [N, K] → [N, K]
 *   L    = -(1/N) Σ_i Σ_k t_ik · log clip(p_ik)                       → scalar
 *   ∂L/∂z = (p - t) / N                                                [N, K]
 * </pre>
 *
 * Summed over the K columns, averaged over the N rows; with {@code miniBatch} off, summed over the
 * rows too (no 1/N, in L and in ∂L/∂z).
 *
 * <p>Subtracting the row maximum m_i changes nothing mathematically but keeps {@code e^x} from
 * overflowing: the largest exponent is e^0 = 1. {@code clip(p) = min(max(p, eps), 1 - eps)}
 * (DL4J's {@code softmaxClipEps}, default 1e-10) keeps {@code log} away from 0; it touches only
 * the reported loss, never the gradient, exactly as DL4J's {@code LossMCXENT} score does. With
 * eps = 0 a probability that underflows to 0 gives an infinite loss. A NaN score (e.g. from an
 * infinite logit) propagates to L, which is how divergence shows.
 */
public final class SoftmaxCrossEntropy implements OutputLoss {
    private final Loss kind;
    private final double clipEps;
    private final boolean miniBatch;
    private final Fault fault;
    private Matrix p;
    private Matrix t;

    /** MCXENT with {@code miniBatch} on: the tutorial's loss. */
    public SoftmaxCrossEntropy(double clipEps) {
        this(Loss.MCXENT, clipEps, true);
    }

    /** {@code kind} is {@link Loss#MCXENT} or {@link Loss#NEGATIVELOGLIKELIHOOD}, which differ only in name. */
    public SoftmaxCrossEntropy(Loss kind, double clipEps, boolean miniBatch) {
        this(kind, clipEps, miniBatch, Fault.NONE);
    }

    /** With {@link Fault#DROPPED_1_OVER_N}, {@link #backward} returns p − t: the seam for {@link Network#withFault}. */
    SoftmaxCrossEntropy(Loss kind, double clipEps, boolean miniBatch, Fault fault) {
        if (kind != Loss.MCXENT && kind != Loss.NEGATIVELOGLIKELIHOOD)
            throw new IllegalArgumentException("loss " + kind.id() + " is not softmax cross-entropy; valid: mcxent | nll");
        if (!(clipEps >= 0 && clipEps < 0.5))
            throw new IllegalArgumentException("clip " + clipEps + " is invalid; it must be in [0, 0.5)");
        this.kind = kind;
        this.clipEps = clipEps;
        this.miniBatch = miniBatch;
        this.fault = fault;
    }

    /** Row-wise softmax of {@code z}: [N, K] → [N, K], each row summing to 1. */
    public static Matrix softmax(Matrix z) {
        Matrix p = z.copy();
        for (int i = 0; i < z.rows; i++) {
            int o = i * z.cols;
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.cols; k++) m = Math.max(m, p.data[o + k]);
            double sum = 0;
            for (int k = 0; k < z.cols; k++) sum += (p.data[o + k] = Math.exp(p.data[o + k] - m));
            for (int k = 0; k < z.cols; k++) p.data[o + k] /= sum;
        }
        return p;
    }

    /** The loss of scores {@code z} [N, K] against one-hot {@code t} [N, K]: the batch mean, or sum with miniBatch off. */
    @Override
    public double forward(Matrix z, Matrix t) {
        OutputLoss.requireSameShape(z, t);
        this.p = softmax(z);
        this.t = t;
        double sum = 0;
        for (int i = 0; i < p.data.length; i++) {
            if (t.data[i] != 0) sum += t.data[i] * Math.log(clip(p.data[i]));
        }
        return miniBatch ? -sum / z.rows : -sum;
    }

    /** ∂L/∂z = (p - t) / N, [N, K] (p − t with miniBatch off). */
    @Override
    public Matrix backward() {
        double[] dz = new double[p.data.length];
        double n = fault == Fault.DROPPED_1_OVER_N || !miniBatch ? 1 : p.rows;
        for (int i = 0; i < dz.length; i++) dz[i] = (p.data[i] - t.data[i]) / n;
        return new Matrix(p.rows, p.cols, dz);
    }

    @Override
    public Matrix activate(Matrix z) {
        return softmax(z);
    }

    private double clip(double v) {
        return clipEps == 0 ? v : Math.min(Math.max(v, clipEps), 1 - clipEps);
    }

    /** E.g. {@code SoftmaxCrossEntropy(clip=1.0E-10)}, {@code SoftmaxCrossEntropy(NLL, clip=1.0E-10, batch sum)}. */
    @Override
    public String toString() {
        return "SoftmaxCrossEntropy(" + (kind == Loss.NEGATIVELOGLIKELIHOOD ? "NLL, " : "") + "clip=" + clipEps + (miniBatch ? "" : ", batch sum") + ")";
    }
}
