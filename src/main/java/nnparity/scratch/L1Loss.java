package nnparity.scratch;

import nnparity.spec.Activation;

/**
 * The L1 loss after any element-wise output activation f, DL4J's {@code LossL1}: absolute errors
 * summed over the K output columns (not averaged, unlike {@link MeanSquaredError}), then
 * averaged over the N examples. For a batch z [N, K]:
 *
 * <pre>
 *   ŷ     = f(z)                                            [N, K] → [N, K]
 *   L     = (1/N) Σ_i Σ_k |ŷ_ik − y_ik|                     → scalar
 *   ∂L/∂z = f'(z) ⊙ sign(ŷ − y) / N                         [N, K],  sign(0) = 0
 * </pre>
 *
 * With {@code miniBatch} off there is no 1/N, in L and in ∂L/∂z. No clip. At ŷ = y, where |·| has
 * its kink, the gradient is 0, as ND4J's {@code Sign} gives (also for NaN).
 */
public final class L1Loss implements OutputLoss {
    private final ActivationLayer f;
    private final boolean miniBatch;
    private final Fault fault;
    private Matrix yHat;
    private Matrix y;

    public L1Loss(Activation f, boolean miniBatch) {
        this(f, miniBatch, Fault.NONE);
    }

    /** With {@link Fault#DROPPED_1_OVER_N} the 1/N is missing from ∂L/∂z; any fault also reaches f. */
    L1Loss(Activation f, boolean miniBatch, Fault fault) {
        this.f = new ActivationLayer(f, fault);
        this.miniBatch = miniBatch;
        this.fault = fault;
    }

    /** The loss of scores {@code z} [N, K] against {@code y} [N, K]: sum over columns, mean over the batch (sum with miniBatch off). */
    @Override
    public double forward(Matrix z, Matrix y) {
        OutputLoss.requireSameShape(z, y);
        this.yHat = f.forward(z);
        this.y = y;
        double sum = 0;
        for (int i = 0; i < yHat.data.length; i++) sum += Math.abs(yHat.data[i] - y.data[i]);
        return miniBatch ? sum / z.rows : sum;
    }

    /** ∂L/∂z = f'(z) ⊙ sign(ŷ − y) / N, [N, K]. */
    @Override
    public Matrix backward() {
        double[] dYHat = new double[yHat.data.length];
        for (int i = 0; i < dYHat.length; i++) dYHat[i] = Penalty.sign(yHat.data[i] - y.data[i]);
        Matrix dz = f.backward(new Matrix(yHat.rows, yHat.cols, dYHat));
        double n = miniBatch && fault != Fault.DROPPED_1_OVER_N ? dz.rows : 1;
        for (int i = 0; i < dz.data.length; i++) dz.data[i] /= n;
        return dz;
    }

    @Override
    public Matrix activate(Matrix z) {
        return f.map(z);
    }

    /** E.g. {@code L1Loss(identity)}, {@code L1Loss(tanh, batch sum)}. */
    @Override
    public String toString() {
        return "L1Loss(" + f + (miniBatch ? "" : ", batch sum") + ")";
    }
}
