package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;

/** Each activation's forward and backward at points whose values are known in closed form. */
class ActivationLayerTest {
    /** Values like 0.5, 0.25 and 0 are exact; no rounding is involved. */
    static final double EXACT = 0;
    /** One or two roundings in exp/tanh: a few ulps of numbers near 1. */
    static final double ULPS = 1e-15;

    private static Matrix row(double... v) {
        return new Matrix(1, v.length, v);
    }

    @Test
    void reluPassesPositivesAndZeroesTheRest() {
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        assertArrayEquals(new double[]{0, 0, 2}, relu.forward(row(-1, 0, 2)).data, EXACT);
    }

    @Test
    void reluBackwardPassesGradientOnlyWhereTheInputWasPositive() {
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        relu.forward(row(-1, 0, 2));
        // at z = 0 the derivative is taken as 0, as DL4J does
        assertArrayEquals(new double[]{0, 0, 5}, relu.backward(row(3, 4, 5)).data, EXACT);
    }

    @Test
    void sigmoidIsHalfAtZeroWithSlopeAQuarter() {
        ActivationLayer s = new ActivationLayer(Activation.SIGMOID);
        assertArrayEquals(new double[]{0.5}, s.forward(row(0)).data, EXACT);
        assertArrayEquals(new double[]{0.5}, s.backward(row(2)).data, EXACT);
    }

    @Test
    void sigmoidBackwardIsHTimesOneMinusH() {
        ActivationLayer s = new ActivationLayer(Activation.SIGMOID);
        double h = 1 / (1 + Math.exp(-2));
        assertArrayEquals(new double[]{h}, s.forward(row(2)).data, ULPS);
        assertArrayEquals(new double[]{h * (1 - h)}, s.backward(row(1)).data, ULPS);
    }

    @Test
    void tanhBackwardIsOneMinusHSquared() {
        ActivationLayer t = new ActivationLayer(Activation.TANH);
        assertArrayEquals(new double[]{0, Math.tanh(1)}, t.forward(row(0, 1)).data, ULPS);
        double h = Math.tanh(1);
        assertArrayEquals(new double[]{1, 1 - h * h}, t.backward(row(1, 1)).data, ULPS);
    }

    @Test
    void identityPassesValuesAndGradientsThrough() {
        ActivationLayer id = new ActivationLayer(Activation.IDENTITY);
        assertArrayEquals(new double[]{-3, 4}, id.forward(row(-3, 4)).data, EXACT);
        assertArrayEquals(new double[]{7, 8}, id.backward(row(7, 8)).data, EXACT);
    }

    @Test
    void stepRunsForwardAsTheTutorialDefinesIt() {
        ActivationLayer step = new ActivationLayer(Activation.STEP);
        assertArrayEquals(new double[]{0, 0, 1}, step.forward(row(-2, 0, 0.1)).data, EXACT);
    }

    @Test
    void stepRefusesBackpropWithAnExplanation() {
        ActivationLayer step = new ActivationLayer(Activation.STEP);
        step.forward(row(1));
        var e = assertThrows(UnsupportedOperationException.class, () -> step.backward(row(1)));
        assertTrue(e.getMessage().contains("cannot be trained by backpropagation"), e.getMessage());
    }
}
