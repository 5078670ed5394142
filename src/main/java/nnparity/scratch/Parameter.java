package nnparity.scratch;

/**
 * A trainable tensor and its gradient, of the same shape. {@link Layer#backward} overwrites
 * {@code grad}; an {@link Optimizer} reads it and changes {@code value} in place.
 *
 * @param name  e.g. {@code W1}, {@code b2}
 * @param value the parameter, e.g. W [nIn, nOut] or b [1, nOut]
 * @param grad  ∂L/∂value, same shape
 */
public record Parameter(String name, Matrix value, Matrix grad) {

    public Parameter {
        if (value.rows != grad.rows || value.cols != grad.cols)
            throw new IllegalArgumentException(name + ": gradient " + grad.shape() + " does not match value " + value.shape());
    }

    @Override
    public String toString() {
        return name + value.shape();
    }
}
