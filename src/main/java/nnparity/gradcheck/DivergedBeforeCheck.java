package nnparity.gradcheck;

/**
 * The SGD steps taken before a check drove the net where no gradient check means anything: a
 * non-finite loss or parameter, or a parameter so large that a ±1e-6 nudge is lost to rounding
 * (above {@link GradientCheck#MAX_CHECKABLE_PARAM}). Thrown instead of running the checks, which
 * would otherwise fail inside DL4J's util on NaN scores.
 */
public final class DivergedBeforeCheck extends RuntimeException {
    private final int step;

    DivergedBeforeCheck(int step, String what) {
        super(what);
        this.step = step;
    }

    /** The first step (1-based) after which the loss or a parameter was out of bounds; 0 = at the start. */
    public int step() {
        return step;
    }
}
