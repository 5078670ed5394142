package nnparity.scratch;

/**
 * Where a {@link Dropout} layer's keep/drop decisions come from. The hand-written net draws no
 * random numbers itself: the harness draws the masks (from the shared seed) and hands the same
 * ones to DL4J, so both sides drop the same units at the same step.
 *
 * <p>The protocol: {@code keep(layer, iteration, rows, cols)} returns {@code rows·cols} values,
 * row-major, each exactly 1 (keep the unit) or 0 (drop it), for the input [rows, cols] of dense
 * layer {@code layer} (1-based, as in W1, b1) at training iteration {@code iteration} (the number
 * of updates done before it, DL4J's iteration count, which starts at 0). The same arguments must
 * give the same mask every time: DL4J runs the forward pass twice per lockstep step (once in
 * {@code computeGradientAndScore}, once in {@code fit}) and must see the same mask both times.
 * The returned array may be shared; callers do not change it.
 */
@FunctionalInterface
public interface MaskSource {

    double[] keep(int layer, int iteration, int rows, int cols);
}
