package nnparity.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import nnparity.data.MnistData;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.Outcome;
import nnparity.parity.Predictions;
import nnparity.parity.StepRecord;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.report.PairedEvaluation;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;
import nnparity.text.Fmt;

/**
 * {@code --compare-updaters sgd,nesterovs,adagrad,adam}: the book's chapter-6 comparison of
 * optimizers on the digits net, each trained both ways in lockstep from the same initial
 * parameters on the same batches. One table: per updater, each side's mean training loss over
 * each epoch, the final test accuracy, and the lockstep's verdict.
 *
 * <p>Each updater takes DL4J's default settings (the tutorial's {@code SGD(lr=0.1)} for sgd);
 * {@code --lr} sets every updater's learning rate.
 */
final class UpdaterComparison {
    private final List<Updater> updaters;
    private final SidesChoice sides;
    private final PrintWriter out;
    private final PrintWriter err;

    UpdaterComparison(List<Updater> updaters, SidesChoice sides, PrintWriter out, PrintWriter err) {
        if (updaters.stream().distinct().count() != updaters.size())
            throw new UsageError("--compare-updaters " + ids(updaters) + " names an updater twice");
        this.updaters = List.copyOf(updaters);
        this.sides = sides;
        this.out = out;
        this.err = err;
    }

    /** The spec of each updater: {@code base} with that updater at its defaults, and {@code lr} when given. */
    static List<NetSpec> specs(NetSpec base, List<Updater> updaters, Double lr) {
        List<NetSpec> specs = new ArrayList<>();
        for (Updater u : updaters) {
            UpdaterSpec up = u == base.updater().type() ? base.updater() : UpdaterSpec.defaults(u);
            if (lr != null) {
                if (!Double.isNaN(up.learningRate())) up = up.with(nnparity.spec.UpdaterSetting.LEARNING_RATE, lr);
            }
            specs.add(base.withUpdater(up));
        }
        return specs;
    }

    /** One row of the table: what one updater's run measured. */
    record Row(NetSpec spec, double[] lossScratch, double[] lossDl4j, double accScratch, double accDl4j, Verdict verdict) {
    }

    /** Runs every updater and prints the table; returns the worst exit code (0 all agree, 1 any disagree, 2 any diverged). */
    int run(List<NetSpec> specs, TrainSpec train, MnistData trainData, MnistData test, List<String> classes, Tolerances tol) {
        List<Row> rows = new ArrayList<>();
        for (NetSpec spec : specs) {
            err.println("compare-updaters: " + spec.updater() + " …");
            Lockstep lockstep = new Lockstep(spec, train, trainData, tol).sides(sides.resolve(spec, train.batchSize()));
            PairedEvaluation[] last = new PairedEvaluation[1];
            lockstep.onEpoch((epoch, s, d) -> {
                if (epoch == train.epochs()) last[0] = PairedEvaluation.of(test, s, d, classes, true);
            });
            LockstepResult r = lockstep.run();
            boolean complete = r.steps().size() == lockstep.totalSteps() && r.outcome() != Outcome.DIVERGED && last[0] != null;
            Predictions pred = complete ? last[0].predictions(test) : PairedEvaluation.predictionsOnly(test, lockstep.scratch(), lockstep.dl4j());
            Verdict v = Verdict.of(r, pred, tol);
            rows.add(new Row(spec, epochMeans(r, train.epochs(), true), epochMeans(r, train.epochs(), false),
                    complete ? last[0].handWritten().accuracy() : Double.NaN, complete ? last[0].dl4j().accuracy() : Double.NaN, v));
        }
        print(rows, train.epochs());
        return rows.stream().mapToInt(r -> r.verdict().exitCode()).max().orElse(0);
    }

    /** Each epoch's mean loss over its steps, for one side; NaN for an epoch the run never reached. */
    static double[] epochMeans(LockstepResult r, int epochs, boolean scratch) {
        double[] sum = new double[epochs];
        int[] n = new int[epochs];
        for (StepRecord s : r.steps()) {
            sum[s.epoch() - 1] += scratch ? s.lossScratch() : s.lossDl4j();
            n[s.epoch() - 1]++;
        }
        double[] mean = new double[epochs];
        for (int e = 0; e < epochs; e++) mean[e] = n[e] == 0 ? Double.NaN : sum[e] / n[e];
        return mean;
    }

    private void print(List<Row> rows, int epochs) {
        out.println("chapter 6: one digits net per updater, each trained by hand and by DL4J in lockstep");
        out.println("(loss: the mean training loss over each epoch; accuracy: the test set after the last epoch)");
        out.println();
        int w = Math.max(12, rows.stream().mapToInt(r -> r.spec().updater().type().displayName().length()).max().orElse(0));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %-12s", "updater", "side"));
        for (int e = 1; e <= epochs; e++) h.append(String.format(Locale.ROOT, "  %9s", "epoch " + e));
        h.append(String.format(Locale.ROOT, "  %9s  %s", "test acc", "verdict"));
        out.println(h);
        for (Row r : rows) {
            out.println(line(w, r.spec().updater().type().displayName(), "hand-written", r.lossScratch(), r.accScratch(),
                    r.verdict().outcome().name()));
            out.println(line(w, "", "DL4J", r.lossDl4j(), r.accDl4j(), figures(r.verdict())));
        }
        out.println();
        for (Row r : rows) out.println("  " + r.spec().updater() + ": " + r.verdict().line());
    }

    private static String line(int w, String name, String side, double[] loss, double acc, String verdict) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %-12s", name, side));
        for (double l : loss) b.append(String.format(Locale.ROOT, "  %9.4f", l));
        b.append(String.format(Locale.ROOT, "  %9s  %s", Double.isNaN(acc) ? "-" : String.format(Locale.ROOT, "%.4f", acc), verdict));
        return b.toString().stripTrailing();
    }

    private static String figures(Verdict v) {
        return v.outcome() == Outcome.DIVERGED ? "" : "max |Δparam| " + Fmt.sci(v.run().maxAbsParamDiff());
    }

    static String ids(List<Updater> us) {
        return us.stream().map(Updater::id).collect(Collectors.joining(","));
    }
}
