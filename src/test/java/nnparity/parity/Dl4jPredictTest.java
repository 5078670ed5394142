package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.NetSpec;

/**
 * {@link Dl4jSide#predict} refills one input array while the number of rows stays the same: each
 * call must give what DL4J's own {@code output} gives on a new array of the same values.
 */
class Dl4jPredictTest {
    /** The same net, the same inputs, the same native code: equal to the bit. */
    private static final double EXACT = 0;

    private static double[] fresh(Dl4jSide side, double[] x, int rows) {
        return side.network().output(Nd4j.create(x.clone(), new long[]{rows, 2}, 'c'), false).dup('c').data().asDouble();
    }

    @Test
    void eachCallPredictsItsOwnInputsWhetherTheArrayIsRefilledOrNew() {
        Dl4jSide side = new Dl4jSide(NetSpec.quadrant());
        double[] a = {1, 1, -1, 1, -1, -1}, b = {2, 2, 0.5, -3, -0.25, 1.5}, c = {-2, 0.75, 3, 3};
        double[] pa = side.predict(a, 3);
        double[] pb = side.predict(b, 3);   // the same shape: the array of a, refilled
        double[] pc = side.predict(c, 2);   // fewer rows: a new array
        double[] pa2 = side.predict(a, 3);  // back to three rows
        assertArrayEquals(fresh(side, a, 3), pa, EXACT);
        assertArrayEquals(fresh(side, b, 3), pb, EXACT);
        assertArrayEquals(fresh(side, c, 2), pc, EXACT);
        assertArrayEquals(pa, pa2, EXACT);
        assertArrayEquals(new double[]{1, 1, -1, 1, -1, -1}, a, EXACT, "the caller's array is only read");
    }
}
