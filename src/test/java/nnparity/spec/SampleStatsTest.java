package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SampleStatsTest {
    /** Sums of four small numbers: a few ulps at most. */
    static final double ROUNDING = 1e-15;

    @Test
    void statisticsOfOneTwoThreeFourAreTheTextbookOnes() {
        // mean 10/4; squared deviations 2.25, 0.25, 0.25, 2.25 sum to 5, so std = √(5/3);
        // fourth powers sum to 10.25, so excess kurtosis = 4·10.25/5² − 3 = −1.36.
        SampleStats s = SampleStats.of(new double[]{1, 2, 3, 4});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), ROUNDING);
        assertEquals(1.2909944487358056, s.std(), ROUNDING);
        assertEquals(-1.36, s.excessKurtosis(), ROUNDING);
    }

    @Test
    void boundsAreSixStandardErrorsForTheSampleSize() {
        SampleStats s = SampleStats.of(new double[800]);
        assertEquals(6 * 2.0 / 20 / Math.sqrt(2), s.meanBound(2.0), ROUNDING); // 6·σ/√800
        assertEquals(6 * 2.0 / 40, s.stdBound(2.0), ROUNDING);                   // 6·σ/√1600
        assertEquals(6 * Math.sqrt(0.03), s.kurtosisBound(), ROUNDING);          // 6·√(24/800)
    }
}
