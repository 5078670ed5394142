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

    @Test
    void aVanishingTrueClassProbabilityIsClippedLikeDl4jsScore() {
        double loss = ce.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{0, 1}}));
        assertEquals(-Math.log(NetSpec.DL4J_SOFTMAX_CLIP_EPS), loss, ULPS * 100);
        // the gradient is not clipped: p - t = [1, -1]
        assertArrayEquals(new double[]{1, -1}, ce.backward().data, EXACT);
    }

    @Test
    void withoutClippingAVanishingProbabilityGivesAnInfiniteLoss() {
        SoftmaxCrossEntropy raw = new SoftmaxCrossEntropy(0);
        assertEquals(Double.POSITIVE_INFINITY, raw.forward(Matrix.of(new double[][]{{1000, 0}}), Matrix.of(new double[][]{{0, 1}})));
    }
}
