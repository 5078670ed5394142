package nnparity.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The hidden layer's nonlinearity. The tutorial introduces the first three: step, sigmoid and
 * ReLU. Tanh and identity are here for the gradient-check matrix.
 *
 * <pre>
 *   relu(z)     = max(0, z)            relu'(z)     = 1 if z &gt; 0 else 0
 *   sigmoid(z)  = 1 / (1 + e^-z)       sigmoid'(z)  = s(z) (1 - s(z))
 *   tanh(z)                            tanh'(z)     = 1 - tanh(z)^2
 *   identity(z) = z                    identity'(z) = 1
 *   step(z)     = 1 if z &gt; 0 else 0    step'(z)     = 0 (undefined at 0)
 * </pre>
 *
 * Step's derivative is zero wherever it exists, so backpropagation through it yields zero
 * gradients for every parameter below it: it can run forward but cannot be trained.
 */
public enum Activation {
    RELU, SIGMOID, TANH, IDENTITY, STEP;

    /** True when backpropagation through this activation carries a useful (nonzero) gradient. */
    public boolean trainableByBackprop() {
        return this != STEP;
    }

    /** The lower-case name used on the command line and in reports, e.g. {@code relu}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code relu}, {@code Sigmoid}, …; the error lists the valid names. */
    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(text.trim())) return a;
        }
        throw new IllegalArgumentException("activation '" + text + "' is not known; valid: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(" | "));
    }

    /** Why {@link #STEP} cannot be trained, phrased for the user who asked to train it. */
    public static final String STEP_CANNOT_TRAIN =
            "activation 'step' cannot be trained by backpropagation: its derivative is 0 everywhere except at 0,"
            + " where it is undefined, so every gradient flowing back through it is 0 and SGD would leave W1 and b1"
            + " unchanged while the loss never falls. Train with relu, sigmoid or tanh; step runs forward only"
            + " (use --epochs 0 to compare both nets' forward passes).";
}
