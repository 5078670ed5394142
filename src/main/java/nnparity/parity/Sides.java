package nnparity.parity;

import nnparity.spec.NetSpec;

/**
 * How the two sides share the machine within a lockstep step. Their training is independent
 * (each its own net, the same batch), so either way gives the same numbers, bit for bit: every
 * comparison runs on the caller's thread, in the same order, on the same values.
 */
public enum Sides {
    /** One after the other on the caller's thread: hand-written loss and gradient, DL4J's {@code fit}, hand-written update. */
    TAKE_TURNS("turns"),
    /**
     * At the same time: the hand-written side on a thread of its own while DL4J trains on the
     * caller's (ND4J keeps its own thread count). They meet once per step, inside DL4J's
     * {@code fit} between its backward pass and its update, where the losses and gradients are
     * compared; then both update. On two cores DL4J's step, the longer one, hides the other.
     */
    SIDE_BY_SIDE("together");

    /**
     * The smallest step {@link #forStep} runs side by side, in multiply-adds of one forward pass,
     * batch × Σ nIn·nOut over the layers (2¹⁹ = 524,288). A step side by side hands work between
     * two threads three times, which costs tens of µs when a thread has to be woken; that pays
     * only when the hand-written step it hides costs more. Measured on 2 cores (docs/performance.md):
     * at 1,200 (the quadrant task, 2-50-4 × 4) taking turns was faster by a median 0.26 s over
     * 1,000 steps; at 3,970,000 (digits, 784-50-10 × 100) side by side was faster by a median
     * 1.9 s over 1,800 steps.
     */
    public static final long TOGETHER_FROM_MULTIPLY_ADDS = 1L << 19;

    private final String id;

    Sides(String id) {
        this.id = id;
    }

    /** The name {@code --sides} takes: {@code turns} or {@code together}. */
    public String id() {
        return id;
    }

    /** Multiply-adds in one forward pass of {@code spec} over {@code batch} examples: batch × Σₖ nInₖ · nOutₖ. */
    public static long forwardMultiplyAdds(NetSpec spec, int batch) {
        long perExample = 0;
        for (int k = 0; k < spec.depth(); k++) perExample += (long) spec.nIn(k) * spec.layers().get(k).nOut();
        return perExample * batch;
    }

    /** The faster way for steps of {@code spec} at {@code batch} on this machine's cores; see {@link #forStep(NetSpec, int, int)}. */
    public static Sides forStep(NetSpec spec, int batch) {
        return forStep(spec, batch, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@link #SIDE_BY_SIDE} when there are at least two cores and a forward pass takes at least
     * {@link #TOGETHER_FROM_MULTIPLY_ADDS}; else {@link #TAKE_TURNS}.
     */
    static Sides forStep(NetSpec spec, int batch, int cores) {
        return cores >= 2 && forwardMultiplyAdds(spec, batch) >= TOGETHER_FROM_MULTIPLY_ADDS ? SIDE_BY_SIDE : TAKE_TURNS;
    }
}
