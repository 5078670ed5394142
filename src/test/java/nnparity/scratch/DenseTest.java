package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Dense layer values worked out by hand. */
class DenseTest {
    /** Small integers and halves are exact in double, so these products have no rounding at all. */
    static final double EXACT = 0;

    // W = [[1, 0, -1], [2, 1, 0]]  (2x3),  b = [0.5, -0.5, 0]
    private final Dense layer = new Dense(1, 2, 3, new double[]{1, 0, -1, 2, 1, 0}, new double[]{0.5, -0.5, 0});

    @Test
    void forwardComputesXTimesWPlusBiasForEveryRow() {
        Matrix y = layer.forward(Matrix.of(new double[][]{{1, 2}, {0, -1}}));
        // row 0: [1+4+0.5, 0+2-0.5, -1+0+0];  row 1: [-2+0.5, -1-0.5, 0]
        assertArrayEquals(new double[]{5.5, 1.5, -1, -1.5, -1.5, 0}, y.data, EXACT);
        assertEquals(2, y.rows);
        assertEquals(3, y.cols);
    }

    @Test
    void backwardGivesXTransposeDyAndColumnSumsAndDyWTranspose() {
        layer.forward(Matrix.of(new double[][]{{1, 2}, {0, -1}}));
        Matrix dx = layer.backward(Matrix.of(new double[][]{{1, 2, 3}, {1, 0, -1}}));
        // dW = xᵀ·dy = [[1·1+0·1, 1·2+0·0, 1·3+0·(-1)], [2·1-1·1, 2·2-1·0, 2·3-1·(-1)]]
        assertArrayEquals(new double[]{1, 2, 3, 1, 4, 7}, layer.weights().grad().data, EXACT);
        // db = column sums of dy
        assertArrayEquals(new double[]{2, 2, 2}, layer.bias().grad().data, EXACT);
        // dx = dy·Wᵀ: row 0 [1-3, 2+2], row 1 [1+1, 2]
        assertArrayEquals(new double[]{-2, 4, 2, 2}, dx.data, EXACT);
    }

    @Test
    void describesItselfByItsShape() {
        assertEquals("Dense(2→3)", layer.toString());
    }
}
