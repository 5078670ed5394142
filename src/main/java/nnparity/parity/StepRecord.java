package nnparity.parity;

/**
 * What one lockstep step measured.
 *
 * @param step         1-based step number over the whole run
 * @param epoch        1-based epoch
 * @param lossScratch  hand-written loss before the update
 * @param lossDl4j     DL4J's score before the update
 * @param maxGradDiff  max |Δ| over every mean-loss gradient element
 * @param maxParamDiff max |Δ| over every parameter after the update
 */
public record StepRecord(long step, int epoch, double lossScratch, double lossDl4j,
                         double maxGradDiff, double maxParamDiff) {

    public double absLossDiff() {
        return lossScratch == lossDl4j ? 0 : Math.abs(lossScratch - lossDl4j);
    }

    /** |Δloss| / max(1, |lossScratch|, |lossDl4j|), what {@link Tolerances#lossScaled()} bounds. */
    public double scaledLossDiff() {
        return Tolerances.scaledDiff(lossScratch, lossDl4j);
    }
}
