package nnparity.parity;

import java.util.Locale;

import nnparity.text.Fmt;

/**
 * The final word on a run: the lockstep's outcome, then the predictions after training. The run
 * agrees only if every step agreed and every predicted class and probability agrees too.
 *
 * @param outcome         AGREE, DISAGREE or DIVERGED
 * @param firstDivergence the first comparison beyond tolerance (a step's, else a prediction's), or null
 */
public record Verdict(Outcome outcome, Divergence firstDivergence, LockstepResult run, Predictions predictions) {

    public static Verdict of(LockstepResult run, Predictions predictions, Tolerances tol) {
        if (run.outcome() != Outcome.AGREE) return new Verdict(run.outcome(), run.firstDivergence(), run, predictions);
        long steps = run.steps().size();
        Divergence p = predictions.firstOver(tol.probScaled(), steps);
        return new Verdict(p == null ? Outcome.AGREE : Outcome.DISAGREE, p, run, predictions);
    }

    /** 0 agree, 1 disagree, 2 diverged (a bad learning rate is an input error). */
    public int exitCode() {
        return switch (outcome) {
            case AGREE -> 0;
            case DISAGREE -> 1;
            case DIVERGED -> 2;
        };
    }

    /**
     * One line with the figures, e.g. {@code AGREE: max |Δloss| 2.2e-16, … over 1000 steps}: each
     * the largest |a − b| of its kind, as the step table shows them (the tolerance bounds
     * |a − b| / max(1, |a|, |b|), the same below 1). A diverged run gives the figures up to where it
     * stopped, without the predictions' if they are not numbers.
     */
    public String line() {
        boolean stateful = run.spec().updater().type().hasState();
        String steps = String.format(Locale.ROOT, "max |Δloss| %s, max |Δgrad| %s, max |Δparam| %s%s over %s (double)",
                Fmt.sci(run.maxAbsLossDiff()), Fmt.sci(run.maxAbsGradDiff()), Fmt.sci(run.maxAbsParamDiff()),
                stateful ? ", max |Δstate| " + Fmt.sci(run.maxAbsStateDiff()) : "", Fmt.count(run.steps().size(), "step"));
        String figures = String.format(Locale.ROOT, "%s; predictions agree %d/%d, max |Δp| %s", steps,
                Math.round(predictions.agreement() * predictions.size()), predictions.size(), Fmt.sci(predictions.maxAbsProbDiff()));
        return switch (outcome) {
            case AGREE -> "AGREE: " + figures;
            case DISAGREE -> "DISAGREE: first at " + firstDivergence + ". Over the run: " + figures;
            case DIVERGED -> "DIVERGED: " + run.diverged() + " Until then: " + (Double.isNaN(predictions.maxAbsProbDiff()) ? steps : figures);
        };
    }
}
