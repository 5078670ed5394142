package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /**
     * σ(2) and σ'(2) = e⁻²/(1 + e⁻²)², to 40 digits with Python's decimal, rounded to double:
     * a closed form other than the layer's h(1 − h).
     */
    @Test
    void sigmoidAtTwoMatchesItsClosedFormValueAndSlope() {
        ActivationLayer s = new ActivationLayer(Activation.SIGMOID);
        assertArrayEquals(new double[]{0.8807970779778824, 0.11920292202211755}, s.forward(row(2, -2)).data, ULPS);
        assertArrayEquals(new double[]{0.10499358540350652, 3 * 0.10499358540350652}, s.backward(row(1, 3)).data, ULPS);
    }

    /** tanh(1) and tanh'(1) = 4/(e + e⁻¹)² = sech²(1), to 40 digits with Python's decimal. */
    @Test
    void tanhAtOneMatchesItsClosedFormValueAndSlope() {
        ActivationLayer t = new ActivationLayer(Activation.TANH);
        assertArrayEquals(new double[]{0, 0.7615941559557649, -0.7615941559557649}, t.forward(row(0, 1, -1)).data, ULPS);
        assertArrayEquals(new double[]{1, 0.4199743416140261, -2 * 0.4199743416140261}, t.backward(row(1, 1, -2)).data, ULPS);
    }

    @Test
    void reluBackwardUsesTheInputNotTheIncomingGradientForItsMask() {
        ActivationLayer relu = new ActivationLayer(Activation.RELU);
        relu.forward(row(3, -3, 1e-300, -0.0));
        // a negative incoming gradient passes where z > 0; -0.0 and z ≤ 0 block it
        assertArrayEquals(new double[]{-7, 0, -2, 0}, relu.backward(row(-7, -5, -2, 9)).data, EXACT);
    }

    @Test
    void eachActivationDescribesItselfByItsCommandLineName() {
        assertEquals("relu", new ActivationLayer(Activation.RELU).toString());
        assertEquals(Activation.TANH, new ActivationLayer(Activation.TANH).activation());
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
