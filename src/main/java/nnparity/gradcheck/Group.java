package nnparity.gradcheck;

import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The four parameter groups of the two-layer net, in the canonical order of {@link ParamSet}:
 *
 * <pre>
 *   W1 [nIn, nHidden]   b1 [nHidden]   W2 [nHidden, nOut]   b2 [nOut]
 * </pre>
 *
 * An element is addressed by its index in the group's canonical array: {@code i·cols + j} for
 * {@code W[i][j]} (row-major), {@code j} for {@code b[j]}.
 */
public enum Group {
    W1(1, false), B1(1, true), W2(2, false), B2(2, true);

    private final int layer;
    private final boolean bias;

    Group(int layer, boolean bias) {
        this.layer = layer;
        this.bias = bias;
    }

    /** 1 or 2, as in the tutorial's W1, W2. */
    public int layer() {
        return layer;
    }

    public boolean isBias() {
        return bias;
    }

    /** This group's array inside {@code p} (the live array, not a copy). */
    public double[] of(ParamSet p) {
        DenseParams d = p.layer(layer);
        return bias ? d.b() : d.w();
    }

    /** Rows of W (nIn of the layer); 1 for a bias. */
    public int rows(NetSpec s) {
        if (bias) return 1;
        return layer == 1 ? s.nIn() : TwoLayer.nHidden(s);
    }

    /** Columns of W, or the length of b: the layer's nOut. */
    public int cols(NetSpec s) {
        return layer == 1 ? TwoLayer.nHidden(s) : s.nOut();
    }

    /** rows × cols; an ArithmeticException, never a negative size, beyond an int. */
    public int size(NetSpec s) {
        return Math.multiplyExact(rows(s), cols(s));
    }

    /** DL4J's key for this group in {@code paramTable()}: {@code 0_W}, {@code 0_b}, {@code 1_W}, {@code 1_b}. */
    public String dl4jKey() {
        return (layer - 1) + (bias ? "_b" : "_W");
    }

    /** E.g. {@code layer 1 W [2x50]} or {@code layer 2 b [4]}. */
    public String label(NetSpec s) {
        return "layer " + layer + (bias ? " b [" + cols(s) + "]" : " W [" + rows(s) + "x" + cols(s) + "]");
    }

    /** E.g. {@code W1[0][17]} or {@code b2[3]}. */
    public String element(NetSpec s, int index) {
        if (bias) return "b" + layer + "[" + index + "]";
        int c = cols(s);
        return "W" + layer + "[" + index / c + "][" + index % c + "]";
    }
}
