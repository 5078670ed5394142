package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

import nnparity.data.QuadrantData;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * A run whose loss falls below 1e-4: RMSProp (lr 0.1) with batch norm on the tutorial's 4 points,
 * the CLI's {@code --updater rmsprop --batchnorm --epochs 40}. Its loss is 8.8e-5 at step 5 and
 * 4.8e-5 by step 37, where the two sides' losses are 5.6e-17 (about 2⁻⁵⁴) apart: rounding, but
 * 1.15e-12 of the loss, so the old relative loss rule called the run DISAGREE there. The loss is
 * now compared by |a − b| / max(1, |a|, |b|) like everything else ({@link Tolerances}).
 */
class SmallLossLockstepTest {
    /** The bound the old relative rule and the scaled one both use (the harness's default). */
    static final double LOSS_TOL = 1e-12;
    /** The loss this run falls below: where a relative bound on the loss stops making sense. */
    static final double SMALL_LOSS = 1e-4;
    /** What the test adds to DL4J's loss: twice the tolerance, 4e-8 of a loss of 4.8e-5. */
    static final double TAMPER = 2e-12;
    /** The tampered difference read back: the two sides' own 5.6e-17 at step 37, and a rounding of the sum, on top of TAMPER. */
    static final double ROUNDING_OF_THE_LOSS = 1e-16;
    static final NetSpec RMSPROP_BATCHNORM = NetSpec.quadrant().withUpdater(UpdaterSpec.defaults(Updater.RMSPROP))
            .withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
    static final TrainSpec FORTY_STEPS = new TrainSpec(40, 4, 42);

    private static Lockstep rmspropBatchNorm() {
        return new Lockstep(RMSPROP_BATCHNORM, FORTY_STEPS, QuadrantData.tutorial(), Tolerances.DEFAULT);
    }

    /** max over steps of |a − b| / max(|a|, |b|), the old rule's figure, in exact decimal arithmetic. */
    private static double maxRelativeLossDiff(LockstepResult r) {
        BigDecimal max = BigDecimal.ZERO;
        for (StepRecord s : r.steps()) {
            BigDecimal a = new BigDecimal(s.lossScratch()), b = new BigDecimal(s.lossDl4j());
            if (a.compareTo(b) == 0) continue;
            BigDecimal rel = a.subtract(b).abs().divide(a.abs().max(b.abs()), MathContext.DECIMAL64);
            max = max.max(rel);
        }
        return max.doubleValue();
    }

    @Test
    void aRunWhoseLossFallsBelowOneInTenThousandAgreesThoughTheOldRelativeRuleWouldNot() {
        LockstepResult r = rmspropBatchNorm().run();
        assertAll(
                () -> assertEquals(40, r.steps().size(), "steps"),
                () -> assertNull(r.diverged(), "diverged"),
                () -> assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence()),
                () -> assertEquals(Outcome.AGREE, r.outcome()));
        assertTrue(r.last().lossScratch() < SMALL_LOSS && r.last().lossDl4j() < SMALL_LOSS, "final loss " + r.last().lossScratch());
        assertTrue(r.maxScaledLossDiff() <= LOSS_TOL, "max scaled |Δloss| " + r.maxScaledLossDiff());
        double oldFigure = maxRelativeLossDiff(r);
        assertTrue(oldFigure > LOSS_TOL, "the relative rule would have passed too: max relative |Δloss| " + oldFigure);
        System.out.printf("RMSProp + batch norm, 40 steps: final loss %.6g, max |Δloss| %.3g, max scaled %.3g, max relative %.3g%n",
                r.last().lossScratch(), r.maxAbsLossDiff(), r.maxScaledLossDiff(), oldFigure);
    }

    /** The loss still counts at that size: DL4J's, 2e-12 off at step 37, is caught there, in the forward pass. */
    @Test
    void aSmallLossTamperedByTwiceTheToleranceDisagreesAtTheForwardPassOfItsStep() {
        LockstepResult r = rmspropBatchNorm().tamper(Lockstep.Tamper.lossAt(37, loss -> loss + TAMPER)).run();
        Divergence d = r.firstDivergence();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(37, d.step());
        assertEquals(Phase.FORWARD, d.phase());
        assertEquals("loss", d.where());
        assertTrue(d.scratch() < SMALL_LOSS, "the loss at step 37 is small: " + d.scratch());
        assertEquals(TAMPER, d.dl4j() - d.scratch(), ROUNDING_OF_THE_LOSS);
        assertTrue(r.maxAbsGradDiff() <= LOSS_TOL && r.maxAbsParamDiff() <= LOSS_TOL, "only the loss was changed");
    }
}
