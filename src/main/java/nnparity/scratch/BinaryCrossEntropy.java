package nnparity.scratch;

import nnparity.spec.Activation;

/**
 * Binary cross-entropy after a sigmoid output, DL4J's {@code LossBinaryXENT}: each of the K
 * outputs is a probability of its own, scored against a label y in [0, 1], summed over the K
 * columns and averaged over the N examples. For a batch z [N, K], with c = clip(ŷ) the output
 * clipped to [eps, 1 − eps] (DL4J's {@code clipEps}, default 1e-5; 0 turns it off):
 *
 * <pre>
 *   ŷ     = σ(z)                                                   [N, K] → [N, K]
 *   L     = −(1/N) Σ_i Σ_k [y log c + (1 − y) log(1 − c)]          → scalar
 *   ∂L/∂ŷ = (c − y) / (c (1 − c))                                  then, in a second step,
 *   ∂L/∂z = σ'(z) ⊙ ∂L/∂ŷ / N                                      [N, K]
 * </pre>
 *
 * DL4J clips in the score <em>and</em> in the gradient (unlike MCXENT, whose clip touches the
 * score only), and it does not fold the two steps into {@code σ(z) − y}: the clipped c of the
 * first step meets the unclipped σ'(z) = σ(z)(1 − σ(z)) of the second. Where the clip is not
 * active the product is σ − y up to rounding; where it is (|z| ≳ 11.5 for eps = 1e-5) the gradient
 * is (c − y) σ(1 − σ) / (c(1 − c)), smaller than σ − y. With {@code miniBatch} off there is no
 * 1/N, in L and in ∂L/∂z. With eps = 0, ŷ = 1 and y = 1 give 0 · log 0 = NaN, as in DL4J.
 */
public final class BinaryCrossEntropy implements OutputLoss {
    private final ActivationLayer sigmoid;
    private final double clipEps;
    private final boolean miniBatch;
    private final Fault fault;
    private Matrix c;
    private Matrix y;

    public BinaryCrossEntropy(double clipEps, boolean miniBatch) {
        this(clipEps, miniBatch, Fault.NONE);
    }

    /** With {@link Fault#DROPPED_1_OVER_N} the 1/N is missing from ∂L/∂z; any fault also reaches σ. */
    BinaryCrossEntropy(double clipEps, boolean miniBatch, Fault fault) {
        if (!(clipEps >= 0 && clipEps < 0.5))
            throw new IllegalArgumentException("clip " + clipEps + " is invalid; it must be in [0, 0.5)");
        this.sigmoid = new ActivationLayer(Activation.SIGMOID, fault);
        this.clipEps = clipEps;
        this.miniBatch = miniBatch;
        this.fault = fault;
    }

    /** The loss of scores {@code z} [N, K] against {@code y} [N, K]: sum over columns, mean over the batch (sum with miniBatch off). */
    @Override
    public double forward(Matrix z, Matrix y) {
        OutputLoss.requireSameShape(z, y);
        Matrix yHat = sigmoid.forward(z);
        double[] cc = new double[yHat.data.length];
        double sum = 0;
        for (int i = 0; i < cc.length; i++) {
            double ci = cc[i] = clip(yHat.data[i]), yi = y.data[i];
            sum += Math.log(ci) * yi + Math.log(1 - ci) * (1 - yi);
        }
        this.c = new Matrix(z.rows, z.cols, cc);
        this.y = y;
        return miniBatch ? -sum / z.rows : -sum;
    }

    /** ∂L/∂z = σ'(z) ⊙ (c − y) / (c (1 − c)) / N, [N, K]. */
    @Override
    public Matrix backward() {
        double[] dYHat = new double[c.data.length];
        for (int i = 0; i < dYHat.length; i++) {
            double ci = c.data[i];
            dYHat[i] = (ci - y.data[i]) / (ci * (1 - ci));
        }
        Matrix dz = sigmoid.backward(new Matrix(c.rows, c.cols, dYHat));
        double n = miniBatch && fault != Fault.DROPPED_1_OVER_N ? dz.rows : 1;
        for (int i = 0; i < dz.data.length; i++) dz.data[i] /= n;
        return dz;
    }

    /** ŷ clipped to [eps, 1 − eps], as DL4J's {@code clipbyvalue}; NaN stays NaN. */
    private double clip(double v) {
        if (clipEps == 0) return v;
        return v > 1 - clipEps ? 1 - clipEps : v < clipEps ? clipEps : v;
    }

    @Override
    public Matrix activate(Matrix z) {
        return sigmoid.map(z);
    }

    /** E.g. {@code BinaryCrossEntropy(sigmoid, clip=1.0E-5)}, with {@code , batch sum} when miniBatch is off. */
    @Override
    public String toString() {
        return "BinaryCrossEntropy(sigmoid, clip=" + clipEps + (miniBatch ? "" : ", batch sum") + ")";
    }
}
