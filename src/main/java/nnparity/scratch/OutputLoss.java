package nnparity.scratch;

/**
 * The output layer's activation and its loss, as one stage: it takes the output layer's scores
 * z [N, K] (before the activation), applies the activation f itself, and scores ŷ = f(z) against
 * the labels y. Taking z lets a pair such as softmax + cross-entropy use its combined derivative
 * {@code ∂L/∂z = ŷ − y}; the element-wise ones chain {@code ∂L/∂ŷ} through f'(z).
 *
 * <pre>
 *   forward:   ŷ = f(z),  L = (1/N) Σ_i loss(ŷ_i, y_i)      [N, K] → scalar
 *   backward:  ∂L/∂z                                          [N, K]
 * </pre>
 *
 * With DL4J's {@code miniBatch(true)} (the default) L is the mean over the N examples, as above;
 * with {@code miniBatch(false)} it is the sum, without 1/N, and so is its gradient. The
 * implementations: {@link SoftmaxCrossEntropy} (MCXENT, NLL), {@link MeanSquaredError} (MSE),
 * {@link L1Loss} (L1), {@link BinaryCrossEntropy} (XENT).
 */
public interface OutputLoss {

    /** The data loss of scores {@code z} [N, K] against labels {@code y} [N, K]; keeps what {@link #backward} needs. */
    double forward(Matrix z, Matrix y);

    /** ∂L/∂z of the last {@link #forward}, [N, K]. */
    Matrix backward();

    /** The output activation alone, ŷ = f(z): what the net predicts. Keeps nothing. */
    Matrix activate(Matrix z);

    /** Refuses labels whose shape differs from the scores'. */
    static void requireSameShape(Matrix z, Matrix y) {
        if (z.rows != y.rows || z.cols != y.cols)
            throw new IllegalArgumentException("labels " + y.shape() + " do not match scores " + z.shape());
    }
}
