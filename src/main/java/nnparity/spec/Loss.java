package nnparity.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The output layer's loss, each with DL4J's exact score for one example i (K output columns,
 * ŷ the output layer's activation, y the label row), summed over the batch and divided by the
 * batch size N when {@code miniBatch} is on:
 *
 * <pre>
 *   MCXENT                 −Σ_k y_k log clip(ŷ_k)                  softmax output; ∂/∂z = ŷ − y
 *   NEGATIVELOGLIKELIHOOD  the same formula (DL4J's LossNegativeLogLikelihood extends LossMCXENT)
 *   MSE                    (1/K) Σ_k (ŷ_k − y_k)²                  averaged over the K columns;   ∂/∂ŷ = 2(ŷ − y)/K
 *   L1                     Σ_k |ŷ_k − y_k|                         summed over the columns;       ∂/∂ŷ = sign(ŷ − y)
 *   XENT                   −Σ_k [y_k log c(ŷ_k) + (1−y_k) log(1 − c(ŷ_k))],  c = clip to [eps, 1−eps]
 *                          sigmoid output; ∂/∂ŷ = (c − y) / (c (1 − c)), then through σ'
 * </pre>
 *
 * The clip of MCXENT/NLL (DL4J's {@code softmaxClipEps}, default 1e-10) touches only the score,
 * never the gradient. XENT's clip (DL4J's {@code LossBinaryXENT} {@code clipEps}, default 1e-5)
 * touches both.
 */
public enum Loss {
    MCXENT("mcxent", "CE", Activation.SOFTMAX, 1e-10),
    NEGATIVELOGLIKELIHOOD("nll", "NLL", Activation.SOFTMAX, 1e-10),
    MSE("mse", "MSE", Activation.IDENTITY, 0),
    L1("l1", "L1", Activation.IDENTITY, 0),
    XENT("xent", "XENT", Activation.SIGMOID, 1e-5);

    private final String id;
    private final String shortName;
    private final Activation defaultActivation;
    private final double defaultClipEps;

    Loss(String id, String shortName, Activation defaultActivation, double defaultClipEps) {
        this.id = id;
        this.shortName = shortName;
        this.defaultActivation = defaultActivation;
        this.defaultClipEps = defaultClipEps;
    }

    /** The command-line name, e.g. {@code mcxent}, {@code nll}. */
    public String id() {
        return id;
    }

    /** The name in a spec's one-line description, e.g. {@code CE} in {@code softmax+CE(clip 1.0E-10)}. */
    public String shortName() {
        return shortName;
    }

    /** The output activation this loss is paired with unless told otherwise. */
    public Activation defaultActivation() {
        return defaultActivation;
    }

    /** DL4J's default clip for this loss's score (0: the loss has no clip). */
    public double defaultClipEps() {
        return defaultClipEps;
    }

    /** True when the loss has a clip parameter (MCXENT, NLL, XENT). */
    public boolean clips() {
        return defaultClipEps > 0;
    }

    /**
     * Whether this loss may follow {@code output}: the softmax losses need softmax, XENT needs
     * sigmoid (its outputs must be probabilities in (0, 1)), and MSE and L1 take any trainable
     * element-wise activation but softmax.
     */
    public boolean allows(Activation output) {
        return switch (this) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> output == Activation.SOFTMAX;
            case XENT -> output == Activation.SIGMOID;
            case MSE, L1 -> output != Activation.SOFTMAX && output.trainableByBackprop();
        };
    }

    /** What {@link #allows} accepts, for error messages, e.g. {@code softmax}. */
    public String allowedActivations() {
        return switch (this) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> "softmax";
            case XENT -> "sigmoid";
            case MSE, L1 -> "any activation but softmax and step, e.g. identity";
        };
    }

    /** Parses {@code mcxent}, {@code nll} (or {@code negativeloglikelihood}), {@code mse}, {@code l1}, {@code xent}. */
    public static Loss parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Loss l : values()) {
            if (l.id.equals(t) || l.name().toLowerCase(Locale.ROOT).equals(t)) return l;
        }
        throw new IllegalArgumentException("loss '" + text + "' is not known; valid: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Loss::id).collect(Collectors.joining(" | "));
    }
}
