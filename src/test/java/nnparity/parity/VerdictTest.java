package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;

/** How predictions and a run's figures become the verdict, its line and its exit code. */
class VerdictTest {
    /** Differences of small binary fractions are exact. */
    static final double EXACT = 0;
    static final double TOL = 1e-12;

    private static final List<double[]> TWO_POINTS = List.of(new double[]{2, 2}, new double[]{-1, 3});

    /** Three classes per point; rows (0.5, 0.25, 0.25) and (0.125, 0.25, 0.625). */
    private static Predictions predictions(double[] dl4j) {
        return new Predictions(TWO_POINTS, new double[]{0.5, 0.25, 0.25, 0.125, 0.25, 0.625}, dl4j, 3);
    }

    /** |Δloss| 3e-14 at a loss of 1.5: 2e-14 scaled, so the line shows which of the two it prints. */
    private static LockstepResult run(Divergence first, String diverged) {
        List<StepRecord> steps = List.of(new StepRecord(1, 1, 1.5, 1.5, 0, 0), new StepRecord(2, 1, 1.25, 1.25, 3e-17, 4e-16));
        return new LockstepResult(NetSpec.quadrant(), new TrainSpec(2, 4, 42), "quadrants", steps,
                3e-14, 2e-14, 1.5e-16, 4.4e-16, first, diverged, 0.5, 1.5, null);
    }

    @Test
    void predictionsPickTheLargestProbabilityAndCountAgreement() {
        Predictions p = predictions(new double[]{0.25, 0.5, 0.25, 0.125, 0.25, 0.625});
        assertEquals(2, p.size());
        assertEquals(0, p.classScratch(0));
        assertEquals(1, p.classDl4j(0));
        assertEquals(2, p.classScratch(1));
        assertEquals(2, p.classDl4j(1));
        assertEquals(0.5, p.agreement(), EXACT);
        assertEquals(0.25, p.maxAbsProbDiff(), EXACT);
        assertEquals(0.625, p.probScratch(1, 2), EXACT);
        assertEquals(0.25, p.probDl4j(0, 0), EXACT);
        Divergence d = p.firstOver(TOL, 7);
        assertEquals("p[point 0, class 0]", d.where());
        assertEquals(Phase.PREDICTION, d.phase());
        assertEquals(7, d.step());
    }

    @Test
    void eachPointsClassAndProbabilitiesAreReadFromItsOwnRow() {
        double[] rows = {0.2, 0.3, 0.5, 0.6, 0.3, 0.1, 0.1, 0.7, 0.2};
        Predictions p = new Predictions(List.of(new double[]{0, 0}, new double[]{1, 1}, new double[]{2, 2}), rows, rows.clone(), 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(new int[]{2, 0, 1}[i], p.classScratch(i), "point " + i);
            assertEquals(new int[]{2, 0, 1}[i], p.classDl4j(i), "point " + i);
        }
        assertEquals(0.1, p.probDl4j(1, 2), EXACT);
        assertEquals(0.7, p.probScratch(2, 1), EXACT);
        assertEquals(0.2, p.probDl4j(2, 2), EXACT);
    }

    @Test
    void aTieGoesToTheFirstClassOnBothSides() {
        Predictions p = new Predictions(List.of(new double[]{0, 0}), new double[]{0.25, 0.25, 0.5, 0.5}, new double[]{0.25, 0.25, 0.5, 0.5}, 4);
        assertEquals(2, p.classScratch(0));
        assertEquals(2, p.classDl4j(0));
    }

    @Test
    void noPointsAgreeTrivially() {
        assertEquals(1.0, new Predictions(List.of(), new double[0], new double[0], 4).agreement(), EXACT);
    }

    @Test
    void aProbabilityDifferenceBeyondToleranceIsADivergenceEvenWhenClassesAgree() {
        Predictions p = predictions(new double[]{0.5, 0.25, 0.25, 0.125, 0.25 + 1e-9, 0.625 - 1e-9});
        assertEquals(1.0, p.agreement(), EXACT);
        assertEquals("p[point 1, class 1]", p.firstOver(TOL, 1).where());
        assertNull(p.firstOver(1e-8, 1));
    }

    @Test
    void aClassDifferenceIsADivergenceEvenWithinTolerance() {
        // 0.5 vs 0.5 + 1e-13 on both top classes: within 1e-12, but argmax flips on the DL4J side
        Predictions p = new Predictions(List.of(new double[]{0, 0}), new double[]{0.5, 0.5 - 1e-13}, new double[]{0.5 - 1e-13, 0.5}, 2);
        Divergence d = p.firstOver(TOL, 1);
        assertEquals("p[point 0, class 0]", d.where());
    }

    @Test
    void aNaNProbabilityMakesTheMaximumNaNAndDiverges() {
        Predictions p = predictions(new double[]{0.5, 0.25, Double.NaN, 0.125, 0.25, 0.625});
        assertTrue(Double.isNaN(p.maxAbsProbDiff()));
        assertEquals("p[point 0, class 2]", p.firstOver(TOL, 1).where());
    }

    @Test
    void agreeingStepsAndPredictionsAgreeWithExitCode0AndTheFiguresInOneLine() {
        Verdict v = Verdict.of(run(null, null), predictions(new double[]{0.5, 0.25, 0.25, 0.125, 0.25, 0.625}), Tolerances.DEFAULT);
        assertEquals(Outcome.AGREE, v.outcome());
        assertEquals(0, v.exitCode());
        assertNull(v.firstDivergence());
        assertEquals("AGREE: max |Δloss| 3.0e-14, max |Δgrad| 1.5e-16, max |Δparam| 4.4e-16 over 2 steps (double);"
                + " predictions agree 2/2, max |Δp| 0", v.line());
    }

    @Test
    void predictionsThatDifferTurnAnAgreeingRunIntoDisagreeWithExitCode1() {
        Verdict v = Verdict.of(run(null, null), predictions(new double[]{0.25, 0.5, 0.25, 0.125, 0.25, 0.625}), Tolerances.DEFAULT);
        assertEquals(Outcome.DISAGREE, v.outcome());
        assertEquals(1, v.exitCode());
        assertEquals(Phase.PREDICTION, v.firstDivergence().phase());
        assertEquals(2, v.firstDivergence().step(), "predictions are made after the last step");
        assertTrue(v.line().startsWith("DISAGREE: first at step 2, prediction, p[point 0, class 0]"), v.line());
        assertTrue(v.line().endsWith("predictions agree 1/2, max |Δp| 2.5e-1"), v.line());
    }

    @Test
    void aStepDivergenceIsReportedBeforeAnyPrediction() {
        Divergence step = new Divergence(1, Phase.FORWARD, 0, null, -1, -1, 1.5, 1.75);
        Verdict v = Verdict.of(run(step, null), predictions(new double[]{0.25, 0.5, 0.25, 0.125, 0.25, 0.625}), Tolerances.DEFAULT);
        assertEquals(Outcome.DISAGREE, v.outcome());
        assertSame(step, v.firstDivergence());
        assertTrue(v.line().startsWith("DISAGREE: first at step 1, forward pass (loss), loss: hand-written 1.5"), v.line());
    }

    @Test
    void aDivergedRunExitsWith2AndSaysWhy() {
        Verdict v = Verdict.of(run(null, "training diverged at step 2."), predictions(new double[]{0.5, 0.25, 0.25, 0.125, 0.25, 0.625}), Tolerances.DEFAULT);
        assertEquals(Outcome.DIVERGED, v.outcome());
        assertEquals(2, v.exitCode());
        assertEquals("DIVERGED: training diverged at step 2. Until then: max |Δloss| 3.0e-14, max |Δgrad| 1.5e-16,"
                + " max |Δparam| 4.4e-16 over 2 steps (double); predictions agree 2/2, max |Δp| 0", v.line());
        Verdict nan = Verdict.of(run(null, "training diverged at step 2."), predictions(new double[]{0.5, 0.25, Double.NaN, 0.125, 0.25, 0.625}), Tolerances.DEFAULT);
        assertEquals("DIVERGED: training diverged at step 2. Until then: max |Δloss| 3.0e-14, max |Δgrad| 1.5e-16,"
                + " max |Δparam| 4.4e-16 over 2 steps (double)", nan.line(), "no predictions when they are not numbers");
    }

    @Test
    void aFigureThatIsNotANumberIsPrintedAsSuch() {
        LockstepResult nan = new LockstepResult(NetSpec.quadrant(), new TrainSpec(2, 4, 42), "quadrants", List.of(),
                Double.NaN, 0, Double.POSITIVE_INFINITY, 0, null, null, 0, 0, null);
        String line = Verdict.of(nan, predictions(new double[]{0.5, 0.25, 0.25, 0.125, 0.25, 0.625}), Tolerances.DEFAULT).line();
        assertTrue(line.startsWith("AGREE: max |Δloss| NaN, max |Δgrad| Infinity, max |Δparam| 0 over 0 steps"), line);
    }

    @Test
    void aRunIsDivergedBeforeItIsDisagreeing() {
        LockstepResult r = run(new Divergence(1, Phase.FORWARD, 0, null, -1, -1, 1, 2), "blew up");
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(Outcome.DISAGREE, run(new Divergence(1, Phase.FORWARD, 0, null, -1, -1, 1, 2), null).outcome());
        assertEquals(Outcome.AGREE, run(null, null).outcome());
        assertEquals(2, run(null, null).last().step());
    }
}
