package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/** Dropout inside the hand-written net: before the dense layer it is set on, in training only. */
class NetworkDropoutTest {
    static final double ONE_ROUNDING = 1e-15;

    /** 2 → 2 (identity) → 1, MSE; W1 = I, b1 = 0, W2 = [1, 1]ᵀ, b2 = 0: the output is the sum of the hidden units. */
    private static final NetSpec SPEC = NetSpec.quadrant().withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.IDENTITY)).withSizes(2, List.of(2), 1)
            .withHidden(List.of(new LayerSpec(2, Activation.IDENTITY)))
            .withOutput(new LayerSpec(1, Activation.IDENTITY).withKeepProb(0.5));
    private static final ParamSet PARAMS = new ParamSet(List.of(
            new DenseParams(2, 2, new double[]{1, 0, 0, 1}, new double[]{0, 0}),
            new DenseParams(2, 1, new double[]{1, 1}, new double[]{0})));
    /** Drops the hidden unit 1 at iteration 0 and unit 0 at later iterations. */
    private static final MaskSource MASKS = (layer, it, rows, cols) -> it == 0 ? new double[]{1, 0} : new double[]{0, 1};

    @Test
    void trainingDropsTheOutputLayersInputAndScalesTheKeptUnitByOneOverP() {
        Network net = new Network(SPEC, PARAMS, MASKS);
        // x = [3, 5]: a1 = [3, 5]; dropped → [3/0.5, 0] = [6, 0]; ŷ = 6; MSE with t = 0 → 6² = 36
        double loss = net.lossAndGradients(Matrix.of(new double[][]{{3, 5}}), Matrix.of(new double[][]{{0}}));
        assertEquals(36, loss, ONE_ROUNDING * 36);
        // ∂L/∂ŷ = 2·6 = 12; ∂L/∂W2 = (a1 ⊙ m/p)ᵀ · 12 = [72, 0]
        assertArrayEquals(new double[]{72, 0}, net.gradients().layers().get(1).w(), ONE_ROUNDING * 72);
        // ∂L/∂a1 = 12 · W2ᵀ ⊙ m/p = [24, 0]; ∂L/∂W1 = xᵀ · [24, 0]
        assertArrayEquals(new double[]{72, 0, 120, 0}, net.gradients().layers().get(0).w(), ONE_ROUNDING * 120);
    }

    @Test
    void theIterationPicksTheMask() {
        Network net = new Network(SPEC, PARAMS, MASKS);
        net.setIteration(1);
        // unit 0 dropped now: [0, 10] → ŷ = 10, loss 100
        assertEquals(100, net.lossAndGradients(Matrix.of(new double[][]{{3, 5}}), Matrix.of(new double[][]{{0}})), ONE_ROUNDING * 100);
    }

    @Test
    void predictionIsInferenceWithoutDropout() {
        Network net = new Network(SPEC, PARAMS, MASKS);
        assertArrayEquals(new double[]{8}, net.predict(Matrix.of(new double[][]{{3, 5}})).data, 0.0);
        assertArrayEquals(new double[]{3, 5}, net.feedForward(Matrix.of(new double[][]{{3, 5}})).get(1).data, 0.0);
        assertTrue(net.toString().contains("Dropout(keep=0.5) → Dense(2→1)"), net.toString());
    }

    @Test
    void aNetThatDropsUnitsWithoutAMaskSourceIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Network(SPEC, PARAMS));
        assertTrue(e.getMessage().contains("the hand-written net needs a MaskSource"), e.getMessage());
    }
}
