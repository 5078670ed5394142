package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class BackwardPassTest {

    /** The copy repeats the production operations in the same order, so it must match to the last bit. */
    private static final double BIT_FOR_BIT = 0.0;

    @ParameterizedTest
    @EnumSource(names = {"RELU", "SIGMOID", "TANH", "IDENTITY"})
    void withoutAFaultTheCopyGivesTheProductionGradientBitForBit(Activation a) {
        for (NetSpec s : GradientCheckMatrixTest.shapes()) {
            NetSpec spec = s.withActivation(a);
            for (int batch : GradientCheckMatrixTest.BATCHES) {
                Batch b = CheckBatches.of(spec, batch, spec.seed());
                ParamSet p = GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, 20);
                ParamSet want = HandWrittenGradient.production().meanGradient(spec, p, b);
                ParamSet got = new BackwardPass(Fault.NONE).meanGradient(spec, p, b);
                for (Group g : Group.values()) {
                    assertArrayEquals(g.of(want), g.of(got), BIT_FOR_BIT, spec + ", batch " + batch + ", " + g);
                }
            }
        }
    }

    @Test
    void transposedWeightGradientOfASquareMatrixIsItsTranspose() {
        NetSpec spec = NetSpec.quadrant().withSizes(3, 3, 3).withActivation(Activation.TANH);
        Batch b = CheckBatches.of(spec, 4, 1);
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet right = new BackwardPass(Fault.NONE).meanGradient(spec, p, b);
        ParamSet wrong = new BackwardPass(Fault.TRANSPOSED_WEIGHT_GRADIENT).meanGradient(spec, p, b);
        for (Group g : new Group[]{Group.W1, Group.W2}) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) assertEquals(g.of(right)[j * 3 + i], g.of(wrong)[i * 3 + j], BIT_FOR_BIT);
            }
        }
        assertArrayEquals(Group.B1.of(right), Group.B1.of(wrong), BIT_FOR_BIT, "only weight gradients change");
    }

    @Test
    void missingBiasGradientZeroesBothBiasesAndNothingElse() {
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 1);
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet right = new BackwardPass(Fault.NONE).meanGradient(spec, p, b);
        ParamSet wrong = new BackwardPass(Fault.MISSING_BIAS_GRADIENT).meanGradient(spec, p, b);
        assertArrayEquals(new double[50], Group.B1.of(wrong), BIT_FOR_BIT);
        assertArrayEquals(new double[4], Group.B2.of(wrong), BIT_FOR_BIT);
        assertArrayEquals(Group.W1.of(right), Group.W1.of(wrong), BIT_FOR_BIT);
        assertArrayEquals(Group.W2.of(right), Group.W2.of(wrong), BIT_FOR_BIT);
    }

    @Test
    void dropped1OverNMultipliesEveryGradientByTheBatchSize() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.SIGMOID);
        Batch b = CheckBatches.of(spec, 32, 1);
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet right = new BackwardPass(Fault.NONE).meanGradient(spec, p, b);
        ParamSet wrong = new BackwardPass(Fault.DROPPED_1_OVER_N).meanGradient(spec, p, b);
        for (Group g : Group.values()) {
            double[] r = g.of(right), w = g.of(wrong);
            // (p - t) vs (p - t)/32 then the same linear maps: equal up to the rounding of one division
            for (int i = 0; i < r.length; i++) assertEquals(32 * r[i], w[i], 1e-15 * Math.abs(w[i]) + 1e-300);
        }
    }

    @Test
    void stepHasNoGradientToCopy() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.STEP);
        Batch b = CheckBatches.of(spec, 1, 1);
        assertThrows(UnsupportedOperationException.class,
                () -> new BackwardPass(Fault.NONE).meanGradient(spec, GradientCheck.initialParams(spec), b));
    }

    @Test
    void toStringNamesTheFault() {
        assertEquals("BackwardPass(fault dropped 1/N)", new BackwardPass(Fault.DROPPED_1_OVER_N).toString());
        assertEquals("hand-written backprop", HandWrittenGradient.production().toString());
    }
}
