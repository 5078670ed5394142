package nnparity.dl4j;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

import nnparity.spec.GradNorm;

/**
 * The spec's {@link GradNorm.Mode} and DL4J's {@code GradientNormalization}, one to one:
 *
 * <pre>
 *   NONE                              None
 *   RENORMALIZE_L2_PER_LAYER          RenormalizeL2PerLayer
 *   RENORMALIZE_L2_PER_PARAM_TYPE     RenormalizeL2PerParamType
 *   CLIP_ELEMENT_WISE_ABSOLUTE_VALUE  ClipElementWiseAbsoluteValue
 *   CLIP_L2_PER_LAYER                 ClipL2PerLayer
 *   CLIP_L2_PER_PARAM_TYPE            ClipL2PerParamType
 * </pre>
 *
 * DL4J keeps the mode and its threshold on every layer ({@code BaseLayer.gradientNormalization},
 * {@code gradientNormalizationThreshold}, default {@code None} and 1.0); the network-wide
 * {@code NeuralNetConfiguration.Builder.gradientNormalization(…)} copies them into each layer that
 * sets none itself. The math is in {@link nnparity.scratch.GradientNormalization}.
 */
public final class Dl4jGradientNormalization {
    /** DL4J's default threshold, {@code NeuralNetConfiguration.Builder.gradientNormalizationThreshold}. */
    public static final double DL4J_DEFAULT_THRESHOLD = 1.0;

    private Dl4jGradientNormalization() {
    }

    /**
     * Sets {@code g} network-wide on {@code b} (so on every layer) and returns {@code b}. Sets
     * nothing for {@link GradNorm#NONE}, and no threshold for a mode without one (DL4J keeps its
     * 1.0 there, which it never reads), so a net without normalization is configured as before.
     */
    public static NeuralNetConfiguration.Builder set(GradNorm g, NeuralNetConfiguration.Builder b) {
        if (g.isNone()) return b;
        b.gradientNormalization(of(g.mode()));
        if (g.mode().usesThreshold()) b.gradientNormalizationThreshold(g.threshold());
        return b;
    }

    public static GradientNormalization of(GradNorm.Mode m) {
        return switch (m) {
            case NONE -> GradientNormalization.None;
            case RENORMALIZE_L2_PER_LAYER -> GradientNormalization.RenormalizeL2PerLayer;
            case RENORMALIZE_L2_PER_PARAM_TYPE -> GradientNormalization.RenormalizeL2PerParamType;
            case CLIP_ELEMENT_WISE_ABSOLUTE_VALUE -> GradientNormalization.ClipElementWiseAbsoluteValue;
            case CLIP_L2_PER_LAYER -> GradientNormalization.ClipL2PerLayer;
            case CLIP_L2_PER_PARAM_TYPE -> GradientNormalization.ClipL2PerParamType;
        };
    }

    /** The spec's mode for DL4J's; {@code null} (a layer that sets none) is {@link GradNorm.Mode#NONE}. */
    public static GradNorm.Mode toSpec(GradientNormalization g) {
        if (g == null) return GradNorm.Mode.NONE;
        return switch (g) {
            case None -> GradNorm.Mode.NONE;
            case RenormalizeL2PerLayer -> GradNorm.Mode.RENORMALIZE_L2_PER_LAYER;
            case RenormalizeL2PerParamType -> GradNorm.Mode.RENORMALIZE_L2_PER_PARAM_TYPE;
            case ClipElementWiseAbsoluteValue -> GradNorm.Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE;
            case ClipL2PerLayer -> GradNorm.Mode.CLIP_L2_PER_LAYER;
            case ClipL2PerParamType -> GradNorm.Mode.CLIP_L2_PER_PARAM_TYPE;
        };
    }
}
