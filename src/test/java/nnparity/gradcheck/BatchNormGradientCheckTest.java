package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.spec.Activation;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The three gradient checks on nets with batch normalization: they pass on the production net,
 * after a few training steps (γ, β and the running statistics no longer at their starting values),
 * and the batch-norm backward without its mean term fails the two checks that look at the
 * hand-written gradient, while DL4J's own util, which looks only at DL4J, still passes.
 */
@ExtendWith(OneNd4jThread.class)
class BatchNormGradientCheckTest {
    /** √2 to 32 digits: 1.4142135623730950488016887242097 = hi + lo. */
    private static final double SQRT2_HI = 1.4142135623730951, SQRT2_LO = -9.667293313452913e-17;
    /** A double-double root carries ~1e-32 relative error; 1e-31 of √2's size. */
    private static final double DD_TOL = 1e-31;

    private static final NetSpec SPEC = NetSpec.quadrant().withSizes(2, List.of(8, 6), 4).withInit(Init.XAVIER)
            .withHidden(List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(6, Activation.SIGMOID)))
            .withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
    private static final Batch BATCH = CheckBatches.of(SPEC, 16, 7);

    private static ParamSet trained() {
        return GradientCheck.trained(SPEC, ParamSet.initial(SPEC), BATCH, 5);
    }

    @Test
    void productionNetPassesAllThreeChecksOnWBGammaAndBeta() {
        BatchNormGradientCheck.Result r = BatchNormGradientCheck.run(SPEC, trained(), BATCH, Fault.NONE);
        int elements = 2 * 8 + 8 + 2 * 8 + 8 * 6 + 6 + 2 * 6 + 6 * 4 + 4;
        assertAll(
                () -> assertTrue(r.numerical().pass(), () -> "numerical: " + r.numerical()),
                () -> assertEquals(elements, r.numerical().compared()),
                () -> assertTrue(r.utilPass(), "GradientCheckUtil"),
                () -> assertTrue(r.cross().pass(), () -> "cross-framework: " + r.cross()),
                () -> assertEquals(elements, r.cross().compared()));
    }

    @Test
    void backwardWithoutTheMeanTermFailsTheNumericalAndCrossFrameworkChecks() {
        BatchNormGradientCheck.Result r = BatchNormGradientCheck.run(SPEC, trained(), BATCH, Fault.BATCHNORM_NO_MEAN_TERM);
        assertAll(
                () -> assertFalse(r.numerical().pass(), () -> "numerical: " + r.numerical()),
                () -> assertTrue(r.numerical().maxRel() > 1e-3, () -> "numerical: " + r.numerical()),
                () -> assertTrue(r.utilPass(), "DL4J's util sees only DL4J, which is right"),
                () -> assertFalse(r.cross().pass(), () -> "cross-framework: " + r.cross()),
                () -> assertTrue(r.numerical().worst().startsWith("W1") || r.numerical().worst().startsWith("b1")
                        || r.numerical().worst().startsWith("W2") || r.numerical().worst().startsWith("b2"),
                        () -> "only what lies below a batch norm is wrong: " + r.numerical().worst()));
    }

    @Test
    void doubleDoubleSquareRootKeepsThirtyTwoDigits() {
        DoubleDouble r = BatchNormGradientCheck.sqrt(DoubleDouble.of(2));
        assertEquals(SQRT2_HI, r.hi(), 0);
        assertEquals(SQRT2_LO, r.lo(), DD_TOL);
    }

    @Test
    void refusesKinkedActivations() {
        NetSpec relu = SPEC.withActivation(Activation.RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormGradientCheck.run(relu, ParamSet.initial(relu), BATCH, Fault.NONE));
        assertEquals("the batch-norm check takes activations without kinks, not relu", e.getMessage());
    }
}
