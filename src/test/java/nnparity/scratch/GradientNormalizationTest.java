package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nnparity.spec.GradNorm;
import nnparity.spec.GradNorm.Mode;

/**
 * Each gradient-normalization mode on one layer's gradients, g_W = [[0.3, −1.2, 0.5], [2.0, −0.1, 0]]
 * and g_b = [0.4, −0.7, 1.5]: ‖layer‖ = 2.9479, ‖g_W‖ = 2.4062, ‖g_b‖ = 1.7029. Expected values
 * from numpy (e.g. {@code W / np.sqrt((W**2).sum() + (b**2).sum())}); DL4J's own results for the
 * same modes are compared in {@code Dl4jGradientNormalizationTest}.
 */
class GradientNormalizationTest {
    /** numpy and Java compute the same few double operations; they may differ in the last bit or two. */
    static final double ROUNDING = 1e-15;

    static final double[] W = {0.3, -1.2, 0.5, 2.0, -0.1, 0.0};
    static final double[] B = {0.4, -0.7, 1.5};

    private static List<Parameter> layer() {
        return layer(W, B);
    }

    private static List<Parameter> layer(double[] gw, double[] gb) {
        return List.of(new Parameter("W1", Matrix.zeros(2, 3), new Matrix(2, 3, gw.clone())),
                new Parameter("b1", Matrix.zeros(1, 3), new Matrix(1, 3, gb.clone())));
    }

    private static void assertGradients(double[] w, double[] b, List<Parameter> layer) {
        assertArrayEquals(w, layer.get(0).grad().data, ROUNDING, "g_W");
        assertArrayEquals(b, layer.get(1).grad().data, ROUNDING, "g_b");
    }

    @Test
    void noneLeavesTheGradientsAsTheyAre() {
        List<Parameter> l = layer();
        GradientNormalization.apply(GradNorm.NONE, l);
        assertGradients(W, B, l);
    }

    @Test
    void renormalizePerLayerDividesTheWholeLayerByItsOneNorm() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.RENORMALIZE_L2_PER_LAYER, 0), l);
        assertGradients(new double[]{0.10176802973291375, -0.407072118931655, 0.16961338288818958, 0.6784535315527583, -0.03392267657763792, 0.0},
                new double[]{0.1356907063105517, -0.2374587360434654, 0.5088401486645687}, l);
        assertEquals(1.0, GradientNormalization.l2(l), ROUNDING);
    }

    @Test
    void renormalizePerParamTypeDividesEachParameterByItsOwnNorm() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.RENORMALIZE_L2_PER_PARAM_TYPE, 0), l);
        assertGradients(new double[]{0.1246757452385074, -0.4987029809540296, 0.2077929087308457, 0.8311716349233828, -0.04155858174616914, 0.0},
                new double[]{0.2348880878058814, -0.41105415366029247, 0.8808303292720553}, l);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"RENORMALIZE_L2_PER_LAYER", "RENORMALIZE_L2_PER_PARAM_TYPE"})
    void renormalizingAZeroGradientKeepsItZeroInsteadOfNaN(Mode mode) {
        List<Parameter> l = layer(new double[6], new double[3]);
        GradientNormalization.apply(new GradNorm(mode, 0), l);
        assertGradients(new double[6], new double[3], l);
    }

    @Test
    void renormalizingATinyGradientScalesItUpToNormOne() {
        // ‖g‖ = 1e-8: renormalization ignores the threshold and makes any nonzero gradient a unit vector.
        List<Parameter> l = layer(new double[]{6e-9, 0, 0, 0, 0, 0}, new double[]{0, 8e-9, 0});
        GradientNormalization.apply(new GradNorm(Mode.RENORMALIZE_L2_PER_LAYER, 0), l);
        assertGradients(new double[]{0.6, 0, 0, 0, 0, 0}, new double[]{0, 0.8, 0}, l);
    }

    @Test
    void clipElementWiseCapsEachElementAtPlusOrMinusTheThreshold() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.8), l);
        assertGradients(new double[]{0.3, -0.8, 0.5, 0.8, -0.1, 0.0}, new double[]{0.4, -0.7, 0.8}, l);
    }

    @Test
    void clipL2PerLayerScalesTheLayerDownToTheThresholdWhenItsNormIsOver() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.CLIP_L2_PER_LAYER, 0.8), l);
        assertGradients(new double[]{0.08141442378633101, -0.32565769514532406, 0.1356907063105517, 0.5427628252422068, -0.027138141262110338, 0.0},
                new double[]{0.10855256504844135, -0.18996698883477237, 0.40707211893165507}, l);
        assertEquals(0.8, GradientNormalization.l2(l), ROUNDING);
    }

    @Test
    void clipL2PerLayerLeavesALayerUnderTheThresholdAlone() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.CLIP_L2_PER_LAYER, 3.0), l);   // ‖layer‖ = 2.948
        assertGradients(W, B, l);
    }

    @Test
    void clipL2PerParamTypeClipsOnlyTheParameterWhoseOwnNormIsOver() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.CLIP_L2_PER_PARAM_TYPE, 2.0), l);   // ‖g_W‖ = 2.406 > 2, ‖g_b‖ = 1.703 < 2
        assertGradients(new double[]{0.2493514904770148, -0.9974059619080592, 0.4155858174616914, 1.6623432698467655, -0.08311716349233828, 0.0},
                B, l);
    }

    @Test
    void clipL2PerParamTypeAtALowThresholdClipsEachParameterToIt() {
        List<Parameter> l = layer();
        GradientNormalization.apply(new GradNorm(Mode.CLIP_L2_PER_PARAM_TYPE, 0.8), l);
        assertGradients(new double[]{0.09974059619080593, -0.3989623847632237, 0.16623432698467655, 0.6649373079387062, -0.03324686539693531, 0.0},
                new double[]{0.18791047024470514, -0.328843322928234, 0.7046642634176443}, l);
    }

    @Test
    void eachLayerIsNormalizedAlone() {
        List<Parameter> first = layer(), second = layer(new double[]{0.01, 0, 0, 0, 0, 0}, new double[3]);
        GradientNormalization.applyToEachLayer(new GradNorm(Mode.CLIP_L2_PER_LAYER, 0.8), List.of(first, second));
        assertEquals(0.8, GradientNormalization.l2(first), ROUNDING);
        assertEquals(0.01, GradientNormalization.l2(second), ROUNDING, "the small layer is under the threshold on its own");
    }

    @Test
    void aNaNGradientIsNeverClippedAwayByTheL2Clip() {
        List<Parameter> l = layer(new double[]{Double.NaN, 1, 1, 1, 1, 1}, B);
        GradientNormalization.apply(new GradNorm(Mode.CLIP_L2_PER_LAYER, 0.8), l);
        assertTrue(Double.isNaN(l.get(0).grad().data[0]));
        assertEquals(1.0, l.get(0).grad().data[1], ROUNDING, "a NaN norm is not over the threshold: nothing is scaled");
    }
}
