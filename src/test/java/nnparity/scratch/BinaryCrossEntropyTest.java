package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sigmoid + binary cross-entropy against a numpy peer (quoted at the end of this file) on
 * z = [[0.5, −1, 2], [0, 14, −0.25]] with 0/1 labels y = [[1, 0, 1], [0, 0, 1]]. At z = 14,
 * σ = 0.99999917 lies beyond the default clip 1 − 1e-5: the clip changes score and gradient there.
 */
class BinaryCrossEntropyTest {
    /** numpy and Java use the same exp and log and add six terms: a few roundings of numbers of order 1. */
    static final double NUMPY_PEER = 1e-14;

    static final Matrix Y = Matrix.of(new double[][]{{1, 0, 1}, {0, 0, 1}});

    private static double[] gradient(OutputLoss loss) {
        loss.forward(MeanSquaredErrorTest.Z.copy(), Y.copy());
        return loss.backward().data;
    }

    @Test
    void scoreAndGradientWithDl4jsDefaultClip() {
        assertEquals(6.9731393740774354, new BinaryCrossEntropy(1e-5, true).forward(MeanSquaredErrorTest.Z.copy(), Y.copy()), NUMPY_PEER);
        assertEquals(13.946278748154871, new BinaryCrossEntropy(1e-5, false).forward(MeanSquaredErrorTest.Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.1887703343990727, 0.13447071068499755, -0.05960146101105884, 0.25, 0.04157636681660078, -0.28108825044289903},
                gradient(new BinaryCrossEntropy(1e-5, true)), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.3775406687981454, 0.2689414213699951, -0.11920292202211769, 0.5, 0.08315273363320155, -0.5621765008857981},
                gradient(new BinaryCrossEntropy(1e-5, false)), NUMPY_PEER);
    }

    @Test
    void withoutTheClipTheGradientIsSigmaMinusY() {
        assertEquals(8.216677057292321, new BinaryCrossEntropy(0, true).forward(MeanSquaredErrorTest.Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.3775406687981454, 0.2689414213699951, -0.11920292202211769, 0.5, 0.9999991684719721, -0.5621765008857981},
                gradient(new BinaryCrossEntropy(0, false)), NUMPY_PEER);
    }

    @Test
    void theClipShrinksTheGradientWhereTheOutputIsBeyondIt() {
        // z = 14, y = 0: (c − y)/(c(1 − c)) · σ(1 − σ) with c = 1 − 1e-5: 0.083 instead of σ − y ≈ 1
        double clipped = gradient(new BinaryCrossEntropy(1e-5, false))[4], unclipped = gradient(new BinaryCrossEntropy(0, false))[4];
        assertTrue(clipped < 0.1 * unclipped, clipped + " vs " + unclipped);
    }

    @Test
    void theClipWorksAtBothEnds() {
        // z = −14, y = 1: σ = 8.3e-7 is clipped up to 1e-5, so the score is −ln(1e-5) ≈ 11.51, not 14;
        // z = 14, y = 1: σ is clipped down to 1 − 1e-5, ln(1 − 1e-5) ≈ −1e-5 (numpy peer)
        BinaryCrossEntropy xent = new BinaryCrossEntropy(1e-5, false);
        assertEquals(11.51293546502023, xent.forward(Matrix.of(new double[][]{{-14, 14}}), Matrix.of(new double[][]{{1, 1}})), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.08315273362252713, -8.31535651684748e-07}, xent.backward().data, NUMPY_PEER);
    }

    @Test
    void dropped1OverNLeavesOutTheOneOverNOfTheGradient() {
        assertArrayEquals(new double[]{-0.3775406687981454, 0.2689414213699951, -0.11920292202211769, 0.5, 0.08315273363320155, -0.5621765008857981},
                gradient(new BinaryCrossEntropy(1e-5, true, Fault.DROPPED_1_OVER_N)), NUMPY_PEER);
    }

    @Test
    void predictsSigmoidOfTheScoresUnclippedAndDescribesItself() {
        BinaryCrossEntropy xent = new BinaryCrossEntropy(1e-5, true);
        assertEquals(0.5, xent.activate(Matrix.of(new double[][]{{0}})).data[0], 0);
        assertEquals(1.0, xent.activate(Matrix.of(new double[][]{{40}})).data[0], 0, "the clip is the loss's, not the prediction's");
        assertEquals("BinaryCrossEntropy(sigmoid, clip=1.0E-5)", xent.toString());
        assertEquals("BinaryCrossEntropy(sigmoid, clip=0.0, batch sum)", new BinaryCrossEntropy(0, false).toString());
    }

    @Test
    void aClipOutsideZeroToOneHalfIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BinaryCrossEntropy(0.5, true));
        assertEquals("clip 0.5 is invalid; it must be in [0, 0.5)", e.getMessage());
    }

    /*
     * The numpy peer of these loss tests (numpy 2.4, float64):
     *
     *   z = np.array([[0.5, -1.0, 2.0], [0.0, 14.0, -0.25]]); N, K = z.shape
     *   y = np.array([[1.0, 0.0, 1.5], [0.0, 1.0, 0.0]])              # MSE, L1
     *   for f, df in [(id, 1), (np.tanh, 1 - np.tanh(z)**2)]:        # MSE
     *       sq = ((f(z) - y)**2).sum();  mean = sq / K / N;  sum = sq / K
     *       grad_sum = df * ((f(z) - y) * 2) / K;  grad_mean = grad_sum / N
     *   s = np.abs(z - y).sum(); g = np.sign(z - y)                   # L1: mean s / N, sum s
     *   yb = np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])            # XENT
     *   sig = 1 / (1 + np.exp(-z)); c = np.clip(sig, eps, 1 - eps)
     *   s = (np.log(c) * yb + np.log(1 - c) * (1 - yb)).sum()         # mean -s / N, sum -s
     *   grad_sum = (c - yb) / (c * (1 - c)) * (sig * (1 - sig))
     *   t = [[0, 0, 1], [0, 1, 0]]; p = softmax(z); s = (t * np.log(np.clip(p, 1e-10, 1 - 1e-10))).sum()
     *   grad_sum = p - t                                              # MCXENT, NLL
     */

    @Test
    void labelsOfAnotherShapeAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy(1e-5, true).forward(Matrix.zeros(2, 3), Matrix.zeros(2, 2)));
        assertTrue(e.getMessage().contains("[2x2]") && e.getMessage().contains("[2x3]"), e.getMessage());
    }
}
