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
 * {@code backward} must follow the {@code forward} of the same batch. {@code forward} is the
 * training-mode pass; {@link #infer} the inference-mode one (predictions), which keeps nothing for
 * a backward pass and, for a layer that has a mode (batch normalization), uses its inference form.
 */
public interface Layer {

    Matrix forward(Matrix x);

    /** The inference-mode forward pass, [batch, in] → [batch, out]; {@link #forward} for a layer without modes. */
    default Matrix infer(Matrix x) {
        return forward(x);
    }

    Matrix backward(Matrix dy);

    /** This layer's trainable parameters; empty for a layer without any. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
