package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import nnparity.data.QuadrantData;
import nnparity.parity.Predictions;

/** How the decision regions are computed and drawn: the grid in batches, the cells as rectangles, no seams. */
class DecisionRegionsTest {
    private static final int N = DecisionRegions.CELLS;
    /** Ends that are sums of exact binary fractions (0.5, 1000.5, 6.5) come out exact. */
    private static final double EXACT = 0;
    /** −4 − 0.02/2 and −3.96 + 0.02/2 are a rounding or two from −4.01 and −3.95. */
    private static final double ROUNDING = 1e-12;

    /** The classes of a rule on (column, row), row by row. */
    private static int[] grid(java.util.function.IntBinaryOperator classOf) {
        int[] cls = new int[N * N];
        for (int r = 0; r < N; r++) for (int c = 0; c < N; c++) cls[r * N + c] = classOf.applyAsInt(c, r);
        return cls;
    }

    /** Each cell painted once per rectangle that covers it: the rectangles must cover exactly the cells of class k, once. */
    private static void assertTiles(int[] cls, int k) {
        int[] times = new int[N * N];
        for (int[] rc : DecisionRegions.rectangles(cls, k)) {
            assertTrue(rc[0] <= rc[1] && rc[2] <= rc[3], Arrays.toString(rc));
            for (int r = rc[2]; r <= rc[3]; r++) for (int c = rc[0]; c <= rc[1]; c++) times[r * N + c]++;
        }
        for (int i = 0; i < times.length; i++) assertEquals(cls[i] == k ? 1 : 0, times[i], "cell " + i % N + "," + i / N);
    }

    @Test
    void oneClassEverywhereIsOneRectangleAndAnAbsentClassNone() {
        int[] all = new int[N * N];
        List<int[]> r = DecisionRegions.rectangles(all, 0);
        assertEquals(1, r.size());
        assertArrayEquals(new int[]{0, 160, 0, 160}, r.get(0));
        assertEquals(List.of(), DecisionRegions.rectangles(all, 1));
    }

    @Test
    void runsThatRepeatRowAfterRowStackIntoOneRectangle() {
        // class 1: columns 10..20 of rows 5..9, and columns 10..21 of rows 10..12 (a wider run starts a new rectangle)
        int[] cls = grid((c, r) -> r >= 5 && r <= 9 && c >= 10 && c <= 20 || r >= 10 && r <= 12 && c >= 10 && c <= 21 ? 1 : 0);
        List<int[]> r = DecisionRegions.rectangles(cls, 1);
        assertEquals(2, r.size());
        assertArrayEquals(new int[]{10, 20, 5, 9}, r.get(0));
        assertArrayEquals(new int[]{10, 21, 10, 12}, r.get(1));
        assertTiles(cls, 0);
    }

    @Test
    void theRectanglesCoverEachCellOfTheirClassExactlyOnce() {
        int[] diagonal = grid((c, r) -> c > r ? 1 : 0);
        int[] rings = grid((c, r) -> (int) Math.hypot(c - 80, r - 80) / 9 % 3);
        int[] checker = grid((c, r) -> (c / 3 + r / 5) % 2);
        for (int[] cls : List.of(diagonal, rings, checker)) for (int k = 0; k < 3; k++) assertTiles(cls, k);
        assertEquals(160, DecisionRegions.rectangles(diagonal, 1).size(), "one run a row, each a different length");
        assertThrows(IllegalArgumentException.class, () -> DecisionRegions.rectangles(new int[10], 0));
    }

    /** Class by quadrant; records how many points each call asked for. */
    private static Function<List<double[]>, Predictions> quadrants(List<Integer> calls, boolean dl4jSaysI) {
        return pts -> {
            calls.add(pts.size());
            double[] s = new double[pts.size() * 4], d = new double[pts.size() * 4];
            for (int i = 0; i < pts.size(); i++) {
                int q = QuadrantData.quadrantOf(pts.get(i)[0], pts.get(i)[1]);
                s[i * 4 + q] = 1;
                d[i * 4 + (dl4jSaysI ? 0 : q)] = 1;
            }
            return new Predictions(pts, s, d, 4);
        };
    }

    @Test
    void theGridIsAskedForEightRowsAtATimeAndComesBackInGridOrder() {
        List<Integer> calls = new ArrayList<>();
        DecisionRegions.Classes c = DecisionRegions.classify(quadrants(calls, false));
        // 161 rows: 20 calls of 8 rows (1288 points) and one of the last row (161)
        List<Integer> expected = new ArrayList<>(java.util.Collections.nCopies(20, 1288));
        expected.add(161);
        assertEquals(expected, calls);
        int[] hand = c.hand();
        // row 0 is y = −2, column 0 x = −2: quadrant III (index 2); row 160, column 160 is (2, 2): I (0)
        assertEquals(2, hand[0]);
        assertEquals(3, hand[160], "(2, −2): IV");
        assertEquals(1, hand[160 * N], "(−2, 2): II");
        assertEquals(0, hand[N * N - 1]);
        assertArrayEquals(hand, c.dl4j());
        assertEquals(0, c.differ());
    }

    @Test
    void classesCountWhereTheNetsDiffer() {
        DecisionRegions.Classes c = DecisionRegions.classify(quadrants(new ArrayList<>(), true));
        int notI = 0;
        for (int k : c.hand()) if (k != 0) notI++;
        assertEquals(notI, c.differ());
        assertTrue(notI > 3 * N * N / 4 - 2 * N, "three quadrants: " + notI);
        assertThrows(IllegalArgumentException.class, () -> new DecisionRegions.Classes(new int[3], new int[3]));
        assertNotEquals(c, DecisionRegions.classify(quadrants(new ArrayList<>(), false)));
        assertEquals(c, DecisionRegions.classify(quadrants(new ArrayList<>(), true)));
    }

    /** A staircase boundary (160 rectangles a class) leaves no background showing between rectangles. */
    @Test
    void neighbouringRectanglesLeaveNoSeam() {
        int[] stairs = grid((c, r) -> c > r ? 0 : 1);
        Picture p = DecisionRegions.of(new DecisionRegions.Classes(stairs, stairs), QuadrantData.tutorial(),
                Arrays.asList(QuadrantData.NAMES), null);
        BufferedImage img = PngAssert.validPng(p, 1800, 660);
        int regionI = 0x9ac2dd, regionII = 0xffc593;
        int x0 = Integer.MAX_VALUE, x1 = -1, y0 = Integer.MAX_VALUE, y1 = -1;
        for (int y = 0; y < 600; y++) for (int x = 0; x < 600; x++) {
            int rgb = img.getRGB(x, y) & 0xffffff;
            if (rgb == regionI || rgb == regionII) {
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        assertTrue(x1 - x0 > 400 && y1 - y0 > 400, "the square is drawn: " + x0 + ".." + x1 + " × " + y0 + ".." + y1);
        int pale = 0;
        for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) {
            int rgb = img.getRGB(x, y);
            if ((rgb >> 16 & 0xff) >= 0xf0 && (rgb >> 8 & 0xff) >= 0xf0 && (rgb & 0xff) >= 0xf0) pale++;
        }
        assertEquals(0, pale, "pixels of background between the rectangles");
    }

    @Test
    void anAxisAroundEquallySpacedDataReachesHalfAStepPastEachEnd() {
        XYChart c = new XYChart(100, 100);
        double[] steps = new double[1000];
        for (int i = 0; i < steps.length; i++) steps[i] = i + 1;
        Charts.xAxisAround(c, steps);
        assertEquals(0.5, c.getStyler().getXAxisMin(), EXACT);
        assertEquals(1000.5, c.getStyler().getXAxisMax(), EXACT);
        Charts.xAxisAround(c, new double[]{-4, -3.98, -3.96});
        assertEquals(-4.01, c.getStyler().getXAxisMin(), ROUNDING);
        assertEquals(-3.95, c.getStyler().getXAxisMax(), ROUNDING);
        Charts.xAxisAround(c, new double[]{7});
        assertEquals(6.5, c.getStyler().getXAxisMin(), EXACT);
        assertEquals(7.5, c.getStyler().getXAxisMax(), EXACT);
    }
}
