package nnparity.bench;

import java.util.Locale;

import nnparity.spec.NetSpec;

/**
 * One benchmark size: the net {@code nIn → hidden → nOut} and the batch, written as in the
 * {@code @Param} values, {@code "784-50-10x100"}.
 *
 * <p>The flop counts are the multiply-adds of the matrix products, two flops each, counted dense
 * (a zero that a kernel skips still counts: both sides are credited with the same work), and
 * nothing else: bias, activation, softmax and the SGD update are O(batch·width), not counted.
 *
 * <pre>
 *   forward   x·W1 + h·W2                         2·B·(nIn·H + H·nOut)
 *   backward  xᵀ·dz1 (dW1), hᵀ·dz2 (dW2),
 *             dz2·W2ᵀ (dh); not dz1·W1ᵀ (dx:
 *             the data needs no gradient)         2·B·(nIn·H + 2·H·nOut)
 *   step      forward + backward                  2·B·(2·nIn·H + 3·H·nOut)
 * </pre>
 */
public record Shape(int nIn, int hidden, int nOut, int batch) {

    /** Parses {@code "784-50-10x100"}. */
    public static Shape parse(String s) {
        String[] nb = s.trim().split("x");
        String[] sizes = nb[0].split("-");
        if (nb.length != 2 || sizes.length != 3)
            throw new IllegalArgumentException("shape '" + s + "' is not of the form nIn-hidden-nOutxBatch, e.g. 784-50-10x100");
        return new Shape(Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]), Integer.parseInt(sizes[2]), Integer.parseInt(nb[1]));
    }

    /** The net of this shape: ReLU, SGD(lr=0.1), 0.01·N(0,1) init, seed 42, as {@link NetSpec#digits()}. */
    public NetSpec spec() {
        return NetSpec.digits().withSizes(nIn, hidden, nOut);
    }

    public double forwardFlops() {
        return 2.0 * batch * ((double) nIn * hidden + (double) hidden * nOut);
    }

    public double backwardFlops() {
        return 2.0 * batch * ((double) nIn * hidden + 2.0 * hidden * nOut);
    }

    public double stepFlops() {
        return forwardFlops() + backwardFlops();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d-%d-%dx%d", nIn, hidden, nOut, batch);
    }
}
