package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import nnparity.spec.NetSpec;

/** Softmax and cross-entropy at points with closed-form answers. */
class SoftmaxCrossEntropyTest {
    /** A few roundings in exp, log and one division. */
    static final double ULPS = 1e-15;
    static final double EXACT = 0;

    private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(NetSpec.DL4J_SOFTMAX_CLIP_EPS);

    @Test
    void equalScoresGiveEqualProbabilitiesAndLossLn2() {
        double loss = ce.forward(Matrix.of(new double[][]{{0, 0}}), Matrix.of(new double[][]{{1, 0}}));
        assertEquals(Math.log(2), loss, ULPS);
        // ∂L/∂z = p - t = [0.5 - 1, 0.5 - 0]
        assertArrayEquals(new double[]{-0.5, 0.5}, ce.backward().data, EXACT);
    }

    @Test
    void softmaxOfOneTwoThreeMatchesTheClosedForm() {
        Matrix p = SoftmaxCrossEntropy.softmax(Matrix.of(new double[][]{{1, 2, 3}}));
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[]{Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s}, p.data, ULPS);
    }

    @Test
    void lossIsTheBatchMeanAndGradientIsDividedByBatchSize() {
        // both rows tie, p = [0.5, 0.5], so each loses -ln 0.5 and the mean is ln 2
        double loss = ce.forward(Matrix.of(new double[][]{{3, 3}, {-1, -1}}), Matrix.of(new double[][]{{0, 1}, {1, 0}}));
        assertEquals(Math.log(2), loss, ULPS);
        assertArrayEquals(new double[]{0.25, -0.25, -0.25, 0.25}, ce.backward().data, EXACT);
    }

    @Test
    void hugeScoresDoNotOverflowThanksToTheMaxShift() {
        Matrix p = SoftmaxCrossEntropy.softmax(Matrix.of(new double[][]{{1000, 0}}));
        assertArrayEquals(new double[]{1, 0}, p.data, EXACT);
    }

    /** −ln 1e-10 = 10 ln 10 = 23.025850929940457 (Python's decimal, 40 digits): DL4J's clip floor. */
    @Test
    void aVanishingTrueClassProbabilityIsClippedAt1eMinus10LikeDl4jsScore() {
        double loss = ce.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{0, 1}}));
        assertEquals(23.025850929940457, loss, ULPS * 100);
        // the gradient is not clipped: p - t = [1, -1]
        assertArrayEquals(new double[]{1, -1}, ce.backward().data, EXACT);
    }

    /**
     * A certain prediction, p = 1, is clipped to 1 − 1e-10, which rounds to 0.9999999999 in double:
     * −ln of that double is 1.000000082790371e-10 (not the exact 1.00000000005e-10), the floor of
     * DL4J's score too. Unclipped, the loss would be 0.
     */
    @Test
    void aCertainTrueClassProbabilityIsClippedAtOneMinus1eMinus10() {
        double loss = ce.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{1, 0}}));
        assertEquals(1.000000082790371e-10, loss, 1e-25);
        assertEquals(0, new SoftmaxCrossEntropy(0).forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{1, 0}})), EXACT);
    }

    @Test
    void theClipIsTheSpecsValueNotAFixedOne() {
        // clip 0.3: p = [1, 0] scores log 0.3 for the wrong class and log 0.7 for the right one
        SoftmaxCrossEntropy coarse = new SoftmaxCrossEntropy(0.3);
        assertEquals(1.2039728043259361, coarse.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{0, 1}})), ULPS);
        assertEquals(0.35667494393873245, coarse.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{1, 0}})), ULPS);
        assertEquals("SoftmaxCrossEntropy(clip=0.3)", coarse.toString());
    }

    @Test
    void labelsOfAnotherShapeAreRefusedNamingBothShapes() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ce.forward(Matrix.of(new double[][]{{0, 0}}), Matrix.of(new double[][]{{1, 0, 0}})));
        assertEquals("labels [1x3] do not match scores [1x2]", e.getMessage());
    }

    @Test
    void withoutClippingAVanishingProbabilityGivesAnInfiniteLoss() {
        SoftmaxCrossEntropy raw = new SoftmaxCrossEntropy(0);
        assertEquals(Double.POSITIVE_INFINITY, raw.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{0, 1}})));
    }
}
