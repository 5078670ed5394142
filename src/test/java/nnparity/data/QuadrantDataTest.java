package nnparity.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuadrantDataTest {

    /**
     * The points are java.util.Random draws put through the same few operations on every JVM, so
     * they are reproduced bit for bit: the pinned values are compared exactly.
     */
    private static final double SAME_DOUBLE = 0.0;

    @Test
    void theTutorialsFourPointsAreOnePerQuadrantInOrder() {
        QuadrantData d = QuadrantData.tutorial();
        assertEquals("quadrants, the tutorial's 4 points", d.name());
        assertEquals(4, d.size());
        assertEquals(2, d.nFeatures());
        assertEquals(4, d.nClasses());
        assertArrayEquals(new double[][] {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}}, d.points());
        for (int i = 0; i < 4; i++) assertEquals(i, d.label(i), "point " + i);
    }

    @ParameterizedTest(name = "({0}, {1}) is in quadrant class {2}")
    @CsvSource({
        "1, 1, 0", "-1, 1, 1", "-1, -1, 2", "1, -1, 3",
        "0.5, 1e-300, 0", "-1e-300, 2, 1", "-3, -1e-300, 2", "1e-300, -7, 3",
        // on an axis: x = 0 counts as right, y = 0 as up
        "0, 0, 0", "0, 5, 0", "5, 0, 0", "0, -5, 3", "-5, 0, 1",
    })
    void quadrantOfFollowsTheSignsWithAxesCountedRightAndUp(double x, double y, int quadrant) {
        assertEquals(quadrant, QuadrantData.quadrantOf(x, y));
    }

    @Test
    void seed42PinsTheFirstRandomPointsAndTheirLabels() {
        // Copied once from a run: any change to the draw, the scaling or the redraw rule shows here.
        double[][] want = {
            {0.9102547201314724, 0.7328938870393817},
            {-0.7651221786693609, -0.8916860397034534},
            {0.6621958071782945, 1.613489058688713},
            {-0.5248683463547774, -0.8970077222331905},
            {-0.14538569676338664, 1.131607115160143},
            {1.6773111314748674, -0.2540361023068538},
        };
        int[] labels = {0, 2, 0, 2, 1, 3};
        QuadrantData d = QuadrantData.random(6, 42);
        assertEquals("quadrants, 6 random points (seed 42)", d.name());
        assertEquals(6, d.size());
        double[][] p = d.points();
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(want[i], p[i], SAME_DOUBLE, "point " + i);
            assertEquals(labels[i], d.label(i), "label " + i);
        }
    }

    @Test
    void randomPointsStayInTheRangeAndAwayFromBothAxes() {
        QuadrantData d = QuadrantData.random(5000, 7);
        int[] perQuadrant = new int[4];
        for (double[] p : d.points()) {
            for (double v : p) {
                assertTrue(Math.abs(v) >= QuadrantData.AXIS_MARGIN && Math.abs(v) <= QuadrantData.RANGE, "coordinate " + v);
            }
            perQuadrant[QuadrantData.quadrantOf(p[0], p[1])]++;
        }
        // 5000 uniform points: about 1250 per quadrant; 1100 is more than 4 standard deviations (≈ 31) below.
        for (int q = 0; q < 4; q++) assertTrue(perQuadrant[q] > 1100, "quadrant " + q + " has " + perQuadrant[q]);
    }

    @Test
    void eachPointsLabelIsItsQuadrant() {
        QuadrantData d = QuadrantData.random(200, 3);
        double[][] p = d.points();
        for (int i = 0; i < 200; i++) {
            int want = p[i][0] > 0 ? (p[i][1] > 0 ? 0 : 3) : (p[i][1] > 0 ? 1 : 2);
            assertEquals(want, d.label(i), "point " + i);
        }
    }

    @Test
    void aDifferentSeedGivesDifferentPoints() {
        assertTrue(QuadrantData.random(1, 1).points()[0][0] != QuadrantData.random(1, 2).points()[0][0]);
    }

    @Test
    void fewerThanOnePointIsRejectedAndOneIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuadrantData.random(0, 42));
        assertEquals("--points 0 is invalid; it must be ≥ 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuadrantData.random(-3, 42));
        assertEquals(1, QuadrantData.random(1, 42).size());
    }

    @Test
    void theHeldOutGridIsEightByEightFromTopLeftRowByRow() {
        List<double[]> g = QuadrantData.heldOutGrid();
        assertEquals(64, g.size());
        assertArrayEquals(new double[] {-1.75, 1.75}, g.get(0), SAME_DOUBLE);
        assertArrayEquals(new double[] {-1.25, 1.75}, g.get(1), SAME_DOUBLE);
        assertArrayEquals(new double[] {1.75, 1.75}, g.get(7), SAME_DOUBLE);
        assertArrayEquals(new double[] {-1.75, 1.25}, g.get(8), SAME_DOUBLE);
        assertArrayEquals(new double[] {0.25, -0.25}, g.get(36), SAME_DOUBLE);
        assertArrayEquals(new double[] {1.75, -1.75}, g.get(63), SAME_DOUBLE);
        Set<String> distinct = new HashSet<>();
        int[] perQuadrant = new int[4];
        for (double[] p : g) {
            distinct.add(p[0] + "," + p[1]);
            perQuadrant[QuadrantData.quadrantOf(p[0], p[1])]++;
        }
        assertEquals(64, distinct.size());
        assertArrayEquals(new int[] {16, 16, 16, 16}, perQuadrant);
    }

    @Test
    void pointsIsACopy() {
        QuadrantData d = QuadrantData.tutorial();
        d.points()[0][0] = 99;
        assertEquals(1.0, d.points()[0][0], SAME_DOUBLE);
    }

    @Test
    void copyFeaturesWritesXThenYAtTheOffsetOnly() {
        QuadrantData d = QuadrantData.tutorial();
        double[] dst = {7, 7, 7, 7, 7};
        d.copyFeatures(1, dst, 2);
        assertArrayEquals(new double[] {7, 7, -1, 1, 7}, dst, SAME_DOUBLE);
        d.copyFeatures(3, dst, 0);
        assertArrayEquals(new double[] {1, -1, -1, 1, 7}, dst, SAME_DOUBLE);
    }

    @Test
    void namesAreTheRomanNumeralsOfTheQuadrants() {
        assertArrayEquals(new String[] {"I", "II", "III", "IV"}, QuadrantData.NAMES);
    }
}
