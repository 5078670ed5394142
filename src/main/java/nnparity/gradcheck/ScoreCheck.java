package nnparity.gradcheck;

import java.util.Locale;

import nnparity.text.Fmt;

/**
 * The hand-written net's score (data loss plus penalties, as DL4J's {@code score()} reports it)
 * against a reference: the double-double {@link ReferenceLoss#score} in check 1, DL4J's
 * {@code score()} in check 3.
 *
 * <pre>
 *   pass ⇔ |hand − reference| ≤ 1e-12  or  rel(hand, reference) ≤ 1e-12
 * </pre>
 *
 * The hand-written score is a sum of logs (or squares) in double: a few ulps of each term, about
 * 1e-14 for these nets. 1e-12 leaves a hundred times that, while a missing penalty (½·l2·Σw² is
 * 1e-6 of the loss even for the tutorial's 0.01-sized weights and l2 = 1e-4) or a wrong clip is
 * far above it. NaN fails.
 *
 * @param handWritten the hand-written net's score
 * @param reference   the score it is compared with
 */
public record ScoreCheck(double handWritten, double reference) {
    public static final double MAX_ABS_ERROR = 1e-12;
    public static final double MAX_REL_ERROR = 1e-12;

    public double absError() {
        return Math.abs(handWritten - reference);
    }

    public double relError() {
        return RelativeError.of(handWritten, reference);
    }

    public boolean pass() {
        return absError() <= MAX_ABS_ERROR || relError() <= MAX_REL_ERROR;
    }

    /** E.g. {@code 1.3862943611198906 vs 1.3862943611198904 (rel 8.0e-17)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.17g vs %.17g (rel %s)%s", handWritten, reference, Fmt.sci(relError()), pass() ? "" : " FAIL");
    }
}
