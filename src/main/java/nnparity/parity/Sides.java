package nnparity.parity;

/**
 * How the two sides share the machine within a lockstep step. Their training is independent
 * (each its own net, the same batch), so either way gives the same numbers, bit for bit: every
 * comparison runs on the caller's thread, in the same order, on the same values.
 */
public enum Sides {
    /** One after the other on the caller's thread: hand-written loss and gradient, DL4J's {@code fit}, hand-written update. */
    TAKE_TURNS,
    /**
     * At the same time: the hand-written side on a thread of its own while DL4J trains on the
     * caller's (ND4J keeps its own thread count). They meet once per step, inside DL4J's
     * {@code fit} between its backward pass and its update, where the losses and gradients are
     * compared; then both update. On two cores DL4J's step, the longer one, hides the other.
     */
    SIDE_BY_SIDE
}
