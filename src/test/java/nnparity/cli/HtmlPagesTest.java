package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.parity.Predictions;
import nnparity.report.EpochTable;
import nnparity.report.HtmlReport.Block;
import nnparity.report.HtmlReport.Cell;
import nnparity.report.HtmlReport.Paragraph;
import nnparity.report.HtmlReport.Table;
import nnparity.report.HtmlReport.Tone;

/** The task parts of the {@code --html} page, from hand-made figures with known answers. */
class HtmlPagesTest {

    /** Two named points and a grid of two; the second named point's classes differ. */
    static Predictions predictions() {
        return new Predictions(List.of(new double[]{2, 2}, new double[]{-1, 1}, new double[]{1, 1}, new double[]{-1, -1}),
                new double[]{0.7, 0.3, 0.6, 0.4, 0.8, 0.2, 0.1, 0.9},
                new double[]{0.7, 0.3, 0.4, 0.6, 0.8, 0.2, 0.9, 0.1}, 2);
    }

    private static List<String> texts(List<Cell> row) {
        return row.stream().map(Cell::text).toList();
    }

    @Test
    void eachNamedPointShowsBothClassesTheirProbabilitiesAndTheLargestDifferenceOverClasses() {
        List<Block> blocks = HtmlPages.quadrantPredictions(predictions(), List.of("(2,2)", "(-1,1)", "(1,1)", "(-1,-1)"), 2,
                List.of("A", "B"), new int[]{0, 0}, true);

        Table named = (Table) blocks.get(0);
        assertEquals(List.of("point", "class hand-written", "class DL4J", "probability hand-written", "probability DL4J",
                "max |Δ| over classes"), named.columns());
        assertEquals(List.of("(2,2)", "A", "A", "70.0%", "70.0%", "0"), texts(named.rows().get(0)));
        assertEquals(List.of("(-1,1)", "A", "B", "60.0%", "60.0%", "2.0e-1"), texts(named.rows().get(1)));
        assertEquals(Tone.PLAIN, named.rows().get(0).get(1).tone());
        assertEquals(Tone.BAD, named.rows().get(1).get(1).tone());
        assertEquals(Tone.BAD, named.rows().get(1).get(2).tone());

        Table every = (Table) blocks.get(1);
        assertEquals(List.of("point", "net", "A", "B"), every.columns());
        assertEquals(4, every.rows().size(), "two rows per named point");
        assertEquals(List.of("(-1,1)", "hand-written", "0.600000", "0.400000"), texts(every.rows().get(2)));
        assertEquals(List.of("", "DL4J", "0.400000", "0.600000"), texts(every.rows().get(3)));
        assertEquals(List.of(Tone.GOOD, Tone.PLAIN), every.rows().get(2).subList(2, 4).stream().map(Cell::tone).toList());
        assertEquals(List.of(Tone.PLAIN, Tone.GOOD), every.rows().get(3).subList(2, 4).stream().map(Cell::tone).toList());

        // grid: (1,1) both A, truth A; (-1,-1) hand-written B, DL4J A, truth A
        assertEquals("Held-out grid of 2 points: the classes agree on 1/2; the correct quadrant 1/2 (hand-written) and 2/2 (DL4J).",
                ((Paragraph) blocks.get(2)).text());
    }

    @Test
    void outputsThatAreNotProbabilitiesAreShownAsNumbersAndNanSaysTrainingDiverged() {
        List<Block> blocks = HtmlPages.quadrantPredictions(predictions(), List.of("a", "b", "c", "d"), 1, List.of("A", "B"),
                new int[]{1, 1, 1}, false);
        Table named = (Table) blocks.get(0);
        assertEquals("largest output (not a probability) hand-written", named.columns().get(3));
        assertEquals(List.of("a", "A", "A", "0.7000", "0.7000", "0"), texts(named.rows().get(0)));
        assertEquals("Every class's output (the largest in green)", ((Table) blocks.get(1)).caption());

        Predictions nan = new Predictions(List.of(new double[]{2, 2}), new double[]{Double.NaN, 0}, new double[]{0.5, 0.5}, 2);
        List<Block> none = HtmlPages.quadrantPredictions(nan, List.of("(2,2)"), 1, List.of("A", "B"), new int[0], true);
        assertEquals(1, none.size());
        assertEquals("None: the nets' probabilities are not numbers (training diverged).", ((Paragraph) none.get(0)).text());
    }

    @Test
    void theConfusionMatrixShadesEachCellByItsShareOfTheActualClass() {
        Table t = HtmlPages.confusion("c", new int[][]{{3, 1}, {0, 0}}, List.of("cat", "dog"));
        assertEquals(List.of("actual \\ predicted", "cat", "dog"), t.columns());
        assertEquals(List.of("cat", "3", "1"), texts(t.rows().get(0)));
        assertEquals(0.75, t.rows().get(0).get(1).heat());
        assertEquals(0.25, t.rows().get(0).get(2).heat());
        assertEquals(0.0, t.rows().get(1).get(1).heat(), "an empty class shades nothing");
        assertEquals(1, t.textColumns());
    }

    @Test
    void theAccuracyTableShowsFourDecimalsAndMarksAnEpochWhoseTestClassesDiffer() {
        Table t = HtmlPages.accuracyPerEpoch(List.of(new EpochTable.Row(1, 0.81234, 0.81234, 0.5, 0.5, 40, 40, 1, 2, 3),
                new EpochTable.Row(2, 0.9, 0.9, 0.75, 0.7, 39, 40, 1, 2, 3)));
        assertEquals(List.of("1", "0.8123", "0.8123", "0.5000", "0.5000", "40/40"), texts(t.rows().get(0)));
        assertEquals(List.of("2", "0.9000", "0.9000", "0.7500", "0.7000", "39/40"), texts(t.rows().get(1)));
        assertEquals(Tone.PLAIN, t.rows().get(0).get(5).tone());
        assertEquals(Tone.BAD, t.rows().get(1).get(5).tone());
    }
}
