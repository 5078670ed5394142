package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetSpecTest {
    /** The sample standard deviation of 200 N(0, σ²) draws lies within ±25% of σ with overwhelming probability. */
    static final double STD_SAMPLE_SLACK = 0.25;

    @Test
    void quadrantDefaultsAreTheTutorials() {
        assertEquals("2→50→4 relu, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init normal, seed 42, double", NetSpec.quadrant().toString());
    }

    @Test
    void badValuesAreRejectedWithTheValueAndTheValidRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> NetSpec.quadrant().withSizes(2, 0, 4));
        assertTrue(e.getMessage().contains("hidden size 0") && e.getMessage().contains("≥ 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetSpec.quadrant().withLearningRate(-0.5));
        assertTrue(e.getMessage().contains("-0.5") && e.getMessage().contains("> 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetSpec.quadrant().withLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> NetSpec.quadrant().withSizes(2, 50, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainSpec(-1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainSpec(1, 0, 0));
    }

    @Test
    void unknownActivationNamesListTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("relu | sigmoid | tanh | identity | step"), e.getMessage());
        assertEquals(Activation.TANH, Activation.parse("Tanh"));
    }

    @Test
    void theSameSeedGivesBitIdenticalInitialParameters() {
        assertEquals(ParamSet.initial(NetSpec.quadrant()), ParamSet.initial(NetSpec.quadrant()));
        assertNotEquals(ParamSet.initial(NetSpec.quadrant()), ParamSet.initial(NetSpec.quadrant().withSeed(7)));
    }

    @Test
    void normalInitDrawsSmallWeightsAndZeroBiases() {
        ParamSet p = ParamSet.initial(NetSpec.quadrant().withSizes(2, 100, 4));
        double[] w = p.layer(1).w();
        double sq = 0;
        for (double v : w) sq += v * v;
        assertEquals(Init.NORMAL_STD, Math.sqrt(sq / w.length), Init.NORMAL_STD * STD_SAMPLE_SLACK);
        for (double b : p.layer(1).b()) assertEquals(0, b);
    }

    @Test
    void dl4jInitCannotBeDrawnInTheCanonicalLayout() {
        assertThrows(IllegalArgumentException.class, () -> ParamSet.initial(NetSpec.quadrant().withInit(Init.DL4J)));
    }
}
