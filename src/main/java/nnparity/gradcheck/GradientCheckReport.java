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
 * @param utilKinkFailures of those, the ones whose ±ε perturbation straddles a kink
 * @param rows       W1, b1, W2, b2, …, WL, bL
 * @param referenceScore check 1: the hand-written score vs the double-double reference
 * @param dl4jScore      check 3: the hand-written score vs DL4J's score()
 */
public record GradientCheckReport(NetSpec spec, int batchSize, String batch, int steps, Coverage coverage, String source,
                                  boolean utilPassed, int utilFailures, int utilKinkFailures, List<Row> rows,
                                  ScoreCheck referenceScore, ScoreCheck dl4jScore) {

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

    /** Check 1 passed in every group, and for the score. */
    public boolean numericalPass() {
        return referenceScore.pass() && rows.stream().allMatch(r -> r.numerical().pass());
    }

    /**
     * Check 2 passed: GradientCheckUtil passed, or failed only on parameters whose perturbation
     * straddles a kink; and the hand-written gradient passed the same test, kinks skipped.
     */
    public boolean dl4jPass() {
        return (utilPassed || utilFailures == utilKinkFailures) && rows.stream().allMatch(Row::dl4jPass);
    }

    /** Check 3 passed in every group, and for the score. */
    public boolean crossFrameworkPass() {
        return dl4jScore.pass() && rows.stream().allMatch(r -> r.crossFramework().pass());
    }

    public boolean pass() {
        return numericalPass() && dl4jPass() && crossFrameworkPass();
    }

    /** Parameters check 1 skipped because their perturbation crossed a kink. */
    public int kinkSkipped() {
        return rows.stream().mapToInt(r -> r.numerical().skipped()).sum();
    }

    /** Parameters check 2 skipped because DL4J's ±1e-6 perturbation crossed a kink. */
    public int dl4jKinkSkipped() {
        return rows.stream().mapToInt(r -> r.dl4jBackprop().skipped()).sum();
    }

    /** {@code at initialization} or {@code after 20 steps}. */
    public String point() {
        return steps == 0 ? "at initialization" : "after " + steps + " step" + (steps == 1 ? "" : "s");
    }

    /** E.g. {@code 2-50-4 tanh mcxent batch 4 after 20 steps: PASS}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s batch %d %s: %s", shape(spec), batchSize, point(), pass() ? "PASS" : "FAIL");
    }

    /**
     * A short name of the net: sizes, hidden activations (once when all agree), the loss (with the
     * output activation when it is not the loss's default), the penalty and miniBatch off, e.g.
     * {@code 2-50-4 relu mcxent}, {@code 3-6-5-2 tanh,elu mse/tanh l2=1.0E-4}.
     */
    public static String shape(NetSpec spec) {
        StringBuilder s = new StringBuilder().append(spec.nIn());
        spec.layers().forEach(l -> s.append('-').append(l.nOut()));
        List<String> acts = spec.hidden().stream().map(l -> l.activation().id()).toList();
        if (!acts.isEmpty()) s.append(' ').append(acts.stream().distinct().count() == 1 ? acts.get(0) : String.join(",", acts));
        s.append(' ').append(spec.loss().id());
        if (spec.output().activation() != spec.loss().defaultActivation()) s.append('/').append(spec.output().activation().id());
        List<String> regs = spec.layers().stream().map(l -> l.regularization().toString()).distinct().toList();
        if (regs.size() > 1 || !regs.get(0).equals("none")) s.append(' ').append(String.join(";", regs));
        if (!spec.miniBatch()) s.append(" no-minibatch");
        return s.toString();
    }
}
