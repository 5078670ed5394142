package nnparity.scratch;

/**
 * A trainable tensor, its gradient of the same shape, and its regularization. {@link Layer#backward}
 * overwrites {@code grad} with the gradient of the data loss; an {@link Optimizer} reads it, adds
 * the {@link Penalty}'s terms, and changes {@code value} in place.
 *
 * @param name    e.g. {@code W1}, {@code b2}
 * @param value   the parameter, e.g. W [nIn, nOut] or b [1, nOut]
 * @param grad    ∂L/∂value of the data loss L (no penalty), same shape
 * @param penalty its regularization ({@link Penalty#NONE} for none)
 */
public record Parameter(String name, Matrix value, Matrix grad, Penalty penalty) {

    public Parameter {
        if (value.rows != grad.rows || value.cols != grad.cols)
            throw new IllegalArgumentException(name + ": gradient " + grad.shape() + " does not match value " + value.shape());
        if (penalty == null) throw new IllegalArgumentException(name + ": penalty is missing; use Penalty.NONE");
    }

    /** An unregularized parameter. */
    public Parameter(String name, Matrix value, Matrix grad) {
        this(name, value, grad, Penalty.NONE);
    }

    @Override
    public String toString() {
        return name + value.shape();
    }
}
