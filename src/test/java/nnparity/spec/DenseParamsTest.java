package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DenseParamsTest {
    /** Values are stored and read back; nothing is computed. */
    static final double EXACT = 0;

    /** W = [[1, 2, 3], [4, 5, 6]] row-major, b = [7, 8, 9]. */
    private static DenseParams twoByThree() {
        return new DenseParams(2, 3, new double[]{1, 2, 3, 4, 5, 6}, new double[]{7, 8, 9});
    }

    @Test
    void weightsAreReadRowMajor() {
        DenseParams p = twoByThree();
        assertEquals(1, p.w(0, 0), EXACT);
        assertEquals(3, p.w(0, 2), EXACT);
        assertEquals(4, p.w(1, 0), EXACT);
        assertEquals(6, p.w(1, 2), EXACT);
    }

    @Test
    void arraysOfTheWrongLengthAreRejectedNamingBothLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DenseParams(2, 3, new double[5], new double[3]));
        assertEquals("W has 5 values; [2x3] needs 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DenseParams(2, 3, new double[6], new double[2]));
        assertEquals("b has 2 values; [3] needs 3", e.getMessage());
    }

    @Test
    void zerosHaveTheShapeAndNothingElse() {
        assertEquals(new DenseParams(3, 2, new double[6], new double[2]), DenseParams.zeros(3, 2));
    }

    @Test
    void copyIsEqualButSharesNoArray() {
        DenseParams p = twoByThree(), c = p.copy();
        assertEquals(p, c);
        assertNotSame(p.w(), c.w());
        assertNotSame(p.b(), c.b());
        c.w()[0] = -1;
        c.b()[0] = -1;
        assertEquals(1, p.w()[0], EXACT);
        assertEquals(7, p.b()[0], EXACT);
    }

    @Test
    void equalityComparesEveryNumberAndTheShape() {
        assertEquals(twoByThree(), twoByThree());
        assertEquals(twoByThree().hashCode(), twoByThree().hashCode());
        DenseParams otherWeight = twoByThree(), otherBias = twoByThree();
        otherWeight.w()[5] = 6.5;
        otherBias.b()[2] = 9.5;
        assertNotEquals(twoByThree(), otherWeight);
        assertNotEquals(twoByThree(), otherBias);
        assertNotEquals(twoByThree(), new DenseParams(3, 2, new double[]{1, 2, 3, 4, 5, 6}, new double[]{7, 8}));
        assertNotEquals(twoByThree(), "Dense(2→3)");
        // not required by the contract, but a hash that ignores the numbers would make every
        // parameter set collide
        assertNotEquals(twoByThree().hashCode(), otherWeight.hashCode());
        assertNotEquals(twoByThree().hashCode(), otherBias.hashCode());
    }

    @Test
    void toStringShowsTheShape() {
        assertEquals("Dense(2→3)", twoByThree().toString());
        assertEquals("Dense(784→50)", DenseParams.zeros(784, 50).toString());
    }
}
