package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;

/** The L1 loss on the batch of {@link MeanSquaredErrorTest}, against the same numpy peer. */
class L1LossTest {
    /** Sums of halves and quarters: exact. */
    static final double EXACT = 0;

    private static double[] gradient(OutputLoss loss) {
        loss.forward(MeanSquaredErrorTest.Z.copy(), MeanSquaredErrorTest.Y.copy());
        return loss.backward().data;
    }

    @Test
    void l1SumsAbsoluteErrorsOverColumnsAndAveragesOverTheBatch() {
        // |ŷ − y| = 0.5 + 1 + 0.5 + 0 + 13 + 0.25 = 15.25, not divided by K = 3
        assertEquals(7.625, new L1Loss(Activation.IDENTITY, true).forward(MeanSquaredErrorTest.Z.copy(), MeanSquaredErrorTest.Y.copy()), EXACT);
        assertEquals(15.25, new L1Loss(Activation.IDENTITY, false).forward(MeanSquaredErrorTest.Z.copy(), MeanSquaredErrorTest.Y.copy()), EXACT);
    }

    @Test
    void theGradientIsTheSignOfTheErrorAndZeroWhereTheOutputHitsTheLabel() {
        // the fourth output is 0 with label 0: sign(0) = 0, ND4J's Sign
        assertArrayEquals(new double[]{-0.5, -0.5, 0.5, 0, 0.5, -0.5}, gradient(new L1Loss(Activation.IDENTITY, true)), EXACT);
        assertArrayEquals(new double[]{-1, -1, 1, 0, 1, -1}, gradient(new L1Loss(Activation.IDENTITY, false)), EXACT);
        assertArrayEquals(new double[]{-1, -1, 1, 0, 1, -1}, gradient(new L1Loss(Activation.IDENTITY, true, Fault.DROPPED_1_OVER_N)), EXACT);
    }

    @Test
    void theSignIsChainedThroughTheOutputActivation() {
        // relu: f' = 0 where z ≤ 0 (z = −1, 0, −0.25), 1 elsewhere
        assertArrayEquals(new double[]{-0.5, 0, 0.5, 0, 0.5, 0}, gradient(new L1Loss(Activation.RELU, true)), EXACT);
        assertEquals("L1Loss(relu)", new L1Loss(Activation.RELU, true).toString());
        assertEquals("L1Loss(identity, batch sum)", new L1Loss(Activation.IDENTITY, false).toString());
    }

    @Test
    void labelsOfAnotherShapeAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new L1Loss(nnparity.spec.Activation.IDENTITY, true).forward(Matrix.zeros(2, 3), Matrix.zeros(3, 3)));
        assertTrue(e.getMessage().startsWith("labels "), e.getMessage());
    }
}
