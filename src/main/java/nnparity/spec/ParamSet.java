package nnparity.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * All parameters (or all gradients) of the network in the canonical layout: layer 1 ({@code W1},
 * {@code b1}), then layer 2 ({@code W2}, {@code b2}), and so on; see {@link DenseParams}. Both networks read
 * and write their numbers through this one layout, so "the same parameters" has one meaning.
 */
public record ParamSet(List<DenseParams> layers) {

    public ParamSet {
        layers = List.copyOf(layers);
    }

    /** Layer {@code k}, counted from 1 as in the tutorial's W1, W2. */
    public DenseParams layer(int k) {
        return layers.get(k - 1);
    }

    public int count() {
        return layers.stream().mapToInt(l -> l.w().length + l.b().length).sum();
    }

    public ParamSet copy() {
        return new ParamSet(layers.stream().map(DenseParams::copy).toList());
    }

    /** Zeros shaped like {@code spec}'s layers. */
    public static ParamSet zeros(NetSpec spec) {
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < spec.depth(); k++) layers.add(DenseParams.zeros(spec.nIn(k), spec.layers().get(k).nOut()));
        return new ParamSet(layers);
    }

    /**
     * Draws initial parameters from {@code spec.seed()} with {@code java.util.Random}, whose
     * Gaussian and uniform sequences are fixed by the Java specification, so a seed gives the same
     * numbers on every JVM. Weights are drawn in canonical order (W1 row by row, then W2, …) from
     * the distribution {@link Init} names for the scheme; biases are 0.
     *
     * @throws IllegalArgumentException for {@link Init#DL4J}, whose numbers only DL4J can draw
     */
    public static ParamSet initial(NetSpec spec) {
        if (spec.init() == Init.DL4J) throw new IllegalArgumentException("init dl4j is drawn by DL4J, not from the canonical layout");
        Random rnd = new Random(spec.seed());
        ParamSet p = zeros(spec);
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
