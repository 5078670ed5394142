package nnparity.spec;

import java.util.List;

/** The tutorial's shape for tests: one hidden layer, a softmax output and cross-entropy, SGD, miniBatch on. */
public final class TwoLayerSpecs {
    private TwoLayerSpecs() {
    }

    /** {@code nIn → nHidden (activation) → nOut softmax}, MCXENT with {@code clip}. */
    public static NetSpec of(int nIn, int nHidden, int nOut, Activation activation, double lr, Init init, long seed, double clip) {
        return new NetSpec(nIn, List.of(new LayerSpec(nHidden, activation)), new LayerSpec(nOut, Activation.SOFTMAX),
                Loss.MCXENT, clip, lr, init, seed, true);
    }
}
