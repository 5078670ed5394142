package nnparity.scratch;

import java.util.Arrays;

/**
 * A dense {@code [rows, cols]} matrix of doubles stored row-major: element (i, j) lives at
 * {@code data[i * cols + j]}. A batch is a matrix with one example per row.
 *
 * <p>The three products backprop needs are here, each named after its formula, and all delegate
 * to {@link MatMul}: {@code x·W} (forward), {@code xᵀ·dz} (weight gradient) and {@code dz·Wᵀ}
 * (gradient to the layer below).
 */
public final class Matrix {
    public final int rows;
    public final int cols;
    public final double[] data;

    public Matrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0 || data.length != rows * cols)
            throw new IllegalArgumentException("[" + rows + "x" + cols + "] needs " + rows * cols + " values, got " + data.length);
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    /** A copy of {@code values}, one inner array per row. */
    public static Matrix of(double[][] values) {
        int r = values.length, c = r == 0 ? 0 : values[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, row 0 has " + c);
            System.arraycopy(values[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    public double get(int i, int j) {
        return data[i * cols + j];
    }

    public void set(int i, int j, double v) {
        data[i * cols + j] = v;
    }

    /** {@code this · b}: [n, k] · [k, m] → [n, m]. */
    public Matrix times(Matrix b) {
        requireSameLength("inner", cols, b.rows, b);
        Matrix c = zeros(rows, b.cols);
        MatMul.ab(rows, cols, b.cols, data, b.data, c.data);
        return c;
    }

    /** {@code thisᵀ · b}: [k, n]ᵀ · [k, m] → [n, m]. */
    public Matrix transposeTimes(Matrix b) {
        return transposeTimesInto(b, zeros(cols, b.cols));
    }

    /** {@code thisᵀ · b} written over {@code out} [n, m], which it returns: for a result that already has a home, like a gradient. */
    public Matrix transposeTimesInto(Matrix b, Matrix out) {
        requireSameLength("row", rows, b.rows, b);
        if (out.rows != cols || out.cols != b.cols)
            throw new IllegalArgumentException("result " + out.shape() + " does not fit " + shape() + "ᵀ · " + b.shape());
        MatMul.atb(cols, rows, b.cols, data, b.data, out.data);
        return out;
    }

    /** {@code this · bᵀ}: [n, k] · [m, k]ᵀ → [n, m]. */
    public Matrix timesTranspose(Matrix b) {
        requireSameLength("column", cols, b.cols, b);
        Matrix c = zeros(rows, b.rows);
        MatMul.abt(rows, cols, b.rows, data, b.data, c.data);
        return c;
    }

    /** Adds the row vector {@code v} (length cols) to every row, in place: broadcasting a bias. */
    public Matrix addRowInPlace(double[] v) {
        if (v.length != cols) throw new IllegalArgumentException("row vector of " + v.length + " does not fit " + cols + " columns");
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) data[o + j] += v[j];
        }
        return this;
    }

    /** Sums each column over the rows: [n, m] → [m]. The bias gradient is this of dz. */
    public double[] columnSums() {
        double[] s = new double[cols];
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) s[j] += data[o + j];
        }
        return s;
    }

    /** The index of the largest element of row {@code i}: the predicted class. */
    public int argmaxOfRow(int i) {
        int best = 0;
        for (int j = 1; j < cols; j++) if (get(i, j) > get(i, best)) best = j;
        return best;
    }

    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    public String shape() {
        return "[" + rows + "x" + cols + "]";
    }

    private void requireSameLength(String what, int a, int b, Matrix other) {
        if (a != b) throw new IllegalArgumentException("shape mismatch: " + shape() + " and " + other.shape() + " differ in " + what + " size (" + a + " vs " + b + ")");
    }

    @Override
    public String toString() {
        return "Matrix" + shape();
    }
}
