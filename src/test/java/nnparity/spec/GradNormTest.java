package nnparity.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GradNormTest {

    @Test
    void clippingModesNeedAPositiveThresholdAndTheOthersNone() {
        assertEquals("clip-l2-per-layer(threshold=1.0)", new GradNorm(GradNorm.Mode.CLIP_L2_PER_LAYER, 1).toString());
        assertEquals("renormalize-l2-per-layer", new GradNorm(GradNorm.Mode.RENORMALIZE_L2_PER_LAYER, 0).toString());
        assertEquals("gradient normalization clip-element-wise-absolute-value: threshold 0.0 is invalid; it must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> new GradNorm(GradNorm.Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0)).getMessage());
        assertEquals("gradient normalization renormalize-l2-per-param-type takes no threshold; got 2.0",
                assertThrows(IllegalArgumentException.class, () -> new GradNorm(GradNorm.Mode.RENORMALIZE_L2_PER_PARAM_TYPE, 2)).getMessage());
    }

    @Test
    void modesAreNamedOnTheCommandLineInKebabCase() {
        assertEquals(GradNorm.Mode.CLIP_L2_PER_PARAM_TYPE, GradNorm.Mode.fromId("clip-l2-per-param-type"));
        assertEquals("gradient normalization 'clip' is unknown; valid: none, renormalize-l2-per-layer, renormalize-l2-per-param-type, "
                        + "clip-element-wise-absolute-value, clip-l2-per-layer, clip-l2-per-param-type",
                assertThrows(IllegalArgumentException.class, () -> GradNorm.Mode.fromId("clip")).getMessage());
    }
}
