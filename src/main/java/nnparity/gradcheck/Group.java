package nnparity.gradcheck;

import java.util.ArrayList;
import java.util.List;

import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

/**
 * One parameter group: the weights or the bias of one dense layer, in the canonical order of
 * {@link ParamSet}, input side first:
 *
 * <pre>
 *   W1 [nIn, n1]   b1 [n1]   W2 [n1, n2]   b2 [n2]   …   WL [n_{L−1}, nOut]   bL [nOut]
 * </pre>
 *
 * An element is addressed by its index in the group's canonical array: {@code i·cols + j} for
 * {@code W[i][j]} (row-major), {@code j} for {@code b[j]}.
 *
 * @param layer the dense layer, counted from 1 as in the tutorial's W1, W2
 * @param bias  true for b, false for W
 */
public record Group(int layer, boolean bias) {

    public Group {
        if (layer < 1) throw new IllegalArgumentException("layer " + layer + " is invalid; layers are counted from 1");
    }

    /** W1, b1, W2, b2, …, WL, bL for the layers of {@code spec}. */
    public static List<Group> of(NetSpec spec) {
        List<Group> groups = new ArrayList<>();
        for (int k = 1; k <= spec.depth(); k++) {
            groups.add(new Group(k, false));
            groups.add(new Group(k, true));
        }
        return List.copyOf(groups);
    }

    public boolean isBias() {
        return bias;
    }

    /** The position in {@link #of}: 0 for W1, 1 for b1, 2 for W2, … */
    public int ordinal() {
        return 2 * (layer - 1) + (bias ? 1 : 0);
    }

    /** This group's array inside {@code p} (the live array, not a copy). */
    public double[] of(ParamSet p) {
        DenseParams d = p.layer(layer);
        return bias ? d.b() : d.w();
    }

    /** Rows of W (the layer's nIn); 1 for a bias. */
    public int rows(NetSpec s) {
        return bias ? 1 : s.nIn(layer - 1);
    }

    /** Columns of W, or the length of b: the layer's nOut. */
    public int cols(NetSpec s) {
        return s.layers().get(layer - 1).nOut();
    }

    /** rows × cols; an ArithmeticException, never a negative size, beyond an int. */
    public int size(NetSpec s) {
        return Math.multiplyExact(rows(s), cols(s));
    }

    /** The penalties on this group: the layer's l1, l2 and weight decay for W, their bias variants for b. */
    public Penalty penalty(NetSpec s) {
        Regularization r = s.layers().get(layer - 1).regularization();
        return bias ? new Penalty(r.l1Bias(), r.l2Bias(), r.weightDecayBias(), r.weightDecayTimesLr())
                : new Penalty(r.l1(), r.l2(), r.weightDecay(), r.weightDecayTimesLr());
    }

    /**
     * The coefficients that act on one group (see {@link Regularization}).
     *
     * @param l1          score += l1 · Σ|θ|,      gradient += l1 · sign(θ)
     * @param l2          score += ½ · l2 · Σθ²,   gradient += l2 · θ
     * @param weightDecay score += ½ · wd · Σθ²,   update += wd · lr · θ (· lr only when {@code timesLr})
     * @param timesLr     DL4J's {@code applyLR}
     */
    public record Penalty(double l1, double l2, double weightDecay, boolean timesLr) {
        public boolean isNone() {
            return l1 == 0 && l2 == 0 && weightDecay == 0;
        }
    }

    /** DL4J's key for this group in {@code paramTable()}: {@code 0_W}, {@code 0_b}, {@code 1_W}, … */
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

    /** {@code W1}, {@code b2}, … */
    @Override
    public String toString() {
        return (bias ? "b" : "W") + layer;
    }
}
