package nnparity.gradcheck;

import java.util.List;
import java.util.Locale;

import nnparity.spec.NetSpec;

/**
 * The three checks at one point: one {@link Row} per parameter group, and the verdicts.
 *
 * @param spec       the net
 * @param batchSize  examples in the batch
 * @param batch      what the batch was, e.g. {@code 4 examples: the tutorial's points}
 * @param steps      SGD steps taken before checking (0: at initialization)
 * @param coverage   which elements the numerical checks perturbed
 * @param source     the hand-written gradient under test, e.g. {@code hand-written backprop}
 * @param utilPassed GradientCheckUtil's own verdict on DL4J's backprop
 * @param utilFailures     parameters GradientCheckUtil failed
 * @param utilKinkFailures of those, the ones whose ±ε perturbation straddles a ReLU kink
 * @param rows       W1, b1, W2, b2
 */
public record GradientCheckReport(NetSpec spec, int batchSize, String batch, int steps, Coverage coverage, String source,
                                  boolean utilPassed, int utilFailures, int utilKinkFailures, List<Row> rows) {

    public GradientCheckReport {
        rows = List.copyOf(rows);
    }

    /**
     * One parameter group.
     *
     * @param numerical       check 1: hand-written vs central differences (double-double)
     * @param dl4jBackprop    check 2: DL4J's backprop vs GradientCheckUtil's numerical gradient
     * @param dl4jHandWritten check 2: the hand-written gradient vs the same numerical gradient
     * @param crossFramework  check 3: hand-written vs DL4J's gradient / N
     */
    public record Row(Group group, String label, GroupStats numerical, GroupStats dl4jBackprop,
                      GroupStats dl4jHandWritten, GroupStats crossFramework) {

        public boolean dl4jPass() {
            return dl4jBackprop.pass() && dl4jHandWritten.pass();
        }

        public boolean pass() {
            return numerical.pass() && dl4jPass() && crossFramework.pass();
        }
    }

    /** Check 1 passed in every group. */
    public boolean numericalPass() {
        return rows.stream().allMatch(r -> r.numerical().pass());
    }

    /**
     * Check 2 passed: GradientCheckUtil passed, or failed only on parameters whose perturbation
     * straddles a ReLU kink; and the hand-written gradient passed the same test, kinks skipped.
     */
    public boolean dl4jPass() {
        return (utilPassed || utilFailures == utilKinkFailures) && rows.stream().allMatch(Row::dl4jPass);
    }

    /** Check 3 passed in every group. */
    public boolean crossFrameworkPass() {
        return rows.stream().allMatch(r -> r.crossFramework().pass());
    }

    public boolean pass() {
        return numericalPass() && dl4jPass() && crossFrameworkPass();
    }

    /** Parameters check 1 skipped because their perturbation crossed a ReLU kink. */
    public int kinkSkipped() {
        return rows.stream().mapToInt(r -> r.numerical().skipped()).sum();
    }

    /** Parameters check 2 skipped because DL4J's ±1e-6 perturbation crossed a ReLU kink. */
    public int dl4jKinkSkipped() {
        return rows.stream().mapToInt(r -> r.dl4jBackprop().skipped()).sum();
    }

    /** {@code at initialization} or {@code after 20 steps}. */
    public String point() {
        return steps == 0 ? "at initialization" : "after " + steps + " step" + (steps == 1 ? "" : "s");
    }

    /** E.g. {@code tanh 2-50-4 batch 4 after 20 steps: PASS}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %d-%d-%d batch %d %s: %s", TwoLayer.activation(spec).id(), spec.nIn(), TwoLayer.nHidden(spec),
                spec.nOut(), batchSize, point(), pass() ? "PASS" : "FAIL");
    }
}
