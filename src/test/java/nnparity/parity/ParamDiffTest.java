package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/** The element-wise comparison behind every gradient and parameter verdict, on literal numbers. */
class ParamDiffTest {
    /** Differences of small binary fractions are exact. */
    static final double EXACT = 0;
    static final double TOL = 0.1;

    /**
     * 2→3→2 with W1 = [[1,2,3],[4,5,6]]/16, b1 = [7,8,9]/16, W2 = [[1,2],[3,4],[5,6]]/16,
     * b2 = [7,8]/16: values below 1, where the rule is absolute, and exact in binary.
     */
    private static ParamSet base() {
        double s = 1 / 16.0;
        return new ParamSet(List.of(
                new DenseParams(2, 3, new double[]{s, 2 * s, 3 * s, 4 * s, 5 * s, 6 * s}, new double[]{7 * s, 8 * s, 9 * s}),
                new DenseParams(3, 2, new double[]{s, 2 * s, 3 * s, 4 * s, 5 * s, 6 * s}, new double[]{7 * s, 8 * s})));
    }

    private static ParamSet with(int layer, boolean weight, int index, double delta) {
        ParamSet p = base();
        double[] a = weight ? p.layer(layer).w() : p.layer(layer).b();
        a[index] += delta;
        return p;
    }

    @Test
    void identicalSetsDifferByZeroAndHaveNoDivergence() {
        ParamDiff d = ParamDiff.of(base(), base(), 0, 3, Phase.UPDATE);
        assertEquals(0, d.maxAbs(), EXACT);
        assertNull(d.firstOver());
    }

    @Test
    void aWeightDifferenceIsNamedByLayerRowAndColumnOfTheRowMajorLayout() {
        // index 5 of W1 [2x3] row-major is row 1, column 2
        ParamDiff d = ParamDiff.of(base(), with(1, true, 5, 0.5), TOL, 4, Phase.BACKWARD);
        assertEquals(0.5, d.maxAbs(), EXACT);
        Divergence v = d.firstOver();
        assertEquals("W1[1,2]", v.where());
        assertEquals(4, v.step());
        assertEquals(Phase.BACKWARD, v.phase());
        assertEquals(1, v.layer());
        assertEquals(1, v.row());
        assertEquals(2, v.col());
        assertEquals(0.375, v.scratch(), EXACT);
        assertEquals(0.875, v.dl4j(), EXACT);
        // W2 [3x2]: index 3 is row 1, column 1
        assertEquals("W2[1,1]", ParamDiff.of(base(), with(2, true, 3, 0.5), TOL, 1, Phase.UPDATE).firstOver().where());
    }

    @Test
    void aBiasDifferenceIsNamedByLayerAndUnit() {
        Divergence v = ParamDiff.of(base(), with(2, false, 1, -0.25), TOL, 9, Phase.UPDATE).firstOver();
        assertEquals("b2[1]", v.where());
        assertEquals(2, v.layer());
        assertEquals(0.25, v.absDiff(), EXACT);
    }

    @Test
    void theFirstDivergenceIsTheFirstInCanonicalOrderNotTheLargest() {
        ParamSet b = with(2, true, 0, 4.0);   // W2[0,0], large, later in order
        b.layer(1).b()[2] += 0.5;             // b1[2], small, earlier in order
        ParamDiff d = ParamDiff.of(base(), b, TOL, 1, Phase.UPDATE);
        assertEquals("b1[2]", d.firstOver().where());
        assertEquals(4.0, d.maxAbs(), EXACT);
    }

    @Test
    void aDifferenceExactlyAtTheToleranceIsWithinAndJustAboveIsNot() {
        assertNull(ParamDiff.of(base(), with(1, true, 0, 0.125), 0.125, 1, Phase.UPDATE).firstOver());
        assertEquals("W1[0,0]", ParamDiff.of(base(), with(1, true, 0, 0.125), Math.nextDown(0.125), 1, Phase.UPDATE).firstOver().where());
    }

    @Test
    void aNaNOnOneSideIsAlwaysADivergenceAndPoisonsTheMaximum() {
        ParamSet b = base();
        b.layer(2).b()[0] = Double.NaN;
        ParamDiff d = ParamDiff.of(base(), b, 1e300, 1, Phase.UPDATE);
        assertTrue(Double.isNaN(d.maxAbs()));
        assertEquals("b2[0]", d.firstOver().where());
    }

    @Test
    void equalInfinitiesOnBothSidesDifferByZero() {
        ParamSet a = base(), b = base();
        a.layer(1).w()[0] = Double.POSITIVE_INFINITY;
        b.layer(1).w()[0] = Double.POSITIVE_INFINITY;
        ParamDiff d = ParamDiff.of(a, b, 0, 1, Phase.UPDATE);
        assertEquals(0, d.maxAbs(), EXACT);
        assertNull(d.firstOver());
    }

    @Test
    void aDifferenceBetweenLargeValuesIsJudgedRelativeToTheirSize() {
        ParamSet a = base(), b = base();
        a.layer(2).w()[4] = 1000;
        b.layer(2).w()[4] = 1000.5;    // 5e-4 relative: beyond 1e-4
        a.layer(1).w()[1] = 1000;
        b.layer(1).w()[1] = 1000.05;   // 5e-5 relative: within 1e-4, though 0.05 absolute
        ParamDiff d = ParamDiff.of(a, b, 1e-4, 1, Phase.UPDATE);
        assertEquals("W2[2,0]", d.firstOver().where());
        assertEquals(0.5, d.maxAbs(), EXACT);
        // below 1 the rule is absolute: 0.25 vs 0.125 is 0.125 apart, beyond 0.1, though 0.5 relative would be more
        ParamSet small = base(), smaller = base();
        small.layer(1).b()[0] = 0.25;
        smaller.layer(1).b()[0] = 0.125;
        assertEquals("b1[0]", ParamDiff.of(small, smaller, TOL, 1, Phase.UPDATE).firstOver().where());
        assertNull(ParamDiff.of(small, smaller, 0.125, 1, Phase.UPDATE).firstOver(), "0.125 apart is within 0.125: absolute, not relative (0.5)");
    }

    @Test
    void layersOfDifferentShapesAreRefusedNamingBoth() {
        ParamSet other = new ParamSet(List.of(DenseParams.zeros(3, 2), DenseParams.zeros(2, 2)));
        var e = assertThrows(IllegalStateException.class, () -> ParamDiff.of(base(), other, TOL, 1, Phase.UPDATE));
        assertEquals("layer 1 shapes differ: Dense(2→3) vs Dense(3→2)", e.getMessage());
        ParamSet wrongOut = new ParamSet(List.of(DenseParams.zeros(2, 3), DenseParams.zeros(3, 3)));
        e = assertThrows(IllegalStateException.class, () -> ParamDiff.of(base(), wrongOut, TOL, 1, Phase.UPDATE));
        assertEquals("layer 2 shapes differ: Dense(3→2) vs Dense(3→3)", e.getMessage());
    }
}
