package nnparity.scratch;

import nnparity.spec.Activation;

/**
 * Mean squared error after any element-wise output activation f, DL4J's {@code LossMSE}: the
 * squares are averaged over the K output columns, then over the N examples. For a batch z [N, K]:
 *
 * <pre>
 *   ŷ     = f(z)                                            [N, K] → [N, K]
 *   L     = (1/N) Σ_i (1/K) Σ_k (ŷ_ik − y_ik)²              → scalar
 *   ∂L/∂ŷ = 2 (ŷ − y) / (K N)
 *   ∂L/∂z = f'(z) ⊙ 2 (ŷ − y) / K / N                       [N, K]
 * </pre>
 *
 * With {@code miniBatch} off there is no 1/N, in L and in ∂L/∂z; the 1/K is always there (DL4J's
 * MSE is its L2 loss, Σ_k (ŷ_k − y_k)², divided by the number of columns, in score and gradient).
 * No clip. The derivative is taken in DL4J's order: {@code 2 (ŷ − y)} through f'(z), then
 * {@code / K}, then {@code / N}. f and f' are {@link ActivationLayer}'s, so every
 * activation's kinks are DL4J's.
 */
public final class MeanSquaredError implements OutputLoss {
    private final ActivationLayer f;
    private final boolean miniBatch;
    private final Fault fault;
    private Matrix yHat;
    private Matrix y;

    public MeanSquaredError(Activation f, boolean miniBatch) {
        this(f, miniBatch, Fault.NONE);
    }

    /**
     * With {@link Fault#MSE_NOT_COLUMN_AVERAGED} the 1/K is missing from L and ∂L/∂z, with
     * {@link Fault#DROPPED_1_OVER_N} the 1/N from ∂L/∂z; any fault also reaches f (see
     * {@link ActivationLayer}): the seams for {@link Network#withFault}.
     */
    MeanSquaredError(Activation f, boolean miniBatch, Fault fault) {
        this.f = new ActivationLayer(f, fault);
        this.miniBatch = miniBatch;
        this.fault = fault;
    }

    /** The loss of scores {@code z} [N, K] against {@code y} [N, K]: mean over columns, then over the batch (sum with miniBatch off). */
    @Override
    public double forward(Matrix z, Matrix y) {
        OutputLoss.requireSameShape(z, y);
        this.yHat = f.forward(z);
        this.y = y;
        double sum = 0;
        for (int i = 0; i < yHat.data.length; i++) {
            double d = yHat.data[i] - y.data[i];
            sum += d * d;
        }
        return sum / columns(z) / examples(z);
    }

    /** ∂L/∂z = f'(z) ⊙ 2 (ŷ − y) / K / N, [N, K]. */
    @Override
    public Matrix backward() {
        double[] dYHat = new double[yHat.data.length];
        for (int i = 0; i < dYHat.length; i++) dYHat[i] = (yHat.data[i] - y.data[i]) * 2;
        Matrix dz = f.backward(new Matrix(yHat.rows, yHat.cols, dYHat));
        double k = columns(dz), n = fault == Fault.DROPPED_1_OVER_N ? 1 : examples(dz);
        for (int i = 0; i < dz.data.length; i++) dz.data[i] = dz.data[i] / k / n;
        return dz;
    }

    private double columns(Matrix m) {
        return fault == Fault.MSE_NOT_COLUMN_AVERAGED ? 1 : m.cols;
    }

    private double examples(Matrix m) {
        return miniBatch ? m.rows : 1;
    }

    @Override
    public Matrix activate(Matrix z) {
        return f.map(z);
    }

    /** E.g. {@code MeanSquaredError(identity)}, {@code MeanSquaredError(tanh, batch sum)}. */
    @Override
    public String toString() {
        return "MeanSquaredError(" + f + (miniBatch ? "" : ", batch sum") + ")";
    }
}
