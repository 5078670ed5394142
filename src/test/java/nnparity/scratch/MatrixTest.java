package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The three products, each against a naive triple loop on random shapes, and the shape rules and
 * small accessors. {@link MatMulTest} holds the kernel to the textbook loop bit for bit.
 */
class MatrixTest {
    /** Different summation orders of ~100 products of O(1) numbers: well under 1e-13. */
    static final double SUMMATION_ORDER = 1e-12;
    /** Small integers, copied or summed: no rounding at all. */
    static final double EXACT = 0;

    private static Matrix random(Random r, int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = r.nextBoolean() ? 0 : r.nextGaussian();
        return new Matrix(rows, cols, d);
    }

    private static double[] naive(Matrix a, Matrix b, boolean ta, boolean tb) {
        int n = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols, m = tb ? b.rows : b.cols;
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                c[i * m + j] = s;
            }
        return c;
    }

    @Test
    void productsMatchTheDefinitionOnRandomShapes() {
        Random r = new Random(7);
        for (int[] s : new int[][]{{1, 1, 1}, {3, 5, 2}, {17, 33, 9}, {64, 100, 50}, {100, 784, 50}}) {
            int n = s[0], k = s[1], m = s[2];
            Matrix a = random(r, n, k), b = random(r, k, m);
            assertArrayEquals(naive(a, b, false, false), a.times(b).data, SUMMATION_ORDER);
            Matrix at = random(r, k, n);
            assertArrayEquals(naive(at, b, true, false), at.transposeTimes(b).data, SUMMATION_ORDER);
            Matrix bt = random(r, m, k);
            assertArrayEquals(naive(a, bt, false, true), a.timesTranspose(bt).data, SUMMATION_ORDER);
        }
    }

    @Test
    void mismatchedShapesAreNamedInTheError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(2, 3).times(Matrix.zeros(4, 1)));
        assertTrue(e.getMessage().contains("[2x3]") && e.getMessage().contains("[4x1]"), e.getMessage());
    }

    @Test
    void everyProductNamesBothShapesWhenTheyDoNotFit() {
        Matrix a = Matrix.zeros(2, 3);
        var rows = assertThrows(IllegalArgumentException.class, () -> a.transposeTimes(Matrix.zeros(4, 1)));
        assertTrue(rows.getMessage().contains("[2x3]") && rows.getMessage().contains("[4x1]") && rows.getMessage().contains("row"), rows.getMessage());
        var cols = assertThrows(IllegalArgumentException.class, () -> a.timesTranspose(Matrix.zeros(1, 4)));
        assertTrue(cols.getMessage().contains("[2x3]") && cols.getMessage().contains("[1x4]") && cols.getMessage().contains("column"), cols.getMessage());
        var into = assertThrows(IllegalArgumentException.class, () -> a.transposeTimesInto(Matrix.zeros(2, 4), Matrix.zeros(4, 3)));
        assertTrue(into.getMessage().contains("[4x3]") && into.getMessage().contains("[2x3]"), into.getMessage());
    }

    @Test
    void transposeTimesIntoOverwritesWhatTheBufferHeldAndReturnsIt() {
        Random r = new Random(11);
        Matrix x = random(r, 100, 30), dz = random(r, 100, 20);
        Matrix grad = new Matrix(30, 20, new double[600]);
        Arrays.fill(grad.data, Double.NaN);
        assertSame(grad, x.transposeTimesInto(dz, grad));
        assertArrayEquals(x.transposeTimes(dz).data, grad.data, EXACT);
    }

    /** An empty batch is a matrix with no rows; a product over no rows is a sum of nothing: zeros. */
    @Test
    void emptyMatricesAreValidAndAnEmptySumIsZero() {
        Matrix none = Matrix.zeros(0, 3);
        Matrix h = none.times(Matrix.zeros(3, 4));
        assertEquals("[0x4]", h.shape());
        Matrix grad = new Matrix(3, 2, new double[]{7, 7, 7, 7, 7, 7});
        none.transposeTimesInto(Matrix.zeros(0, 2), grad);
        assertArrayEquals(new double[6], grad.data, EXACT);
        assertEquals("[2x0]", Matrix.zeros(2, 0).shape());
    }

    @Test
    void aMatrixRejectsNegativeSizesAndDataOfTheWrongLength() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Matrix(2, 3, new double[5]));
        assertTrue(e.getMessage().contains("[2x3] needs 6 values, got 5"), e.getMessage());
        // -1 x 0 needs 0 values, so only the sign check can catch these
        assertThrows(IllegalArgumentException.class, () -> new Matrix(-1, 0, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new Matrix(0, -1, new double[0]));
    }

    @Test
    void argmaxOfRowPicksTheFirstOfEqualLargest() {
        Matrix m = Matrix.of(new double[][]{{1, 3, 3, -5}, {-2, -1, -7, -1}, {4, 0, 4, 4}});
        assertEquals(1, m.argmaxOfRow(0));
        assertEquals(1, m.argmaxOfRow(1));
        assertEquals(0, m.argmaxOfRow(2));
        assertEquals(0, Matrix.of(new double[][]{{-3}}).argmaxOfRow(0));
    }

    @Test
    void setWritesRowMajorAndRowReturnsACopy() {
        Matrix m = Matrix.zeros(2, 3);
        m.set(1, 2, 9);
        m.set(0, 1, -4);
        assertArrayEquals(new double[]{0, -4, 0, 0, 0, 9}, m.data, EXACT);
        double[] row = m.row(1);
        assertArrayEquals(new double[]{0, 0, 9}, row, EXACT);
        row[0] = 5;
        assertEquals(0, m.get(1, 0), EXACT, "row(i) must be a copy");
        assertEquals("Matrix[2x3]", m.toString());
    }
}
