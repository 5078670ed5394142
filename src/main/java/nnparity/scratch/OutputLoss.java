package nnparity.scratch;

/**
 * The output layer's activation and its loss, as one stage: it takes the output layer's scores
 * z [N, K] (before the activation), so that a pair such as softmax + cross-entropy can use its
 * combined derivative {@code ∂L/∂z = ŷ − y}.
 *
 * <pre>
 *   forward:   ŷ = f(z),  L = (1/N) Σ_i loss(ŷ_i, y_i)      [N, K] → scalar   (no 1/N when miniBatch is off)
 *   backward:  ∂L/∂z                                          [N, K]
 * </pre>
 */
public interface OutputLoss {

    /** The data loss of scores {@code z} [N, K] against labels {@code y} [N, K]; keeps what {@link #backward} needs. */
    double forward(Matrix z, Matrix y);

    /** ∂L/∂z of the last {@link #forward}, [N, K]. */
    Matrix backward();

    /** The output activation alone, ŷ = f(z): what the net predicts. */
    Matrix activate(Matrix z);
}
