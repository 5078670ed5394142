package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ParamSetTest {
    /**
     * {@code java.util.Random.nextGaussian} is fixed by the Java specification (the polar method
     * through StrictMath), and the init multiplies each draw once by a correctly rounded constant,
     * so the drawn weights are the same bits on every JVM.
     */
    static final double EXACT = 0;

    /** A large layer for the distribution checks: 784·200 = 156,800 weights in W1, 200·100 = 20,000 in W2. */
    static final NetSpec WIDE = NetSpec.digits().withSizes(784, 200, 100);

    @Test
    void normalInitForSeed42StartsWithTheseWeights() {
        // new java.util.Random(42).nextGaussian() gives 1.1419053154730547, 0.9194079489827879,
        // -0.9498666368908959, ... (its 51st is 1.0725991339400673, its 101st 0.2007496259633872);
        // NORMAL is 0.01 times each, drawn W1 row by row, then W2.
        ParamSet p = ParamSet.initial(NetSpec.quadrant());
        assertEquals(0.011419053154730548, p.layer(1).w(0, 0), EXACT);
        assertEquals(0.009194079489827879, p.layer(1).w(0, 1), EXACT);
        assertEquals(-0.00949866636890896, p.layer(1).w(0, 2), EXACT);
        assertEquals(-0.010586772048930921, p.layer(1).w(0, 49), EXACT);
        assertEquals(0.010725991339400673, p.layer(1).w(1, 0), EXACT);
        assertEquals(0.002007496259633872, p.layer(2).w(0, 0), EXACT);
        assertEquals(0.008962364439355677, p.layer(2).w(0, 1), EXACT);
        assertEquals(-0.019069696484274985, p.layer(2).w(1, 0), EXACT);
    }

    @Test
    void anotherSeedDrawsAnotherSequence() {
        // new java.util.Random(7).nextGaussian() = 0.8452060657049847
        assertEquals(0.008452060657049848, ParamSet.initial(NetSpec.quadrant().withSeed(7)).layer(1).w(0, 0), EXACT);
    }

    @Test
    void xavierInitForSeed42ScalesTheSameDrawsBySqrtTwoOverFanInPlusFanOut() {
        // the same N(0,1) draws as above, times √(2/52) = 0.19611613513818404 in W1 (2→50)
        // and √(2/54) = 0.19245008972987526 in W2 (50→4)
        ParamSet p = ParamSet.initial(NetSpec.quadrant().withInit(Init.XAVIER));
        assertEquals(0.22394605716432428, p.layer(1).w(0, 0), EXACT);
        assertEquals(0.18031073356982905, p.layer(1).w(0, 1), EXACT);
        assertEquals(-0.18628417372374734, p.layer(1).w(0, 2), EXACT);
        assertEquals(0.21035399670088942, p.layer(1).w(1, 0), EXACT);
        assertEquals(0.03863428352989276, p.layer(2).w(0, 0), EXACT);
    }

    @Test
    void normalInitDrawsWeightsOfStdOneHundredthAndZeroBiases() {
        // Bounds from SampleStats: 6 standard errors of the sample std, σ/√(2n), are 1.07% of σ
        // for W1's 156,800 weights and 3.0% for W2's 20,000, where the old test allowed 25%.
        // A wrong scale (1, 0.1) or XAVIER's √(2/984) = 0.045 is far outside.
        ParamSet p = ParamSet.initial(WIDE);
        for (int k = 1; k <= 2; k++) {
            SampleStats s = SampleStats.of(p.layer(k).w());
            assertEquals(0, s.mean(), s.meanBound(Init.NORMAL_STD), "mean of W" + k);
            assertEquals(Init.NORMAL_STD, s.std(), s.stdBound(Init.NORMAL_STD), "std of W" + k);
            for (double b : p.layer(k).b()) assertEquals(0, b, EXACT);
        }
    }

    @Test
    void xavierInitDrawsEachLayerWithItsOwnFanInPlusFanOut() {
        // σ1 = √(2/(784+200)) = 0.04508, σ2 = √(2/(200+100)) = 0.08165; 6 standard errors of the
        // sample std are 1.07% and 3.0% of those (SampleStats). Fan-in alone (He: √(2/784) = 0.0505,
        // √(2/200) = 0.1), nIn − nOut (√(2/584) = 0.0585) or one σ for both layers all fall outside.
        ParamSet p = ParamSet.initial(WIDE.withInit(Init.XAVIER));
        double[] sigma = {Math.sqrt(2.0 / 984), Math.sqrt(2.0 / 300)};
        for (int k = 1; k <= 2; k++) {
            SampleStats s = SampleStats.of(p.layer(k).w());
            assertEquals(0, s.mean(), s.meanBound(sigma[k - 1]), "mean of W" + k);
            assertEquals(sigma[k - 1], s.std(), s.stdBound(sigma[k - 1]), "std of W" + k);
            for (double b : p.layer(k).b()) assertEquals(0, b, EXACT);
        }
    }

    @Test
    void dl4jInitCannotBeDrawnInTheCanonicalLayout() {
        var e = assertThrows(IllegalArgumentException.class, () -> ParamSet.initial(NetSpec.quadrant().withInit(Init.DL4J)));
        assertEquals("init dl4j is drawn by DL4J, not from the canonical layout", e.getMessage());
    }

    @Test
    void layersAreCountedFromOneAndShapedBySpec() {
        ParamSet p = ParamSet.initial(NetSpec.quadrant().withSizes(3, 7, 5));
        assertEquals(2, p.layers().size());
        assertEquals("Dense(3→7)", p.layer(1).toString());
        assertEquals("Dense(7→5)", p.layer(2).toString());
        assertEquals(3 * 7 + 7 + 7 * 5 + 5, p.count());
        assertEquals(354, ParamSet.initial(NetSpec.quadrant()).count());          // 2·50 + 50 + 50·4 + 4
        assertEquals(39_760, ParamSet.zeros(NetSpec.digits()).count());          // 784·50 + 50 + 50·10 + 10
    }

    @Test
    void zerosAreShapedLikeTheSpecAndAllZero() {
        ParamSet z = ParamSet.zeros(NetSpec.quadrant().withSizes(3, 7, 5));
        assertEquals(new DenseParams(3, 7, new double[21], new double[7]), z.layer(1));
        assertEquals(new DenseParams(7, 5, new double[35], new double[5]), z.layer(2));
    }

    @Test
    void copyIsEqualButSharesNoArray() {
        ParamSet p = ParamSet.initial(NetSpec.quadrant());
        ParamSet c = p.copy();
        assertEquals(p, c);
        for (int k = 1; k <= 2; k++) {
            assertNotSame(p.layer(k).w(), c.layer(k).w());
            assertNotSame(p.layer(k).b(), c.layer(k).b());
        }
        c.layer(2).b()[3] = 1;
        assertEquals(0, p.layer(2).b()[3], EXACT);
    }

    @Test
    void theLayerListCannotBeChangedFromOutside() {
        List<DenseParams> source = new ArrayList<>(List.of(DenseParams.zeros(2, 3), DenseParams.zeros(3, 2)));
        ParamSet p = new ParamSet(source);
        source.clear();
        assertEquals(2, p.layers().size());
        assertThrows(UnsupportedOperationException.class, () -> p.layers().add(DenseParams.zeros(2, 2)));
        assertEquals(DenseParams.zeros(2, 3), p.layer(1));
    }
}
