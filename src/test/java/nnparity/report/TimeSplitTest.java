package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nnparity.parity.Sides;

/** The run's time split: its parts add up to the whole run, the line and the report say the same. */
class TimeSplitTest {
    private static final Sides TURNS = Sides.TAKE_TURNS;
    /** Sums of a few seconds given to two decimals: a few roundings of 1e-16 relative. */
    private static final double SUM_ROUNDING = 1e-12;

    @Test
    void otherIsWhatTheNamedPartsLeaveOfTheWholeRun() {
        TimeSplit t = TimeSplit.of(12.5, 1.25, 8.0, 1.75, 6.0, 0.5, 2.5, TURNS);
        assertEquals(0.25, t.other(), SUM_ROUNDING);
        assertEquals(12.5, t.whole(), SUM_ROUNDING);
        assertEquals(1.25, t.startUp(), 0.0);
        assertEquals(8.0, t.training(), 0.0);
        assertEquals(1.75, t.handWritten(), 0.0);
        assertEquals(6.0, t.dl4j(), 0.0);
        assertEquals(0.5, t.comparison(), 0.0);
        assertEquals(2.5, t.evaluation(), 0.0);
    }

    @Test
    void theComparisonShareIsComparisonOverTraining() {
        assertEquals(0.0625, TimeSplit.of(12.5, 1.25, 8.0, 1.75, 6.0, 0.5, 2.5, TURNS).comparisonShare(), SUM_ROUNDING);
        assertTrue(Double.isNaN(TimeSplit.of(1, 1, 0, 0, 0, 0, 0, TURNS).comparisonShare()), "no training, no share");
    }

    @Test
    void theLineNamesEveryPartWithTheRatioAndTheShare() {
        assertEquals("time: start-up 1.25 s, training 8.00 s (hand-written 1.75 s, DL4J 6.00 s, DL4J/hand-written 3.4×),"
                        + " comparison 0.500 s (6% of training), evaluation 2.50 s, other 0.250 s; whole run 12.5 s",
                TimeSplit.of(12.5, 1.25, 8.0, 1.75, 6.0, 0.5, 2.5, TURNS).line());
    }

    @Test
    void aRatioFromTenOnHasNoDecimalAndOneBelowTenHasOne() {
        assertTrue(TimeSplit.of(30, 1, 22, 2, 20, 1, 1, TURNS).line().contains("(hand-written 2.00 s, DL4J 20.0 s, DL4J/hand-written 10×)"));
        assertTrue(TimeSplit.of(30, 1, 22, 2, 19.8, 1, 1, TURNS).line().contains("DL4J 19.8 s, DL4J/hand-written 9.9×)"));
    }

    @Test
    void withoutTrainingTheLineHasNeitherRatioNorShare() {
        assertEquals("time: start-up 1.00 s, training 0.00 s (hand-written 0.00 s, DL4J 0.00 s), comparison 0.00 s,"
                + " evaluation 0.500 s, other 0.500 s; whole run 2.00 s", TimeSplit.of(2, 1, 0, 0, 0, 0, 0.5, TURNS).line());
    }

    @Test
    void theReportHoldsThePartsInSecondsInTheLinesOrder() {
        Map<String, Object> json = TimeSplit.of(12.5, 1.25, 8.0, 1.75, 6.0, 0.5, 2.5, TURNS).json();
        assertEquals(List.of("startUp", "training", "trainingHandWritten", "trainingDl4j", "comparison", "evaluation", "other", "whole",
                "sides"), List.copyOf(json.keySet()));
        assertEquals("turns", json.get("sides"));
        assertEquals(List.of(1.25, 8.0, 1.75, 6.0, 0.5, 2.5), List.copyOf(json.values()).subList(0, 6));
        assertEquals(0.25, (double) json.get("other"), SUM_ROUNDING);
        assertEquals(12.5, (double) json.get("whole"), SUM_ROUNDING);
    }

    /** Side by side the two sides' own times overlap: the line says so, the report names the mode. */
    @Test
    void sideBySideTheLineSaysSoAndTheReportNamesIt() {
        TimeSplit t = TimeSplit.of(10.5, 1.25, 6.25, 1.75, 6.0, 0.5, 2.5, Sides.SIDE_BY_SIDE);
        assertEquals("time: start-up 1.25 s, training 6.25 s side by side (hand-written 1.75 s, DL4J 6.00 s, DL4J/hand-written 3.4×),"
                + " comparison 0.500 s (8% of training), evaluation 2.50 s, other 0.00 s; whole run 10.5 s", t.line());
        assertEquals("together", t.json().get("sides"));
    }
}
