package nnparity.scratch;

/**
 * The matrix-product kernel under {@link Matrix}: plain loops over row-major arrays, ordered so
 * that the innermost loop walks contiguous memory and the JIT can vectorise it. Each method
 * <em>accumulates</em> into {@code c}, which the caller zeroes.
 *
 * <p>{@code ab} and {@code atb} skip a zero in {@code a}: ReLU outputs and MNIST pixels are
 * mostly zeros, and {@code 0 · x} adds nothing for finite x. (For a non-finite x, IEEE would give
 * NaN; a diverging run is caught on its loss instead.)
 *
 * <p>This is the one place to make the hand-written net fast; the layers never see it.
 */
final class MatMul {
    private MatMul() {
    }

    /** c[n,m] += a[n,k] · b[k,m]. */
    static void ab(int n, int k, int m, double[] a, double[] b, double[] c) {
        for (int i = 0; i < n; i++) {
            int ci = i * m;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0) continue;
                int bp = p * m;
                for (int j = 0; j < m; j++) c[ci + j] += aip * b[bp + j];
            }
        }
    }

    /** c[n,m] += a[k,n]ᵀ · b[k,m]. */
    static void atb(int n, int k, int m, double[] a, double[] b, double[] c) {
        for (int p = 0; p < k; p++) {
            int bp = p * m;
            for (int i = 0; i < n; i++) {
                double api = a[p * n + i];
                if (api == 0) continue;
                int ci = i * m;
                for (int j = 0; j < m; j++) c[ci + j] += api * b[bp + j];
            }
        }
    }

    /** c[n,m] += a[n,k] · b[m,k]ᵀ. */
    static void abt(int n, int k, int m, double[] a, double[] b, double[] c) {
        for (int i = 0; i < n; i++) {
            int ai = i * k;
            for (int j = 0; j < m; j++) {
                int bj = j * k;
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                c[i * m + j] += s;
            }
        }
    }
}
