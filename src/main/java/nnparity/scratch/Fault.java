package nnparity.scratch;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A known error in the hand-written network or its optimizer, injected into the production code
 * through {@link Network#withFault} (or {@link Sgd#withFault}, {@link UpdatePipeline} and the updater rules for the
 * optimizer's), to show that the
 * gradient checks and the lockstep catch it. Each changes one line of the math, in the class that
 * owns it:
 *
 * <pre>
 *   NONE                         the correct network and optimizer
 *   DROPPED_1_OVER_N             ∂L/∂zL = p − t                instead of (p − t) / N, in every loss   (no change at N = 1
 *                                                                                                     or with miniBatch off)
 *   TRANSPOSED_WEIGHT_GRADIENT   ∂L/∂W is (dyᵀ · x), [nOut, nIn], written row-major into W's [nIn, nOut] buffer,
 *                                instead of xᵀ · dy, in every dense layer
 *   MISSING_BIAS_GRADIENT        ∂L/∂b = 0                     instead of Σ_rows dy, in every dense layer
 *   MASK_FROM_OUTPUT             ∂L/∂z = ∂L/∂h ⊙ f'(h)         instead of ∂L/∂h ⊙ f'(z), in every ActivationLayer
 *   L2_AFTER_UPDATER             θ −= lr·g, then θ −= l2·θ     instead of θ −= lr·(g + l2·θ), in {@link Sgd}
 *   REG_TERM_MISSING_FROM_SCORE  score = data loss             instead of data loss + Σ penalties, in {@link Network}
 *   LEAKYRELU_ALPHA_WRONG        leakyrelu's α = 0.2           instead of DL4J's 0.01, forward and backward
 *                                                              (TensorFlow's default), in every ActivationLayer
 *   MSE_NOT_COLUMN_AVERAGED      MSE = Σ_k (ŷ_k − y_k)²        instead of (1/K) Σ_k, score and gradient, in {@link MeanSquaredError}
 *   DROPOUT_SCALED_BY_P          y = x ⊙ m · p, ∂L/∂x = dy ⊙ m · p   instead of x ⊙ m / p and dy ⊙ m / p, in {@link Dropout}
 *   ADAM_NO_BIAS_CORRECTION      αₜ = lr                       instead of lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ), in {@link Adam}
 *   RMSPROP_EPS_INSIDE_SQRT      u = lr·g/√(h + ε)             instead of lr·g/(√h + ε), in {@link RmsProp}
 *   NESTEROV_AS_MOMENTUM         θ ← θ + v'                    instead of θ ← θ + μ²·v − (1 + μ)·lr·g (plain momentum),
 *                                                              in {@link Nesterovs}
 *   BATCHNORM_NO_MEAN_TERM       ∂L/∂x = dxc                   instead of dxc − dμ / N, in every {@link BatchNorm}'s backward
 * </pre>
 *
 * The three updater faults act only where their updater trains the net ({@link UpdatePipeline}
 * with that rule); elsewhere, and in every gradient check (which checks gradients, not updates),
 * they change nothing.
 *
 * {@code MASK_FROM_OUTPUT} is the "ReLU's mask taken from the output instead of the input",
 * generalised to every activation: the derivative is evaluated at the output h = f(z) instead of
 * the input z. For ReLU it changes nothing, anywhere: {@code relu(z) > 0} exactly when {@code z > 0},
 * also at z = 0 (both give mask 0), for −0.0 and for NaN (both false). It is the same for identity
 * (f' = 1). It differs for sigmoid, where σ'(h) = σ(h)(1 − σ(h)) ≠ h(1 − h), for tanh, where
 * 1 − tanh²(h) ≠ 1 − h², and for the other curved activations.
 *
 * <p>What a fault changes ({@link #changes}) decides who can see it: a wrong gradient alone
 * ({@link Changes#GRADIENT}) fails the numerical gradient check; a consistent change of the loss
 * and its gradient ({@link Changes#LOSS_AND_GRADIENT}) passes it, and only the comparison with DL4J
 * sees it; a wrong score or a wrong update shows only in the lockstep.
 *
 * <p>Whether a fault changes anything also depends on the net and the data: a dropped 1/N is no
 * error at N = 1, a transposed weight gradient is invisible where every weight gradient is 0
 * (e.g. a ReLU net whose hidden units are all off for the only example), the regularization faults
 * need a penalty, the leakyrelu one a leakyrelu layer with a negative input, and the MSE one an
 * MSE loss with K &gt; 1, the dropout one a layer with keep probability p &lt; 1 (at p = 1
 * the two scalings agree), the batch-norm one a batch-normalization layer (and N &gt; 1). Where the
 * faulty result equals the correct one bit for bit there is
 * nothing to detect; the tests check that case separately.
 */
public enum Fault {
    // NONE: the correct network; the others name the class whose line they change.
    NONE, DROPPED_1_OVER_N, TRANSPOSED_WEIGHT_GRADIENT, MISSING_BIAS_GRADIENT, MASK_FROM_OUTPUT,
    L2_AFTER_UPDATER, REG_TERM_MISSING_FROM_SCORE, LEAKYRELU_ALPHA_WRONG, MSE_NOT_COLUMN_AVERAGED,
    DROPOUT_SCALED_BY_P,
    ADAM_NO_BIAS_CORRECTION, RMSPROP_EPS_INSIDE_SQRT, NESTEROV_AS_MOMENTUM,
    BATCHNORM_NO_MEAN_TERM;

    /** What a fault makes wrong: the part of a training step that differs from the correct one. */
    public enum Changes {
        /** Nothing ({@link #NONE}). */
        NOTHING,
        /** The gradient alone: the loss is right, so a numerical gradient check sees the fault. */
        GRADIENT,
        /** The loss and its gradient, consistently: a numerical check passes; only DL4J's numbers differ. */
        LOSS_AND_GRADIENT,
        /** The reported score alone; gradients and updates are right. */
        SCORE,
        /** The optimizer's update alone; score and gradients are right. */
        UPDATE
    }

    /** E.g. {@code dropped 1/N}. */
    public String label() {
        return switch (this) {
            case NONE -> "none";
            case DROPPED_1_OVER_N -> "dropped 1/N";
            case TRANSPOSED_WEIGHT_GRADIENT -> "transposed weight gradient";
            case MISSING_BIAS_GRADIENT -> "missing bias gradient";
            case MASK_FROM_OUTPUT -> "mask from output";
            case L2_AFTER_UPDATER -> "l2 after updater";
            case REG_TERM_MISSING_FROM_SCORE -> "regularization term missing from score";
            case LEAKYRELU_ALPHA_WRONG -> "leakyrelu alpha 0.2";
            case MSE_NOT_COLUMN_AVERAGED -> "MSE not averaged over columns";
            case DROPOUT_SCALED_BY_P -> "dropout scaled by p instead of 1/p";
            case ADAM_NO_BIAS_CORRECTION -> "Adam without bias correction";
            case RMSPROP_EPS_INSIDE_SQRT -> "RMSProp epsilon inside the square root";
            case NESTEROV_AS_MOMENTUM -> "Nesterov as plain momentum";
            case BATCHNORM_NO_MEAN_TERM -> "batch-norm backward without the mean term";
        };
    }

    /** What this fault makes wrong, see {@link Changes}. */
    public Changes changes() {
        return switch (this) {
            case NONE -> Changes.NOTHING;
            case DROPPED_1_OVER_N, TRANSPOSED_WEIGHT_GRADIENT, MISSING_BIAS_GRADIENT, MASK_FROM_OUTPUT, BATCHNORM_NO_MEAN_TERM -> Changes.GRADIENT;
            case LEAKYRELU_ALPHA_WRONG, MSE_NOT_COLUMN_AVERAGED, DROPOUT_SCALED_BY_P -> Changes.LOSS_AND_GRADIENT;
            case REG_TERM_MISSING_FROM_SCORE -> Changes.SCORE;
            case L2_AFTER_UPDATER, ADAM_NO_BIAS_CORRECTION, RMSPROP_EPS_INSIDE_SQRT, NESTEROV_AS_MOMENTUM -> Changes.UPDATE;
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
