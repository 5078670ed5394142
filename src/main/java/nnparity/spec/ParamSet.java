package nnparity.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All parameters (or all gradients) of the network in the canonical layout: layer 1 ({@code W1},
 * {@code b1}), then layer 2 ({@code W2}, {@code b2}), and so on; see {@link DenseParams}. Both networks read
 * and write their numbers through this one layout, so "the same parameters" has one meaning.
 *
 * <p>A hidden layer k followed by batch normalization adds that layer's {@link BatchNormParams}
 * ({@code gamma_k, beta_k, mean_k, var_k}), keyed by k, the 1-based index of the dense layer it
 * follows. Canonical order: {@code W1, b1, [gamma1, beta1, mean1, var1], W2, b2, …}.
 *
 * @param layers    the dense layers, input side first
 * @param batchNorm the batch-normalization layers by the index k (from 1) of the dense layer each
 *                  follows; empty for a net without any
 */
public record ParamSet(List<DenseParams> layers, SortedMap<Integer, BatchNormParams> batchNorm) {

    public ParamSet {
        layers = List.copyOf(layers);
        for (Map.Entry<Integer, BatchNormParams> e : batchNorm.entrySet()) {
            int k = e.getKey();
            if (k < 1 || k >= layers.size())
                throw new IllegalArgumentException("batch norm after layer " + k + " is invalid; only hidden layers 1.." + (layers.size() - 1) + " have one");
            if (e.getValue().n() != layers.get(k - 1).nOut())
                throw new IllegalArgumentException("batch norm " + e.getValue() + " after layer " + k + " does not fit its " + layers.get(k - 1).nOut() + " units");
        }
        batchNorm = Collections.unmodifiableSortedMap(new TreeMap<>(batchNorm));
    }

    /** Dense layers only, no batch normalization. */
    public ParamSet(List<DenseParams> layers) {
        this(layers, new TreeMap<>());
    }

    /** The batch normalization after dense layer {@code k} (from 1), or null if none follows it. */
    public BatchNormParams batchNorm(int k) {
        return batchNorm.get(k);
    }

    /** Layer {@code k}, counted from 1 as in the tutorial's W1, W2. */
    public DenseParams layer(int k) {
        return layers.get(k - 1);
    }

    /** How many numbers: every W and b, and 4·n per batch-normalization layer. */
    public int count() {
        return layers.stream().mapToInt(l -> l.w().length + l.b().length).sum()
                + batchNorm.values().stream().mapToInt(p -> 4 * p.n()).sum();
    }

    public ParamSet copy() {
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        batchNorm.forEach((k, p) -> bn.put(k, p.copy()));
        return new ParamSet(layers.stream().map(DenseParams::copy).toList(), bn);
    }

    /** Zeros shaped like {@code spec}'s layers (its batch normalization included). */
    public static ParamSet zeros(NetSpec spec) {
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < spec.depth(); k++) layers.add(DenseParams.zeros(spec.nIn(k), spec.layers().get(k).nOut()));
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        for (int k = 0; k < spec.hidden().size(); k++) {
            if (spec.hidden().get(k).hasBatchNorm()) bn.put(k + 1, BatchNormParams.zeros(spec.hidden().get(k).nOut()));
        }
        return new ParamSet(layers, bn);
    }

    /**
     * Draws initial parameters from {@code spec.seed()} with {@code java.util.Random}, whose
     * Gaussian and uniform sequences are fixed by the Java specification, so a seed gives the same
     * numbers on every JVM. Weights are drawn in canonical order (W1 row by row, then W2, …) from
     * the distribution {@link Init} names for the scheme; biases are 0. A batch normalization starts
     * where DL4J's does ({@link BatchNormParams#initial}); it draws nothing from the seed.
     *
     * @throws IllegalArgumentException for {@link Init#DL4J}, whose numbers only DL4J can draw
     */
    public static ParamSet initial(NetSpec spec) {
        if (spec.init() == Init.DL4J) throw new IllegalArgumentException("init dl4j is drawn by DL4J, not from the canonical layout");
        Random rnd = new Random(spec.seed());
        ParamSet p = zeros(spec);
        for (Map.Entry<Integer, BatchNormParams> e : p.batchNorm.entrySet()) {
            BatchNormParams init = BatchNormParams.initial(e.getValue().n());
            double[][] to = e.getValue().arrays(), from = init.arrays();
            for (int i = 0; i < to.length; i++) System.arraycopy(from[i], 0, to[i], 0, to[i].length);
        }
        for (DenseParams d : p.layers()) {
            double fanIn = d.nIn(), fanOut = d.nOut();
            double[] w = d.w();
            switch (spec.init()) {
                case NORMAL -> gaussian(w, Init.NORMAL_STD, rnd);
                case XAVIER -> gaussian(w, Math.sqrt(2.0 / (fanIn + fanOut)), rnd);
                case RELU -> gaussian(w, Math.sqrt(2.0 / fanIn), rnd);
                case LECUN_NORMAL -> gaussian(w, Math.sqrt(1.0 / fanIn), rnd);
                case XAVIER_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rnd);
                case RELU_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), rnd);
                case UNIFORM -> uniform(w, 1.0 / Math.sqrt(fanIn), rnd);
                case ZERO, DL4J -> { }
            }
        }
        return p;
    }

    private static void gaussian(double[] w, double std, Random rnd) {
        for (int i = 0; i < w.length; i++) w[i] = std * rnd.nextGaussian();
    }

    /** U(−a, a). */
    private static void uniform(double[] w, double a, Random rnd) {
        for (int i = 0; i < w.length; i++) w[i] = a * (2 * rnd.nextDouble() - 1);
    }
}
