package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SgdTest {
    /** Products of small binary fractions are exact. */
    static final double EXACT = 0;

    @Test
    void stepSubtractsLearningRateTimesGradientFromEveryParameter() {
        Parameter w = new Parameter("W1", new Matrix(1, 3, new double[]{1, 2, 3}), new Matrix(1, 3, new double[]{4, -8, 0}));
        Parameter b = new Parameter("b1", new Matrix(1, 1, new double[]{-1}), new Matrix(1, 1, new double[]{2}));
        new Sgd(0.25).step(List.of(w, b));
        assertArrayEquals(new double[]{0, 4, 3}, w.value().data, EXACT);
        assertArrayEquals(new double[]{-1.5}, b.value().data, EXACT);
        assertArrayEquals(new double[]{4, -8, 0}, w.grad().data, EXACT, "the gradient is left as it was");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void aLearningRateThatIsNotFiniteAndPositiveIsRefusedNamingIt(double lr) {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sgd(lr));
        assertEquals("learning rate " + lr + " is invalid; it must be a finite number > 0", e.getMessage());
    }

    @Test
    void describesItselfByItsLearningRate() {
        assertEquals("SGD(lr=0.1)", new Sgd(0.1).toString());
    }

    @Test
    void aParameterWhoseGradientHasAnotherShapeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("W2", Matrix.zeros(2, 3), Matrix.zeros(3, 2)));
        assertEquals("W2: gradient [3x2] does not match value [2x3]", e.getMessage());
    }
}
