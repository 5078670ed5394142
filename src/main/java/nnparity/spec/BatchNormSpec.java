package nnparity.spec;

/**
 * A batch-normalization layer after a hidden layer's activation, DL4J's {@code BatchNormalization}
 * with identity activation:
 *
 * <pre>
 *   training:   x̂ = (x − μ_B) / √(σ²_B + eps),  y = γ · x̂ + β         [batch, n] → [batch, n]
 *               running mean/var ← decay · running + (1 − decay) · batch statistic
 *   inference:  y = γ · (x − mean) / √(var + eps) + β
 * </pre>
 *
 * {@link #NONE} (both NaN) stands for no layer.
 *
 * @param eps   added to the variance, finite and &gt; 0 (DL4J default 1e-5)
 * @param decay the running statistics' decay, in [0, 1) (DL4J default 0.9)
 */
public record BatchNormSpec(double eps, double decay) {

    /** No batch normalization. */
    public static final BatchNormSpec NONE = new BatchNormSpec(Double.NaN, Double.NaN);

    /** DL4J's defaults: {@code eps 1e-5, decay 0.9}. */
    public static final BatchNormSpec DL4J_DEFAULT = new BatchNormSpec(1e-5, 0.9);

    public BatchNormSpec {
        if (!Double.isNaN(eps) || !Double.isNaN(decay)) {
            if (!(eps > 0) || Double.isInfinite(eps))
                throw new IllegalArgumentException("batch norm eps " + eps + " is invalid; it must be a finite number > 0");
            if (!(decay >= 0 && decay < 1))
                throw new IllegalArgumentException("batch norm decay " + decay + " is invalid; it must be in [0, 1)");
        }
    }

    public boolean isNone() {
        return Double.isNaN(eps);
    }

    /** E.g. {@code batchnorm(eps=1.0E-5, decay=0.9)}, or {@code none}. */
    @Override
    public String toString() {
        return isNone() ? "none" : "batchnorm(eps=" + eps + ", decay=" + decay + ")";
    }
}
