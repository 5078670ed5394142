package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The three products, each against a naive triple loop on random shapes. */
class MatrixTest {
    /** Different summation orders of ~100 products of O(1) numbers: well under 1e-13. */
    static final double SUMMATION_ORDER = 1e-12;

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
}
