package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written inverted dropout against numbers worked by hand. */
class DropoutTest {
    /** Each expected value is one product x · (1/p) of doubles: equal to within one rounding. */
    static final double ONE_ROUNDING = 1e-15;
    /** Values copied in and read back, with no arithmetic in between: bit for bit. */
    static final double COPIED = 0;

    /** Keeps (0,0) and (1,1), drops (0,1) and (1,0) of a [2, 2] input. */
    private static final MaskSource DIAGONAL = (layer, it, rows, cols) -> new double[]{1, 0, 0, 1};

    private static final Matrix X = Matrix.of(new double[][]{{1, 2}, {3, 4}});

    @Test
    void trainingForwardKeepsTheMaskedUnitsScaledByOneOverP() {
        Dropout d = new Dropout(2, 0.8, DIAGONAL);
        // 1/0.8 = 1.25: [[1·1.25, 0], [0, 4·1.25]]
        assertArrayEquals(new double[]{1.25, 0, 0, 5}, d.forward(X).data, ONE_ROUNDING);
    }

    @Test
    void backwardPassesTheGradientThroughTheSameMaskAndScale() {
        Dropout d = new Dropout(2, 0.8, DIAGONAL);
        d.forward(X);
        Matrix dy = Matrix.of(new double[][]{{0.5, -1}, {2, -4}});
        assertArrayEquals(new double[]{0.625, 0, 0, -5}, d.backward(dy).data, ONE_ROUNDING);
    }

    @Test
    void inferenceIsTheIdentityWhateverTheMask() {
        Dropout d = new Dropout(2, 0.5, DIAGONAL);
        assertSame(X, d.infer(X));
        assertArrayEquals(new double[]{1, 2, 3, 4}, X.data, 0.0, "the input is left as it was");
    }

    @Test
    void theMaskIsAskedForByLayerAndIteration() {
        List<String> asked = new ArrayList<>();
        Dropout d = new Dropout(3, 0.5, (layer, it, rows, cols) -> {
            asked.add(layer + "@" + it + " [" + rows + "," + cols + "]");
            return it == 0 ? new double[]{1, 1, 1, 1} : new double[]{0, 0, 0, 0};
        });
        assertArrayEquals(new double[]{2, 4, 6, 8}, d.forward(X).data, ONE_ROUNDING);
        d.setIteration(7);
        assertArrayEquals(new double[]{0, 0, 0, 0}, d.forward(X).data, 0.0);
        assertEquals(List.of("3@0 [2,2]", "3@7 [2,2]"), asked);
    }

    @Test
    void withTheFaultTheUnitsAreScaledByPInsteadOfOneOverP() {
        Dropout d = new Dropout(2, 0.8, DIAGONAL, Fault.DROPOUT_SCALED_BY_P);
        assertArrayEquals(new double[]{0.8, 0, 0, 3.2}, d.forward(X).data, ONE_ROUNDING);
        assertArrayEquals(new double[]{0.8, 0, 0, 0.8}, d.backward(Matrix.of(new double[][]{{1, 1}, {1, 1}})).data, ONE_ROUNDING);
    }

    @Test
    void keepProbabilityOneKeepsEverythingUnscaled() {
        Dropout d = new Dropout(1, 1.0, (l, it, r, c) -> new double[]{1, 1, 1, 1});
        assertArrayEquals(X.data, d.forward(X).data, 0.0);
    }

    @Test
    void aNullGradientBelowTheFirstLayerPassesThrough() {
        Dropout d = new Dropout(1, 0.5, DIAGONAL);
        d.forward(X);
        assertNull(d.backward(null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.5, Double.NaN})
    void aKeepProbabilityOutsideZeroToOneIsRefusedWithTheValidRange(double p) {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1, p, DIAGONAL));
        assertEquals("keep probability " + p + " is invalid; it must be in (0, 1] (1 = no dropout)", e.getMessage());
    }

    @Test
    void aMaskOfTheWrongSizeOrWithOtherValuesThanZeroAndOneIsRefused() {
        assertThrows(IllegalStateException.class, () -> new Dropout(1, 0.5, (l, it, r, c) -> new double[3]).forward(X));
        var e = assertThrows(IllegalStateException.class, () -> new Dropout(1, 0.5, (l, it, r, c) -> new double[]{1, 2, 0, 1}).forward(X));
        assertEquals("mask value 2.0 at 1 of layer 1; a mask holds only 0 and 1", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Dropout(1, 0.5, DIAGONAL).backward(X), "backward needs a training forward first");
    }

    @Test
    void reportsTheKeepProbabilityItWasBuiltWith() {
        assertEquals(0.8, new Dropout(2, 0.8, DIAGONAL).keepProb(), COPIED);
    }

    @Test
    void printsItsKeepProbability() {
        assertEquals("Dropout(keep=0.8)", new Dropout(2, 0.8, DIAGONAL).toString());
    }
}
