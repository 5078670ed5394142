package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DropoutMasksTest {
    /** Binomial standard deviations a keep rate may lie from p (see Dl4jDropoutTest.BINOMIAL_SDS). */
    static final double BINOMIAL_SDS = 5;
    /** Masks are 0s and 1s, probabilities read back as stored: exact. */
    static final double EXACT = 0;

    @Test
    void theGeneratorIsSplitMix64() {
        // SplitMix64's published first output from state 0: mix(0 + 0x9E3779B97F4A7C15)
        assertEquals(0xE220A8397B1DCDAFL, DropoutMasks.mix(0x9E3779B97F4A7C15L));
    }

    @Test
    void masksMatchTheDocumentedRecipeComputedIndependentlyInPython() {
        // python3: the javadoc's recipe in 64-bit integer arithmetic, seed 42, p = 0.5
        DropoutMasks m = new DropoutMasks(42, new double[]{1.0, 0.5, 0.5});
        assertArrayEquals(new double[]{1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0}, m.keep(2, 0, 3, 4), 0.0);
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1}, m.keep(2, 1, 3, 4), 0.0);
        assertArrayEquals(new double[]{0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1}, m.keep(3, 0, 4, 3), 0.0);
        // a negative seed, p = 0.8: u = 0.990, 0.117, …, 0.866
        assertArrayEquals(new double[]{0, 1, 1, 1, 1, 1, 1, 1, 1, 0}, new DropoutMasks(-7, new double[]{0.8}).keep(1, 5, 2, 5), 0.0);
    }

    @Test
    void theSameSeedLayerIterationAndShapeGiveTheSameMaskAndAnyChangeAnother() {
        DropoutMasks a = new DropoutMasks(1, new double[]{0.5, 0.5}), b = new DropoutMasks(1, new double[]{0.5, 0.5});
        double[] m = a.keep(1, 3, 10, 10).clone();
        a.keep(2, 3, 10, 10);
        a.keep(1, 4, 10, 10);
        assertArrayEquals(m, a.keep(1, 3, 10, 10), 0.0, "asked again after others");
        assertArrayEquals(m, b.keep(1, 3, 10, 10), 0.0, "another instance, same seed");
        assertFalse(Arrays.equals(m, b.keep(2, 3, 10, 10)), "another layer");
        assertFalse(Arrays.equals(m, b.keep(1, 4, 10, 10)), "another iteration");
        assertFalse(Arrays.equals(m, new DropoutMasks(2, new double[]{0.5, 0.5}).keep(1, 3, 10, 10)), "another seed");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.8})
    void eachElementIsKeptWithProbabilityP(double p) {
        DropoutMasks m = new DropoutMasks(123, new double[]{p});
        long kept = 0, n = 0;
        for (int it = 0; it < 20; it++) {
            for (double v : m.keep(1, it, 100, 100)) {
                kept += (long) v;
                n++;
            }
        }
        double rate = (double) kept / n, sd = Math.sqrt(p * (1 - p) / n);
        assertTrue(Math.abs(rate - p) <= BINOMIAL_SDS * sd, "keep rate " + rate + " for p = " + p);
    }

    @Test
    void aFrozenSourceGivesTheSameMaskAtEveryIteration() {
        DropoutMasks m = new DropoutMasks(5, new double[]{0.5}), frozen = m.frozenAt(2);
        assertArrayEquals(m.keep(1, 2, 4, 4), frozen.keep(1, 0, 4, 4), 0.0);
        assertArrayEquals(m.keep(1, 2, 4, 4), frozen.keep(1, 99, 4, 4), 0.0);
    }

    @Test
    void badArgumentsAreRefusedWithTheValidRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DropoutMasks(1, new double[]{1.0, 0.0}));
        assertEquals("keep probability 0.0 of layer 2 is invalid; it must be in (0, 1] (1 = no dropout)", e.getMessage());
        DropoutMasks m = new DropoutMasks(1, new double[]{0.5});
        var l = assertThrows(IllegalArgumentException.class, () -> m.keep(2, 0, 1, 1));
        assertEquals("layer 2 is invalid; this net has dense layers 1..1", l.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.keep(1, -1, 1, 1));
    }

    @Test
    void printsSeedAndKeepProbabilities() {
        assertEquals("DropoutMasks(seed=42, keep=[1.0, 0.8])", new DropoutMasks(42, new double[]{1.0, 0.8}).toString());
    }

    /**
     * P(keep) = p exactly needs u &lt; p, not u ≤ p: an element whose uniform equals p is dropped.
     * python3 (the recipe): seed 42, layer 1, iteration 0 draws u = 0.7914924803114315 (exactly
     * 7129130478794225·2⁻⁵³), 0.4498557281503137, 0.1023693730393902.
     */
    @Test
    void anElementWhoseUniformEqualsPExactlyIsDropped() {
        double u0 = 0.7914924803114315;
        assertArrayEquals(new double[]{0, 1, 1}, new DropoutMasks(42, new double[]{u0}).keep(1, 0, 1, 3), EXACT);
        assertArrayEquals(new double[]{1, 1, 1}, new DropoutMasks(42, new double[]{Math.nextUp(u0)}).keep(1, 0, 1, 3), EXACT);
    }

    /**
     * A mask is drawn for the shape asked, even right after another shape of the same layer and
     * iteration. python3 (the recipe), seed 42, layer 2, iteration 0, p = 0.5: the first 24
     * elements are 1 0 1 1 0 1 0 1 1 0 0 0 1 1 1 1 1 0 0 1 0 1 1 1.
     */
    @Test
    void aNewShapeOfTheSameLayerAndIterationGetsAMaskOfThatShape() {
        double[] first24 = {1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1};
        DropoutMasks m = new DropoutMasks(42, new double[]{1.0, 0.5, 0.5});
        assertArrayEquals(Arrays.copyOf(first24, 6), m.keep(2, 0, 2, 3), EXACT);
        assertArrayEquals(Arrays.copyOf(first24, 12), m.keep(2, 0, 4, 3), EXACT, "more rows, same columns");
        assertArrayEquals(Arrays.copyOf(first24, 20), m.keep(2, 0, 4, 5), EXACT, "same rows, more columns");
        assertArrayEquals(Arrays.copyOf(first24, 20), m.keep(2, 0, 4, 5), EXACT, "the same shape again");
        assertArrayEquals(Arrays.copyOf(first24, 24), m.keep(2, 0, 6, 4), EXACT, "both changed");
    }

    @Test
    void aMaskOfOneRowOrOneColumnOrOneElementIsValid() {
        DropoutMasks m = new DropoutMasks(42, new double[]{1.0, 0.5});
        assertArrayEquals(new double[]{1}, m.keep(2, 0, 1, 1), EXACT);
        assertArrayEquals(new double[]{1, 0, 1}, m.keep(2, 0, 1, 3), EXACT);
        assertArrayEquals(new double[]{1, 0, 1}, m.keep(2, 0, 3, 1), EXACT);
        var rows = assertThrows(IllegalArgumentException.class, () -> m.keep(2, 0, 0, 3));
        assertEquals("mask shape [0, 3] is invalid", rows.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.keep(2, 0, 3, 0));
    }

    /** Frozen at iteration 0 (the first step's masks) is valid and gives iteration 0's mask whatever is asked. */
    @Test
    void aSourceFrozenAtIterationZeroGivesTheFirstStepsMaskAtEveryIteration() {
        DropoutMasks frozen = new DropoutMasks(42, new double[]{1.0, 0.5, 0.5}).frozenAt(0);
        // python3: seed 42, layer 2, iteration 0 (iteration 1 would start 1 1 1 1 1 0)
        assertArrayEquals(new double[]{1, 0, 1, 1, 0, 1}, frozen.keep(2, 1, 2, 3), EXACT);
        assertArrayEquals(new double[]{1, 0, 1, 1, 0, 1}, frozen.keep(2, 7, 2, 3), EXACT);
        assertEquals("DropoutMasks(seed=42, keep=[1.0, 0.5, 0.5], frozen at iteration 0)", frozen.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> frozen.frozenAt(-1));
        assertEquals("iteration -1 is invalid; it must be ≥ 0", e.getMessage());
    }

    @Test
    void eachLayersKeepProbabilityIsReadByItsOneBasedIndex() {
        DropoutMasks m = new DropoutMasks(3, new double[]{1.0, 0.8, 0.6});
        assertEquals(1.0, m.keepProb(1), EXACT);
        assertEquals(0.8, m.keepProb(2), EXACT);
        assertEquals(0.6, m.keepProb(3), EXACT);
        var e = assertThrows(IllegalArgumentException.class, () -> m.keepProb(4));
        assertEquals("layer 4 is invalid; this net has dense layers 1..3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.keepProb(0));
    }
}
