package nnparity.gradcheck;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import nnparity.text.Fmt;

/**
 * Prints a {@link GradientCheckReport} for a person: what was checked against what, one row per
 * parameter group with the largest relative error of each check, the scores, and a verdict per check.
 *
 * <pre>
 *   group              size  check 1  check 2 DL4J  check 2 hand  check 3  result
 *   layer 1 W [2x50]    100  3.1e-13  4.5e-7        4.5e-7        8.8e-16  PASS
 *   …
 *   score  hand-written 1.3862…, reference 1.3862… (check 1: rel 1.6e-16), DL4J 1.3862… (check 3: rel 0)
 * </pre>
 */
public final class ReportTable {
    private ReportTable() {
    }

    public static void print(GradientCheckReport r, PrintWriter out) {
        int perturbed = 0, skipped = 0, total = 0, dl4jChecked = 0, floor = 0;
        for (GradientCheckReport.Row row : r.rows()) {
            perturbed += row.numerical().checked() + row.numerical().skipped();
            skipped += row.numerical().skipped();
            total += row.crossFramework().checked();
            dl4jChecked += row.dl4jBackprop().checked() + row.dl4jBackprop().skipped();
            floor += row.dl4jHandWritten().floorPasses();
        }
        out.println("gradient check: " + r.spec());
        out.println("  batch      " + r.batch());
        out.println("  point      " + r.point() + (r.steps() > 0 ? " of SGD on this batch" : ""));
        out.println("  gradient   " + r.source());
        out.printf(Locale.ROOT, "  check 1    hand-written vs central differences of the %s in double-double, ε = %s;"
                + " pass: rel ≤ %s%s%n", r.spec().regularized() ? "loss + penalties" : "loss",
                Fmt.sci(NumericalCheck.EPS), Fmt.sci(NumericalCheck.MAX_REL_ERROR),
                r.spec().regularized() ? " for the data gradient and the penalties' part each" : "");
        out.printf(Locale.ROOT, "  check 2    DL4J's GradientCheckUtil (ε = %s) on DL4J's backprop, and its numerical gradient vs"
                        + " the hand-written one;%n             pass: rel ≤ %s or abs < %s (its defaults)%n",
                Fmt.sci(Dl4jGradientCheck.EPS), Fmt.sci(Dl4jGradientCheck.MAX_REL_ERROR), Fmt.sci(Dl4jGradientCheck.MIN_ABS_ERROR));
        out.printf(Locale.ROOT, "  check 3    hand-written vs DL4J's update / lr (its updater: gradient%s%s); pass: abs ≤ %s or rel ≤ %s%n",
                r.spec().miniBatch() ? " / N" : ", miniBatch off", r.spec().regularized() ? ", then the penalties" : "",
                Fmt.sci(CrossFrameworkCheck.MAX_ABS_ERROR), Fmt.sci(CrossFrameworkCheck.MAX_REL_ERROR));
        out.printf(Locale.ROOT, "  score      checks 1 and 3 also compare the score%s; pass: abs ≤ %s or rel ≤ %s%n",
                r.spec().regularized() ? " with its penalties" : "", Fmt.sci(ScoreCheck.MAX_ABS_ERROR), Fmt.sci(ScoreCheck.MAX_REL_ERROR));
        out.println();
        out.println("largest relative error |a-b|/(|a|+|b|) per parameter group:");
        table(r, out);
        out.println("(! = over the bound: the check fails; * = over the relative bound, but passes by the check's absolute floor)");
        out.printf(Locale.ROOT, "score: hand-written %.17g, reference %.17g (check 1: rel %s%s), DL4J %.17g (check 3: rel %s%s)%n",
                r.referenceScore().handWritten(), r.referenceScore().reference(), Fmt.sci(r.referenceScore().relError()),
                r.referenceScore().pass() ? "" : " !", r.dl4jScore().reference(), Fmt.sci(r.dl4jScore().relError()),
                r.dl4jScore().pass() ? "" : " !");
        out.println();

        GroupStats c1 = worst(r, GradientCheckReport.Row::numerical);
        out.printf(Locale.ROOT, "check 1  %s  worst %s%s; %d of %d parameters perturbed (%s), %d skipped at a kink%s%n",
                verdict(r.numericalPass()), Fmt.sci(c1.maxRelError()), where(r, GradientCheckReport.Row::numerical),
                perturbed, total, r.coverage(), skipped, r.referenceScore().pass() ? "" : "; the score FAILS");
        String util = r.utilPassed() ? "passed"
                : r.utilFailures() == r.utilKinkFailures()
                ? "false, from " + r.utilFailures() + " parameter(s) whose ±" + Fmt.sci(Dl4jGradientCheck.EPS)
                  + " perturbation straddles a kink (skipped, as in check 1)"
                : "FAILED " + r.utilFailures() + " parameter(s)";
        out.printf(Locale.ROOT, "check 2  %s  GradientCheckUtil on %d parameters: %s. The hand-written gradient, same test: %s."
                        + " %d parameter(s) pass only by the abs floor (*)%n",
                verdict(r.dl4jPass()), dl4jChecked, util,
                r.rows().stream().allMatch(row -> row.dl4jHandWritten().pass()) ? "passes" : "FAILS", floor);
        GroupStats c3 = worst(r, GradientCheckReport.Row::crossFramework);
        double maxAbs = r.rows().stream().mapToDouble(row -> row.crossFramework().maxAbsError()).max().orElse(0);
        out.printf(Locale.ROOT, "check 3  %s  largest difference %s absolute, %s relative%s, over all %d parameters%s%n",
                verdict(r.crossFrameworkPass()), Fmt.sci(maxAbs), Fmt.sci(c3.maxRelError()),
                where(r, GradientCheckReport.Row::crossFramework), total, r.dl4jScore().pass() ? "" : "; the score FAILS");
        out.println(verdictLine(r));
    }

    /** The last line: {@code PASS: …} with what each check covered, or {@code FAIL: check 1, …}. */
    public static String verdictLine(GradientCheckReport r) {
        int perturbed = 0, total = 0, dl4jChecked = 0;
        for (GradientCheckReport.Row row : r.rows()) {
            perturbed += row.numerical().checked() + row.numerical().skipped();
            total += row.crossFramework().checked();
            dl4jChecked += row.dl4jBackprop().checked() + row.dl4jBackprop().skipped();
        }
        return r.pass() ? passLine(perturbed, dl4jChecked, total) : "FAIL: " + failed(r) + " (see the rows above; exit code 1).";
    }

    /**
     * "PASS: all three checks hold for every parameter." only when checks 1 and 2 visited every
     * one; else exactly what each check covered (check 3 always compares all).
     */
    static String passLine(int perturbed, int dl4jChecked, int total) {
        if (perturbed == total && dl4jChecked == total) return "PASS: all three checks hold for every parameter.";
        return String.format(Locale.ROOT, "PASS: all three checks hold for every parameter they checked: check 1 on %d of %d,"
                + " check 2 on %d of %d, check 3 on all %d.", perturbed, total, dl4jChecked, total, total);
    }

    /** The table's heading, then one row per parameter group: group, size, each check's worst relative error, result. */
    public static List<String[]> rows(GradientCheckReport r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"group", "size", "check 1", "check 2 DL4J", "check 2 hand", "check 3", "result"});
        for (GradientCheckReport.Row row : r.rows()) {
            rows.add(new String[]{row.label(), String.valueOf(row.group().size(r.spec())),
                    cell(row.numerical()), cell(row.dl4jBackprop()), cell(row.dl4jHandWritten()), cell(row.crossFramework()),
                    row.pass() ? "PASS" : "FAIL " + failedChecks(row)});
        }
        return rows;
    }

    private static void table(GradientCheckReport r, PrintWriter out) {
        List<String[]> rows = rows(r);
        String[] head = rows.get(0);
        int[] w = new int[head.length];
        for (String[] cells : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], cells[i].length());
        for (String[] cells : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) sb.append("  ");
                // the size column is right-aligned, the others left-aligned; the last is not padded
                if (i == 1) sb.append(" ".repeat(w[i] - cells[i].length())).append(cells[i]);
                else sb.append(cells[i]).append(i == cells.length - 1 ? "" : " ".repeat(w[i] - cells[i].length()));
            }
            out.println(sb);
        }
    }

    private static String cell(GroupStats s) {
        if (s.checked() == 0) return s.skipped() > 0 ? "all skipped" : "-";
        return Fmt.sci(s.maxRelError()) + (!s.pass() ? " !" : s.floorPasses() > 0 ? " *" : "");
    }

    private static String failedChecks(GradientCheckReport.Row row) {
        List<String> f = new ArrayList<>();
        if (!row.numerical().pass()) f.add("1");
        if (!row.dl4jPass()) f.add("2");
        if (!row.crossFramework().pass()) f.add("3");
        return String.join(",", f);
    }

    private static String failed(GradientCheckReport r) {
        List<String> f = new ArrayList<>();
        if (!r.numericalPass()) f.add("check 1");
        if (!r.dl4jPass()) f.add("check 2");
        if (!r.crossFrameworkPass()) f.add("check 3");
        return String.join(", ", f);
    }

    private static GroupStats worst(GradientCheckReport r, Function<GradientCheckReport.Row, GroupStats> which) {
        GroupStats best = which.apply(r.rows().get(0));
        for (GradientCheckReport.Row row : r.rows()) {
            GroupStats s = which.apply(row);
            if (s.maxRelError() > best.maxRelError() || Double.isNaN(s.maxRelError())) best = s;
        }
        return best;
    }

    /** E.g. {@code  at b1[34] (hand 6.4e-12 vs 6.4e-12)}; empty when nothing was compared. */
    private static String where(GradientCheckReport r, Function<GradientCheckReport.Row, GroupStats> which) {
        GradientCheckReport.Row at = null;
        for (GradientCheckReport.Row row : r.rows()) {
            GroupStats s = which.apply(row);
            if (s.worstIndex() < 0) continue;
            if (at == null || s.maxRelError() > which.apply(at).maxRelError() || Double.isNaN(s.maxRelError())) at = row;
        }
        if (at == null) return "";
        GroupStats s = which.apply(at);
        return String.format(Locale.ROOT, " at %s (%.10g vs %.10g)", at.group().element(r.spec(), s.worstIndex()),
                s.worstAnalytic(), s.worstReference());
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }
}
