package nnparity.gradcheck;

import nnparity.spec.Activation;
import nnparity.spec.NetSpec;

/** Temporary: the checks still assume one hidden layer; the N-layer generalisation replaces this. */
final class TwoLayer {
    private TwoLayer() {
    }

    static int nHidden(NetSpec s) {
        if (s.hidden().size() != 1) throw new IllegalArgumentException("the gradient checks take one hidden layer, not " + s.hidden().size());
        return s.hidden().get(0).nOut();
    }

    static Activation activation(NetSpec s) {
        nHidden(s);
        return s.hidden().get(0).activation();
    }
}
