package nnparity.scratch;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A known error in the hand-written backward pass, injected into the production layers through
 * {@link Network#withFault}, to show that the gradient checks and the lockstep catch it. Each
 * changes one line of the math, in the layer that owns it:
 *
 * <pre>
 *   NONE                        the correct backward pass
 *   DROPPED_1_OVER_N            ∂L/∂z2 = p − t                instead of (p − t) / N    (no change at N = 1)
 *   TRANSPOSED_WEIGHT_GRADIENT  ∂L/∂W is (dyᵀ · x), [nOut, nIn], written row-major into W's [nIn, nOut] buffer,
 *                               instead of xᵀ · dy, in both layers
 *   MISSING_BIAS_GRADIENT       ∂L/∂b = 0                     instead of Σ_rows dy, in both layers
 *   MASK_FROM_OUTPUT            ∂L/∂z1 = ∂L/∂h ⊙ f'(h)        instead of ∂L/∂h ⊙ f'(z1)
 * </pre>
 *
 * {@code MASK_FROM_OUTPUT} is the "ReLU's mask taken from the output instead of the input",
 * generalised to every activation: the derivative is evaluated at the output h = f(z1) instead of
 * the input z1. For ReLU it changes nothing, anywhere: {@code relu(z) > 0} exactly when {@code z > 0},
 * also at z = 0 (both give mask 0), for −0.0 and for NaN (both false). It is the same for identity
 * (f' = 1). It differs for sigmoid, where σ'(h) = σ(h)(1 − σ(h)) ≠ h(1 − h), and for tanh, where
 * 1 − tanh²(h) ≠ 1 − h².
 *
 * <p>Whether a fault changes the gradient also depends on the data: a dropped 1/N is no error at
 * N = 1, and a transposed weight gradient is invisible where every weight gradient is 0 (e.g. a
 * ReLU net whose hidden units are all off for the only example). Where the faulty gradient equals
 * the correct one bit for bit there is nothing to detect; the tests check that case separately.
 */
public enum Fault {
    // NONE: the correct backward pass; the others name the layer whose line they change.
    NONE, DROPPED_1_OVER_N, TRANSPOSED_WEIGHT_GRADIENT, MISSING_BIAS_GRADIENT, MASK_FROM_OUTPUT;

    /** E.g. {@code dropped 1/N}. */
    public String label() {
        return switch (this) {
            case NONE -> "none";
            case DROPPED_1_OVER_N -> "dropped 1/N";
            case TRANSPOSED_WEIGHT_GRADIENT -> "transposed weight gradient";
            case MISSING_BIAS_GRADIENT -> "missing bias gradient";
            case MASK_FROM_OUTPUT -> "mask from output";
        };
    }

    /** The command-line name, e.g. {@code dropped-1-over-n}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #id()} (case-insensitive); the error lists the valid names. */
    public static Fault parse(String text) {
        for (Fault f : values()) {
            if (f.id().equalsIgnoreCase(text.trim())) return f;
        }
        throw new IllegalArgumentException("fault '" + text + "' is not known; valid: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(" | "));
    }
}
