package nnparity.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * All parameters (or all gradients) of the network in the canonical layout: layer 1 ({@code W1},
 * {@code b1}), then layer 2 ({@code W2}, {@code b2}); see {@link DenseParams}. Both networks read
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
        return new ParamSet(List.of(DenseParams.zeros(spec.nIn(), spec.nHidden()),
                DenseParams.zeros(spec.nHidden(), spec.nOut())));
    }

    /**
     * Draws initial parameters from {@code spec.seed()} with {@code java.util.Random}, whose
     * Gaussian sequence is fixed by the Java specification, so a seed gives the same numbers on
     * every JVM. Weights are drawn in canonical order (W1 row by row, then W2); biases are 0.
     *
     * @throws IllegalArgumentException for {@link Init#DL4J}, whose numbers only DL4J can draw
     */
    public static ParamSet initial(NetSpec spec) {
        Random rnd = new Random(spec.seed());
        List<DenseParams> layers = new ArrayList<>();
        int[] sizes = {spec.nIn(), spec.nHidden(), spec.nOut()};
        for (int k = 0; k < 2; k++) {
            DenseParams p = DenseParams.zeros(sizes[k], sizes[k + 1]);
            double std = switch (spec.init()) {
                case NORMAL -> Init.NORMAL_STD;
                case XAVIER -> Math.sqrt(2.0 / (p.nIn() + p.nOut()));
                case DL4J -> throw new IllegalArgumentException("init dl4j is drawn by DL4J, not from the canonical layout");
            };
            for (int i = 0; i < p.w().length; i++) p.w()[i] = std * rnd.nextGaussian();
            layers.add(p);
        }
        return new ParamSet(layers);
    }
}
