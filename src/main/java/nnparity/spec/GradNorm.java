package nnparity.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * DL4J's {@code GradientNormalization} with its threshold, applied to each layer's gradient after
 * the division by the batch size and before l1/l2 and the updater.
 *
 * <pre>
 *   RENORMALIZE_L2_PER_LAYER          g ← g / ‖g_layer‖₂                   (all of W and b together)
 *   RENORMALIZE_L2_PER_PARAM_TYPE     g_W ← g_W / ‖g_W‖₂,  g_b ← g_b / ‖g_b‖₂
 *   CLIP_ELEMENT_WISE_ABSOLUTE_VALUE  g_i ← clamp(g_i, −t, t)
 *   CLIP_L2_PER_LAYER                 g ← g · t / ‖g_layer‖₂   when ‖g_layer‖₂ > t
 *   CLIP_L2_PER_PARAM_TYPE            g_W ← g_W · t / ‖g_W‖₂   when ‖g_W‖₂ > t; b likewise
 * </pre>
 *
 * @param mode      which normalization ({@link Mode#NONE} for none)
 * @param threshold t, finite and &gt; 0 for the clipping modes; 0 for the others, which have none
 */
public record GradNorm(Mode mode, double threshold) {

    public static final GradNorm NONE = new GradNorm(Mode.NONE, 0);

    public enum Mode {
        NONE(false), RENORMALIZE_L2_PER_LAYER(false), RENORMALIZE_L2_PER_PARAM_TYPE(false),
        CLIP_ELEMENT_WISE_ABSOLUTE_VALUE(true), CLIP_L2_PER_LAYER(true), CLIP_L2_PER_PARAM_TYPE(true);

        private final boolean usesThreshold;

        Mode(boolean usesThreshold) {
            this.usesThreshold = usesThreshold;
        }

        public boolean usesThreshold() {
            return usesThreshold;
        }

        /** The command-line name, e.g. {@code clip-l2-per-layer}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** @throws IllegalArgumentException naming the valid names */
        public static Mode fromId(String id) {
            for (Mode m : values()) if (m.id().equals(id)) return m;
            throw new IllegalArgumentException("gradient normalization '" + id + "' is unknown; valid: " + validNames());
        }

        public static String validNames() {
            return Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", "));
        }
    }

    public GradNorm {
        if (mode == null) throw new IllegalArgumentException("gradient normalization is missing; valid: " + Mode.validNames());
        if (mode.usesThreshold()) {
            if (!(threshold > 0) || Double.isInfinite(threshold))
                throw new IllegalArgumentException("gradient normalization " + mode.id() + ": threshold " + threshold + " is invalid; it must be a finite number > 0");
        } else if (threshold != 0) {
            throw new IllegalArgumentException("gradient normalization " + mode.id() + " takes no threshold; got " + threshold);
        }
    }

    public boolean isNone() {
        return mode == Mode.NONE;
    }

    /** E.g. {@code clip-l2-per-layer(threshold=1.0)} or {@code renormalize-l2-per-layer}. */
    @Override
    public String toString() {
        return mode.id() + (mode.usesThreshold() ? "(threshold=" + threshold + ")" : "");
    }
}
