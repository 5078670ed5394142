package nnparity.scratch;

import java.util.List;

/**
 * One stage of the network. The protocol, per training step:
 * <ol>
 *   <li>{@link #forward} takes the batch {@code x} [batch, in] and returns {@code y} [batch, out],
 *       keeping what {@link #backward} will need;</li>
 *   <li>{@link #backward} takes {@code ∂L/∂y} [batch, out], fills the gradient of every
 *       {@link Parameter} of this layer with {@code ∂L/∂θ}, and returns {@code ∂L/∂x} [batch, in]
 *       for the layer below (a first layer may be built to return {@code null} instead, see
 *       {@link Dense}).</li>
 * </ol>
 * {@code backward} must follow the {@code forward} of the same batch.
 */
public interface Layer {

    Matrix forward(Matrix x);

    Matrix backward(Matrix dy);

    /** This layer's trainable parameters; empty for a layer without any. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
