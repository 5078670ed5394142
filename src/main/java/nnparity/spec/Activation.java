package nnparity.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A layer's nonlinearity, with DL4J's definitions (M2.1). The tutorial introduces step, sigmoid
 * and ReLU; the others are DL4J's common ones. Where DL4J differs from the textbook, DL4J wins:
 *
 * <pre>
 *   relu(z)        = max(0, z)                        relu'(z)        = 1 if z &gt; 0 else 0 (0 at the kink)
 *   leakyrelu(z)   = z if z ≥ 0 else α z, α = 0.01    leakyrelu'(z)   = 1 if z ≥ 0 else (double) 0.01f (DL4J's derivative uses the float 0.01)
 *   elu(z)         = z if z ≥ 0 else e^z − 1 (α = 1)  elu'(z)         = 1 if z ≥ 0 else e^z
 *   selu(z)        = λ z if z &gt; 0 else λ α (e^z − 1)  selu'(z)        = λ if z &gt; 0 else λ α e^z
 *   softplus(z)    = ln(1 + e^z)                      softplus'(z)    = σ(z)
 *   softsign(z)    = z / (1 + |z|)                    softsign'(z)    = 1 / (1 + |z|)²
 *   sigmoid(z)     = σ(z) = 1 / (1 + e^-z)            sigmoid'(z)     = σ(z) (1 − σ(z))
 *   hardsigmoid(z) = min(1, max(0, s z + 0.5))        hardsigmoid'(z) = s on [−2.5, 2.5], else 0; s = (double) 0.2f (DL4J's slope, not 1/6)
 *   tanh(z)                                           tanh'(z)        = 1 − tanh²(z)
 *   hardtanh(z)    = min(1, max(−1, z))               hardtanh'(z)    = 1 on [−1, 1] (kinks included), else 0
 *   swish(z)       = z σ(z)                           swish'(z)       = σ(z) + z σ(z)(1 − σ(z))
 *   cube(z)        = z³                               cube'(z)        = 3 z²
 *   identity(z)    = z                                identity'(z)    = 1
 *   step(z)        = 1 if z &gt; 0 else 0                step'(z)        = 0 (undefined at 0): forward only
 *   softmax(z)_k   = e^(z_k) / Σ_j e^(z_j)            output layers only, with MCXENT or NLL
 * </pre>
 *
 * The exact kink values and constants are pinned against DL4J's own {@code IActivation} in the
 * tests. Step's derivative is zero wherever it exists, so backpropagation through it yields zero
 * gradients for every parameter below it: it can run forward but cannot be trained.
 */
public enum Activation {
    RELU, LEAKYRELU, ELU, SELU, SOFTPLUS, SOFTSIGN, SIGMOID, HARDSIGMOID, TANH, HARDTANH, SWISH, CUBE,
    IDENTITY, STEP, SOFTMAX;

    /** True when backpropagation through this activation carries a useful (nonzero) gradient. */
    public boolean trainableByBackprop() {
        return this != STEP;
    }

    /** True for the element-wise activations, which a hidden layer may use (all but softmax). */
    public boolean elementWise() {
        return this != SOFTMAX;
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

    /** The hidden-layer activations, e.g. {@code relu | leakyrelu | …}; softmax is output-only. */
    public static String validNames() {
        return Arrays.stream(values()).filter(Activation::elementWise).map(Activation::id).collect(Collectors.joining(" | "));
    }

    /** Why {@link #STEP} cannot be trained, phrased for the user who asked to train it. */
    public static final String STEP_CANNOT_TRAIN =
            "activation 'step' cannot be trained by backpropagation: its derivative is 0 everywhere except at 0,"
            + " where it is undefined, so every gradient flowing back through it is 0 and SGD would leave W1 and b1"
            + " unchanged while the loss never falls. Train with relu, sigmoid or tanh; step runs forward only"
            + " (use --epochs 0 to compare both nets' forward passes).";
}
