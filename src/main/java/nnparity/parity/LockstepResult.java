package nnparity.parity;

import java.util.List;

import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * Everything a lockstep run measured. The maxima run over every step; {@code firstDivergence} is
 * null when nothing exceeded its tolerance.
 *
 * @param maxAbsLossDiff    max |Δloss| over every step
 * @param maxScaledLossDiff max |Δloss| / max(1, |a|, |b|) over every step, what {@link Tolerances#lossScaled()} bounds
 * @param diverged          a sentence saying where training blew up, or null
 * @param maxAbsStateDiff   max |Δ| over every element of the updater's state after every update (0 for SGD and NoOp, which have none)
 */
public record LockstepResult(NetSpec spec, TrainSpec train, String task, List<StepRecord> steps,
                             double maxAbsLossDiff, double maxScaledLossDiff, double maxAbsGradDiff,
                             double maxAbsParamDiff, Divergence firstDivergence, String diverged,
                             double secondsScratch, double secondsDl4j, ParamSet initial, double maxAbsStateDiff) {

    /** A result without updater state (its max |Δ| 0). */
    public LockstepResult(NetSpec spec, TrainSpec train, String task, List<StepRecord> steps,
                          double maxAbsLossDiff, double maxScaledLossDiff, double maxAbsGradDiff,
                          double maxAbsParamDiff, Divergence firstDivergence, String diverged,
                          double secondsScratch, double secondsDl4j, ParamSet initial) {
        this(spec, train, task, steps, maxAbsLossDiff, maxScaledLossDiff, maxAbsGradDiff, maxAbsParamDiff, firstDivergence, diverged,
                secondsScratch, secondsDl4j, initial, 0);
    }

    public Outcome outcome() {
        if (diverged != null) return Outcome.DIVERGED;
        return firstDivergence == null ? Outcome.AGREE : Outcome.DISAGREE;
    }

    public StepRecord last() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }
}
