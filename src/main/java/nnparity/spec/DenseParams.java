package nnparity.spec;

import java.util.Arrays;

/**
 * One dense layer's parameters (or their gradients) in the canonical layout:
 * {@code W} is [nIn, nOut] stored row-major, {@code w[i * nOut + j] = W[i][j]}, and {@code b} is
 * [nOut]. This is numpy's layout for the tutorial's {@code W1 = np.random.randn(2, 50)}, so the
 * arrays can be exported as {@code .npy} and loaded straight into the tutorial's code.
 */
public record DenseParams(int nIn, int nOut, double[] w, double[] b) {

    public DenseParams {
        if (w.length != nIn * nOut)
            throw new IllegalArgumentException("W has " + w.length + " values; [" + nIn + "x" + nOut + "] needs " + nIn * nOut);
        if (b.length != nOut)
            throw new IllegalArgumentException("b has " + b.length + " values; [" + nOut + "] needs " + nOut);
    }

    public static DenseParams zeros(int nIn, int nOut) {
        return new DenseParams(nIn, nOut, new double[nIn * nOut], new double[nOut]);
    }

    public double w(int i, int j) {
        return w[i * nOut + j];
    }

    public DenseParams copy() {
        return new DenseParams(nIn, nOut, w.clone(), b.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseParams p && p.nIn == nIn && p.nOut == nOut
                && Arrays.equals(p.w, w) && Arrays.equals(p.b, b);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(w) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "Dense(" + nIn + "→" + nOut + ")";
    }
}
