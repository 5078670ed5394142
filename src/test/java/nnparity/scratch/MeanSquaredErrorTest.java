package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;

/**
 * MSE on a 2×3 batch against a numpy peer (the script is quoted at the end of
 * {@link BinaryCrossEntropyTest}): z = [[0.5, −1, 2], [0, 14, −0.25]], y = [[1, 0, 1.5], [0, 1, 0]].
 */
class MeanSquaredErrorTest {
    /** numpy and Java add the same six squares, in the same order here; a rounding or two. */
    static final double NUMPY_PEER = 1e-15;

    static final Matrix Z = Matrix.of(new double[][]{{0.5, -1, 2}, {0, 14, -0.25}});
    static final Matrix Y = Matrix.of(new double[][]{{1, 0, 1.5}, {0, 1, 0}});

    private static double[] gradient(OutputLoss loss) {
        loss.forward(Z.copy(), Y.copy());
        return loss.backward().data;
    }

    @Test
    void identityMseAveragesTheSquaresOverColumnsThenOverTheBatch() {
        // Σ (ŷ − y)² = 0.25 + 1 + 0.25 + 0 + 169 + 0.0625 = 170.5625; / 3 / 2
        assertEquals(28.427083333333332, new MeanSquaredError(Activation.IDENTITY, true).forward(Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.16666666666666666, -0.3333333333333333, 0.16666666666666666, 0.0, 4.333333333333333, -0.08333333333333333},
                gradient(new MeanSquaredError(Activation.IDENTITY, true)), NUMPY_PEER);
    }

    @Test
    void withoutMiniBatchTheLossAndGradientAreSumsOverTheBatch() {
        assertEquals(56.854166666666664, new MeanSquaredError(Activation.IDENTITY, false).forward(Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.3333333333333333, -0.6666666666666666, 0.3333333333333333, 0.0, 8.666666666666666, -0.16666666666666666},
                gradient(new MeanSquaredError(Activation.IDENTITY, false)), NUMPY_PEER);
    }

    @Test
    void tanhMseChainsTwoTimesTheErrorThroughTanhPrime() {
        assertEquals(0.20276586616883896, new MeanSquaredError(Activation.TANH, true).forward(Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.14100558075804456, -0.10661666807487076, -0.012622297855396718, 0.0, -1.2749301737474218e-24, -0.07674239313642765},
                gradient(new MeanSquaredError(Activation.TANH, true)), NUMPY_PEER);
        assertEquals(0.4055317323376779, new MeanSquaredError(Activation.TANH, false).forward(Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.2820111615160891, -0.21323333614974152, -0.025244595710793436, 0.0, -2.5498603474948435e-24, -0.1534847862728553},
                gradient(new MeanSquaredError(Activation.TANH, false)), NUMPY_PEER);
    }

    @Test
    void mseNotColumnAveragedLeavesOutTheOneOverKInLossAndGradient() {
        MeanSquaredError faulty = new MeanSquaredError(Activation.IDENTITY, true, Fault.MSE_NOT_COLUMN_AVERAGED);
        assertEquals(3 * 28.427083333333332, faulty.forward(Z.copy(), Y.copy()), NUMPY_PEER * 3);
        assertArrayEquals(new double[]{-0.5, -1, 0.5, 0, 13, -0.25}, gradient(new MeanSquaredError(Activation.IDENTITY, true, Fault.MSE_NOT_COLUMN_AVERAGED)), NUMPY_PEER);
    }

    @Test
    void dropped1OverNLeavesOutTheOneOverNOfTheGradientOnly() {
        MeanSquaredError faulty = new MeanSquaredError(Activation.IDENTITY, true, Fault.DROPPED_1_OVER_N);
        assertEquals(28.427083333333332, faulty.forward(Z.copy(), Y.copy()), NUMPY_PEER);
        assertArrayEquals(new double[]{-0.3333333333333333, -0.6666666666666666, 0.3333333333333333, 0.0, 8.666666666666666, -0.16666666666666666},
                faulty.backward().data, NUMPY_PEER);
    }

    @Test
    void predictsTheActivationOfTheScoresAndDescribesItself() {
        MeanSquaredError mse = new MeanSquaredError(Activation.RELU, true);
        assertArrayEquals(new double[]{0.5, 0, 2, 0, 14, 0}, mse.activate(Z.copy()).data, 0);
        assertEquals("MeanSquaredError(relu)", mse.toString());
        assertEquals("MeanSquaredError(tanh, batch sum)", new MeanSquaredError(Activation.TANH, false).toString());
    }

    @Test
    void labelsOfAnotherShapeAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError(Activation.IDENTITY, true).forward(Z.copy(), Matrix.zeros(2, 2)));
        assertEquals("labels [2x2] do not match scores [2x3]", e.getMessage());
    }
}
