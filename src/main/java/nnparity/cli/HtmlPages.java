package nnparity.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nnparity.gradcheck.CrossFrameworkCheck;
import nnparity.gradcheck.GradientCheckReport;
import nnparity.gradcheck.NumericalCheck;
import nnparity.gradcheck.ReportTable;
import nnparity.gradcheck.ScoreCheck;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.Tolerances;
import nnparity.report.EpochTable;
import nnparity.report.HtmlReport;
import nnparity.report.HtmlReport.Block;
import nnparity.report.HtmlReport.Cell;
import nnparity.report.HtmlReport.Paragraph;
import nnparity.report.HtmlReport.Preformatted;
import nnparity.report.HtmlReport.Table;
import nnparity.report.HtmlReport.Tone;
import nnparity.report.PairedEvaluation;
import nnparity.plot.Picture;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.text.Fmt;

/**
 * The parts of the {@code --html} page that belong to a task: the header lines every lockstep
 * run shares, the quadrant task's predictions, the digits task's accuracy per epoch and test-set
 * evaluation. Built from the same objects the console report prints, never from its text.
 */
final class HtmlPages {
    private HtmlPages() {
    }

    /** The sentence under a lockstep page's title. */
    static final String LOCKSTEP_LEAD = "The same network trained twice, by hand and with DL4J, on the same batches in lockstep:"
            + " this page shows whether the two computed the same numbers at every step, and what they predict afterwards.";

    /**
     * The header lines after the task's own: spec, training over {@code examples} training
     * examples, both nets, threads, tolerance (as the console prints them).
     */
    static void lockstepHeader(HtmlReport.Builder page, NetSpec spec, TrainSpec train, int examples, Lockstep lockstep,
                               String threadsNote, Tolerances tol) {
        page.lead(LOCKSTEP_LEAD);
        page.header("spec", spec.toString())
                .header("training", train.describe(examples))
                .header("hand-written", lockstep.scratch().toString())
                .header("DL4J", QuadrantJob.describeDl4j(spec));
        if (threadsNote != null) page.header("threads", threadsNote);
        page.header("tolerance", tol.describe());
    }

    /**
     * The quadrant task's predictions: each named point's class and probability on both sides,
     * every class's probability at those points, and the held-out grid's agreement and accuracy.
     *
     * @param named         how many leading points are named ((2,2) and {@code --predict}); the rest are the grid
     * @param classNames    the class names, e.g. A B C D
     * @param truth         the true class of each grid point, in grid order
     * @param probabilities whether the outputs are probabilities (softmax) or plain outputs
     */
    static List<Block> quadrantPredictions(Predictions pred, List<String> labels, int named, List<String> classNames,
                                           int[] truth, boolean probabilities) {
        return quadrantPredictions(pred, labels, named, classNames, truth, probabilities, PointTask.QUADRANT);
    }

    /** As above, for any task on points in the plane: the held-out sentence names that task's set. */
    static List<Block> quadrantPredictions(Predictions pred, List<String> labels, int named, List<String> classNames,
                                           int[] truth, boolean probabilities, PointTask task) {
        List<Block> blocks = new ArrayList<>();
        if (Double.isNaN(pred.maxAbsProbDiff())) {
            blocks.add(new Paragraph("None: the nets' probabilities are not numbers (training diverged)."));
            return blocks;
        }
        String value = probabilities ? "probability" : "largest output (not a probability)";
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < named; i++) {
            int cs = pred.classScratch(i), cd = pred.classDl4j(i);
            Tone t = cs == cd ? Tone.PLAIN : Tone.BAD;
            double dp = 0;
            for (int k = 0; k < pred.nClasses(); k++) dp = Math.max(dp, Math.abs(pred.probScratch(i, k) - pred.probDl4j(i, k)));
            rows.add(List.of(Cell.of(labels.get(i)), Cell.of(classNames.get(cs), t), Cell.of(classNames.get(cd), t),
                    Cell.of(output(pred.probScratch(i, cs), probabilities)), Cell.of(output(pred.probDl4j(i, cd), probabilities)),
                    Cell.of(Fmt.sci(dp))));
        }
        blocks.add(new Table("Each point's class, hand-written | DL4J", List.of("point", "class hand-written", "class DL4J",
                value + " hand-written", value + " DL4J", "max |Δ| over classes"), rows, 3));

        List<String> columns = new ArrayList<>(List.of("point", "net"));
        columns.addAll(classNames);
        List<List<Cell>> every = new ArrayList<>();
        for (int i = 0; i < named; i++) {
            for (boolean scratch : new boolean[]{true, false}) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(scratch ? labels.get(i) : ""), Cell.of(scratch ? "hand-written" : "DL4J")));
                int best = scratch ? pred.classScratch(i) : pred.classDl4j(i);
                for (int k = 0; k < pred.nClasses(); k++) {
                    double p = scratch ? pred.probScratch(i, k) : pred.probDl4j(i, k);
                    row.add(Cell.of(String.format(Locale.ROOT, "%.6f", p), k == best ? Tone.GOOD : Tone.PLAIN));
                }
                every.add(row);
            }
        }
        blocks.add(new Table("Every class's " + (probabilities ? "probability" : "output") + " (the largest in green)", columns, every, 2));

        int grid = pred.size() - named, same = 0, rightS = 0, rightD = 0;
        for (int i = named; i < pred.size(); i++) {
            if (pred.classScratch(i) == pred.classDl4j(i)) same++;
            if (pred.classScratch(i) == truth[i - named]) rightS++;
            if (pred.classDl4j(i) == truth[i - named]) rightD++;
        }
        boolean quadrant = task == PointTask.QUADRANT;
        blocks.add(new Paragraph(String.format(Locale.ROOT, "Held-out %s of %d points: the classes agree on %d/%d;"
                + " the correct %s %d/%d (hand-written) and %d/%d (DL4J).", quadrant ? "grid" : "set", grid, same, grid,
                quadrant ? "quadrant" : "class", rightS, grid, rightD, grid)));
        return blocks;
    }

    private static String output(double v, boolean probability) {
        return probability ? Fmt.pct(v).strip() : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The digits job's accuracy per epoch, both nets, train and test; without the times, which vary. */
    static Table accuracyPerEpoch(List<EpochTable.Row> epochs) {
        List<List<Cell>> rows = new ArrayList<>();
        for (EpochTable.Row r : epochs) {
            rows.add(List.of(Cell.of(Integer.toString(r.epoch())), Cell.of(acc(r.trainHandWritten())), Cell.of(acc(r.trainDl4j())),
                    Cell.of(acc(r.testHandWritten())), Cell.of(acc(r.testDl4j())),
                    Cell.of(r.testAgree() + "/" + r.testSize(), r.testAgree() == r.testSize() ? Tone.PLAIN : Tone.BAD)));
        }
        return new Table("Accuracy per epoch (DL4J's Evaluation, fed each net's probabilities; epoch 0: untrained)",
                List.of("epoch", "train hand-written", "train DL4J", "test hand-written", "test DL4J", "test: same class"), rows, 0);
    }

    /**
     * The digits job's test set after the last epoch: DL4J's Evaluation of the hand-written net,
     * the confusion matrix as a heatmap (shade: the share of the actual class's images), and
     * whether the DL4J net's matrix is the same.
     */
    static List<Block> testEvaluation(PairedEvaluation fin, List<String> classes) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(String.format(Locale.ROOT, "Test-set predictions: the same class for %d of %d images (%.4f),"
                + " max |Δp| %s.", fin.agree(), fin.size(), fin.agreement(), Fmt.sci(fin.maxAbsProbDiff()))));
        blocks.add(confusion("Confusion matrix of the hand-written net (rows: actual class, columns: predicted)",
                PairedEvaluation.confusion(fin.handWritten(), classes.size()), classes));
        if (fin.sameConfusion()) {
            blocks.add(new Paragraph("The DL4J net's Evaluation gives the identical confusion matrix (hence accuracy, precision,"
                    + " recall and F1)."));
        } else {
            blocks.add(confusion("The DL4J net's differs (rows: actual class, columns: predicted)",
                    PairedEvaluation.confusion(fin.dl4j(), classes.size()), classes));
        }
        blocks.add(new Paragraph("DL4J's Evaluation of the hand-written net's probabilities:"));
        blocks.add(new Preformatted(fin.handWritten().stats().strip()));
        if (!fin.sameConfusion()) {
            blocks.add(new Paragraph("And of the DL4J net's:"));
            blocks.add(new Preformatted(fin.dl4j().stats().strip()));
        }
        return blocks;
    }

    /** A confusion matrix as a heatmap: each cell shaded by its share of its row (the actual class). */
    static Table confusion(String caption, int[][] m, List<String> classes) {
        List<String> columns = new ArrayList<>(List.of("actual \\ predicted"));
        columns.addAll(classes);
        List<List<Cell>> rows = new ArrayList<>();
        for (int a = 0; a < m.length; a++) {
            long total = 0;
            for (int v : m[a]) total += v;
            List<Cell> row = new ArrayList<>(List.of(Cell.of(classes.get(a))));
            for (int p = 0; p < m[a].length; p++) {
                double share = total == 0 ? 0 : (double) m[a][p] / total;
                row.add(Cell.heat(Integer.toString(m[a][p]), share, Tone.PLAIN));
            }
            rows.add(row);
        }
        return new Table(caption, columns, rows, 1);
    }

    /**
     * The page of {@code Compare gradcheck --html FILE}: what was checked, one row per parameter
     * group (the console's table, the worst relative error of each check), both scores, the
     * verdict line, and the pictures.
     */
    static HtmlReport gradcheck(GradientCheckReport r, List<Picture> pictures) {
        HtmlReport.Builder page = HtmlReport.builder("nn-parity: gradient check")
                .lead("The hand-written backpropagation checked three ways: against central differences of the loss,"
                        + " with DL4J's GradientCheckUtil, and against DL4J's own gradient.")
                .header("spec", r.spec().toString())
                .header("batch", r.batch())
                .header("point", r.point() + (r.steps() > 0 ? " of SGD on this batch" : ""))
                .header("gradient", r.source())
                .header("coverage", r.coverage().toString());
        List<String[]> table = ReportTable.rows(r);
        List<List<Cell>> rows = new ArrayList<>();
        for (String[] row : table.subList(1, table.size())) {
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < row.length; c++) {
                boolean result = c == row.length - 1;
                Tone t = result ? (row[c].equals("PASS") ? Tone.GOOD : Tone.BAD) : row[c].endsWith(" !") ? Tone.BAD : Tone.PLAIN;
                cells.add(Cell.of(row[c], t));
            }
            rows.add(cells);
        }
        List<Block> details = new ArrayList<>();
        details.add(new Table("Largest relative error |a-b|/(|a|+|b|) per parameter group", List.of(table.get(0)), rows, 1));
        details.add(new Paragraph("! = over the bound: the check fails; * = over the relative bound, but passes by the check's"
                + " absolute floor. Check 1: hand-written vs central differences (double-double), rel ≤ "
                + Fmt.sci(NumericalCheck.MAX_REL_ERROR) + ". Check 2: DL4J's GradientCheckUtil on DL4J's backprop and on the"
                + " hand-written gradient. Check 3: hand-written vs DL4J's gradient / N, abs ≤ " + Fmt.sci(CrossFrameworkCheck.MAX_ABS_ERROR)
                + " or rel ≤ " + Fmt.sci(CrossFrameworkCheck.MAX_REL_ERROR) + "."));
        details.add(new Table("The score", List.of("score", "hand-written", "compared with", "relative error", "result"),
                List.of(score("check 1: the double-double reference", r.referenceScore()), score("check 3: DL4J's score()", r.dl4jScore())), 1));
        page.verdict(r.pass() ? "PASS" : "FAIL", r.pass(), ReportTable.verdictLine(r), details).pictures(pictures);
        return page.build();
    }

    private static List<Cell> score(String what, ScoreCheck s) {
        return List.of(Cell.of(what), Cell.of(String.format(Locale.ROOT, "%.17g", s.handWritten())),
                Cell.of(String.format(Locale.ROOT, "%.17g", s.reference())), Cell.of(Fmt.sci(s.relError())),
                Cell.of(s.pass() ? "PASS" : "FAIL", s.pass() ? Tone.GOOD : Tone.BAD));
    }

    private static String acc(double a) {
        return String.format(Locale.ROOT, "%.4f", a);
    }
}
