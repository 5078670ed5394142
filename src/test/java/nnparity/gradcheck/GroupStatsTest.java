package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupStatsTest {

    /** (3e-12 − 1e-12) / 4e-12 and 2e-3 − 1e-3 are not exact in binary: a few ulps of rounding. */
    private static final double ROUNDING = 1e-15;

    @Test
    void symmetricRelativeErrorIsZeroForEqualValuesAndOneForOppositeSigns() {
        assertEquals(0, RelativeError.of(0, 0));
        assertEquals(0, RelativeError.of(-3.5, -3.5));
        assertEquals(1, RelativeError.of(1e-300, 0));
        assertEquals(1, RelativeError.of(2, -2));
        assertEquals(RelativeError.of(1, 3), RelativeError.of(3, 1));
        assertEquals(0.5, RelativeError.of(1, 3));
        assertTrue(Double.isNaN(RelativeError.of(Double.NaN, 1)));
    }

    @Test
    void anElementOverTheRelativeBoundPassesOnlyUnderTheAbsoluteFloor() {
        GroupStats s = new GroupStats.Builder()
                .add(0, 1.0, 1.0, 1e-3, 1e-8)          // equal
                .add(1, 1e-12, 3e-12, 1e-3, 1e-8)      // rel 0.5, abs 2e-12: floor
                .add(2, 1e-3, 2e-3, 1e-3, 1e-8)        // rel 1/3, abs 1e-3: fails
                .skip()
                .build();
        assertEquals(3, s.checked());
        assertEquals(1, s.skipped());
        assertEquals(1, s.floorPasses());
        assertEquals(1, s.failures());
        assertEquals(1, s.worstIndex());
        assertEquals(0.5, s.maxRelError(), ROUNDING);
        assertEquals(1e-3, s.maxAbsError(), ROUNDING);
        assertFalse(s.pass());
    }

    @Test
    void nanIsAFailureAndTheWorst() {
        GroupStats s = new GroupStats.Builder().add(0, 1, 2, 1e-7, -1).add(1, Double.NaN, 1, 1e-7, -1).add(2, 5, 6, 1e-7, -1).build();
        assertEquals(3, s.failures());
        assertTrue(Double.isNaN(s.maxRelError()));
        assertEquals(1, s.worstIndex());
    }
}
