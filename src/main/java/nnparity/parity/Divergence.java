package nnparity.parity;

import java.util.Locale;

/**
 * Where the two nets first differed by more than the tolerance.
 *
 * @param step    training step, 1-based (0 for the initial parameters)
 * @param phase   which comparison failed first within that step
 * @param layer   the dense layer, counted from 1 at the input side, or 0 where no layer applies (the loss)
 * @param param   "W" or "b", a batch norm's "gamma", "beta", "mean" or "var" (after dense layer
 *                {@code layer}), "p" for a predicted probability, or null for the loss
 * @param row     the element's row (W: input unit, b and batch norm: 0), -1 for the loss
 * @param col     the element's column (output unit), -1 for the loss
 * @param scratch the hand-written value
 * @param dl4j    the DL4J value
 * @param state   for {@link Phase#UPDATER_STATE}, the state compared, e.g. {@code Adam v}; else null
 */
public record Divergence(long step, Phase phase, int layer, String param, int row, int col,
                         double scratch, double dl4j, String state) {

    /** A divergence outside the updater's state. */
    public Divergence(long step, Phase phase, int layer, String param, int row, int col, double scratch, double dl4j) {
        this(step, phase, layer, param, row, col, scratch, dl4j, null);
    }

    /** The phase as printed: its description, or for the updater state {@code update (Adam v)}. */
    public String phaseDescription() {
        return state == null ? phase.description() : "update (" + state + ")";
    }

    public double absDiff() {
        return Math.abs(scratch - dl4j);
    }

    /**
     * E.g. {@code W2[3,1]} (also for an updater state's element), {@code b1[7]}, {@code gamma1[3]},
     * {@code var2[0]} (a batch norm's, after dense layer 2), {@code a2[0,3]} (layer 2's activation
     * of example 0, unit 3) or {@code loss}.
     */
    public String where() {
        if (param == null) return "loss";
        if (param.equals("p")) return "p[point " + row + ", class " + col + "]";
        return isVector(param) ? param + layer + "[" + col + "]" : param + layer + "[" + row + "," + col + "]";
    }

    private static boolean isVector(String param) {
        return switch (param) {
            case "b", "gamma", "beta", "mean", "var" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "step %d, %s, %s: hand-written %.17g vs DL4J %.17g (|Δ| %.3g)",
                step, phaseDescription(), where(), scratch, dl4j, absDiff());
    }
}
