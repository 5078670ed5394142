package nnparity.spec;

/** PROVISIONAL stand-in for the lead's record (replaced by main's on merge). */
public record GradNorm(Mode mode, double threshold) {
    public static final GradNorm NONE = new GradNorm(Mode.NONE, 1.0);

    public enum Mode { NONE, RENORMALIZE_L2_PER_LAYER, RENORMALIZE_L2_PER_PARAM_TYPE,
        CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, CLIP_L2_PER_LAYER, CLIP_L2_PER_PARAM_TYPE }
}
