package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import nnparity.spec.Loss;
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
    /** z and one-hot t of the numpy peer quoted in {@link BinaryCrossEntropyTest}. */
    private static final Matrix Z = MeanSquaredErrorTest.Z;
    private static final Matrix T = Matrix.of(new double[][]{{0, 0, 1}, {0, 1, 0}});
    /** numpy's exp and log are glibc's, as Java's are within an ulp: a few roundings. */
    static final double NUMPY_PEER = 1e-15;

    @Test
    void mcxentAndNllGiveTheNumpyPeersMeanAndGradient() {
        for (Loss kind : new Loss[]{Loss.MCXENT, Loss.NEGATIVELOGLIKELIHOOD}) {
            SoftmaxCrossEntropy l = new SoftmaxCrossEntropy(kind, 1e-10, true);
            assertEquals(0.12065638789000001, l.forward(Z.copy(), T.copy()), NUMPY_PEER, kind.id());
            assertArrayEquals(new double[]{0.08764519607001835, 0.019556286635343728, -0.10720148270536206,
                    4.157637445856772e-07, -7.395608745408566e-07, 3.23797129856025e-07}, l.backward().data, NUMPY_PEER, kind.id());
        }
    }

    @Test
    void withoutMiniBatchTheLossAndGradientAreSumsOverTheBatch() {
        SoftmaxCrossEntropy l = new SoftmaxCrossEntropy(Loss.MCXENT, 1e-10, false);
        assertEquals(0.24131277578000002, l.forward(Z.copy(), T.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{0.1752903921400367, 0.039112573270687456, -0.21440296541072412,
                8.315274891713544e-07, -1.4791217490817132e-06, 6.4759425971205e-07}, l.backward().data, NUMPY_PEER);
    }

    @Test
    void describesItsKindAndBatchReduction() {
        assertEquals("SoftmaxCrossEntropy(clip=1.0E-10)", new SoftmaxCrossEntropy(Loss.MCXENT, 1e-10, true).toString());
        assertEquals("SoftmaxCrossEntropy(NLL, clip=1.0E-10)", new SoftmaxCrossEntropy(Loss.NEGATIVELOGLIKELIHOOD, 1e-10, true).toString());
        assertEquals("SoftmaxCrossEntropy(clip=0.0, batch sum)", new SoftmaxCrossEntropy(Loss.MCXENT, 0, false).toString());
    }

    @Test
    void onlyTheSoftmaxLossesAndValidClipsAreAccepted() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(Loss.MSE, 0, true));
        assertEquals("loss mse is not softmax cross-entropy; valid: mcxent | nll", e.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(-1e-3));
        assertEquals("clip -0.001 is invalid; it must be in [0, 0.5)", c.getMessage());
    }

    @Test
    void aClipOfOneHalfOrMoreIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(0.5));
        assertTrue(e.getMessage().contains("clip 0.5 is invalid; it must be in [0, 0.5)"), e.getMessage());
    }
}
