package nnparity.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.nio.file.Path;
import java.util.concurrent.Future;

import nnparity.data.LabelledData;
import nnparity.data.QuadrantData;
import nnparity.dl4j.Dl4jNets;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.plot.Picture;
import nnparity.plot.RunPlots;
import nnparity.report.AtomicOutput;
import nnparity.report.ClassVector;
import nnparity.report.ConsoleTable;
import nnparity.report.Export;
import nnparity.report.HtmlReport;
import nnparity.report.Json;
import nnparity.report.JsonReport;
import nnparity.report.Progress;
import nnparity.report.TimeSplit;
import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.UpdaterSpec;
import nnparity.spec.TrainSpec;
import nnparity.text.Fmt;

/**
 * The main job: the tutorial's quadrant task, trained both ways in lockstep, then both nets
 * predict (2,2), any {@code --predict} points and a held-out grid. Also runs the other tasks on
 * points in the plane ({@link PointTask}: xor), with their own data, held-out points and classes.
 */
final class QuadrantJob {
    /** Without {@code --epochs}, train for about this many steps. */
    static final int DEFAULT_STEPS = 1000;
    static final int DEFAULT_BATCH = 4;
    static final int TABLE_ROWS = 20;

    private final CompareCommand o;
    private final PrintWriter out;
    private final PrintWriter err;
    private final PointTask task;

    QuadrantJob(CompareCommand options, PrintWriter out, PrintWriter err) {
        this(options, out, err, PointTask.QUADRANT);
    }

    /** The job for another task on points in the plane ({@link PointTask}), e.g. xor. */
    QuadrantJob(CompareCommand options, PrintWriter out, PrintWriter err, PointTask task) {
        this.o = options;
        this.out = out;
        this.err = err;
        this.task = task;
    }

    int run() throws IOException {
        long start = System.nanoTime();
        if (o.data != null || o.limit != null)
            throw new UsageError("--data and --limit belong to --task digits; the quadrant task's data is built in (use --points N for more)");
        if (o.compareUpdaters != null)
            throw new UsageError("--compare-updaters belongs to --task digits: the book's comparison is per epoch on the digits net");
        if (o.download) throw new UsageError("--download fetches MNIST for --task digits; the " + task.id() + " task's data is built in");
        NetChoice choice = NetChoice.of(o, task.defaultSpec());
        NetSpec spec = choice.spec();
        int n = o.points == null ? task.defaultPoints() : o.points;
        int batch = o.batch == null ? Math.min(task.defaultBatch(), n) : o.batch;
        String batchNote = batchCap(o.batch, batch, n, "training points");
        batch = Math.min(batch, n);
        int stepsPerEpoch = stepsPerEpoch(n, batch);
        int epochs = o.epochs == null ? (task.defaultSteps() + stepsPerEpoch - 1) / stepsPerEpoch : o.epochs;
        MemoryEstimate need = MemoryEstimate.lockstep(spec, batch, (long) epochs * stepsPerEpoch);
        if (o.points != null) need.points(n);
        List<double[]> heldOut = task.heldOut(spec.seed());
        need.predictions(spec, 1 + o.predict.size() + heldOut.size());
        need.requireFitsInThisJvm();
        Outputs outputs = Outputs.check(o.report, o.export, o.html);
        outputs.refuseInputs(NetChoice.inputFiles(o));
        java.nio.file.Path saveModel = o.saveModel == null ? null : Outputs.checkSaveModel(o.saveModel, outputs);
        Path plotsDir = PlotsFolder.check(o.plots, outputs);
        // drawn while ND4J loads and the nets train, so the pictures at the end cost little
        Future<Picture> activations = plotsDir != null || outputs.html() != null ? RunPlots.activationsInBackground() : null;
        LabelledData data = task.training(o.points, spec.seed());
        TrainSpec train = new TrainSpec(epochs, batch, spec.seed());
        Tolerances tol = o.tolerances();
        PitfallRun pitfall = PitfallRun.of(o, spec, batch);

        choice.requireFits(data, task.id(), spec.nIn() == 784 ? "; use --task digits" : "");
        Lockstep lockstep = pitfall == null ? choice.lockstep(spec, train, data, tol) : pitfall.lockstep(train, data, tol);
        lockstep.sides(o.sides.resolve(spec, train.batchSize()));
        long total = lockstep.totalSteps();
        out.println("nn-parity: " + data.name());
        if (choice.source() != null) out.println("  network       " + choice.source());
        out.println("  spec          " + spec);
        if (batchNote != null) out.println("  batch         " + batchNote);
        out.println("  training      " + train.describe(data.size()));
        out.println("  hand-written  " + lockstep.scratch());
        out.println("  DL4J          " + describeDl4j(spec));
        if (pitfall != null) out.println(pitfall.headerLine());
        if (o.threadsNote != null) out.println("  threads       " + o.threadsNote);
        out.println("  tolerance     " + tol.describe());
        if (choice.source() != null) printForwardCheck(out, lockstep, data.size(), "training points");
        out.println();
        ConsoleTable table = new ConsoleTable(out, o.every != null ? o.every : Fmt.every(total, TABLE_ROWS));
        if (total > 0) table.header();
        lockstep.onStep(table);
        lockstep.onStep(new Progress(err, "step"));
        long trainingStart = System.nanoTime();
        LockstepResult result = lockstep.run();
        table.end(result);
        long evaluationStart = System.nanoTime();

        List<double[]> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        points.add(new double[]{2, 2});
        for (double[] p : o.predict) points.add(p);
        for (double[] p : points) labels.add("(" + Fmt.coord(p[0]) + "," + Fmt.coord(p[1]) + ")");
        int named = points.size();
        for (double[] g : heldOut) {
            points.add(g);
            labels.add("(" + Fmt.coord(g[0]) + "," + Fmt.coord(g[1]) + ")");
        }
        Predictions pred = lockstep.predict(points);
        double evaluationSeconds = (System.nanoTime() - evaluationStart) / 1e9;
        Verdict verdict = Verdict.of(result, pred, tol);

        out.println();
        if (Double.isNaN(pred.maxAbsProbDiff())) out.println("predictions: none; the nets' probabilities are not numbers (training diverged)");
        else printPredictions(pred, points, labels, named, spec.output().activation() == Activation.SOFTMAX);
        out.println();
        out.println(verdict.line());
        if (pitfall != null) pitfall.explain(out, verdict);
        long launched = Main.startOf(start);
        TimeSplit split = TimeSplit.of((System.nanoTime() - launched) / 1e9, (trainingStart - launched) / 1e9,
                lockstep.secondsTrainingWall(), result.secondsScratch(), result.secondsDl4j(), lockstep.secondsComparison(),
                evaluationSeconds, lockstep.sides());
        if (total > 0) out.println(split.line());

        if (o.report != null) {
            Map<String, Object> json = JsonReport.summary(verdict, tol, labels, task.classNames());
            json.put("timeSplit", split.json());
            AtomicOutput.writeString(outputs.report(), Json.write(json));
            out.println("report: " + o.report);
        }
        if (o.export != null) {
            Export.write(outputs.export(), result, data);
            out.println("export: " + o.export + " (W1, b1, W2, b2, x, t as .npy; batches.csv, losses.csv)");
        }
        List<Picture> pictures = plotsDir != null || outputs.html() != null ? plots(result, tol, lockstep, data, activations) : List.of();
        Outputs.writePlots(plotsDir, o.plots, pictures, out);
        if (outputs.html() != null) {
            HtmlReport.Builder page = HtmlReport.builder("nn-parity: " + data.name());
            if (choice.source() != null) page.header("network", choice.source());
            if (batchNote != null) page.header("batch", batchNote);
            HtmlPages.lockstepHeader(page, spec, train, data.size(), lockstep, o.threadsNote, tol);
            int[] truth = heldOut.stream().mapToInt(task::classOf).toArray();
            page.steps(table.printed(), result, table.every()).verdict(verdict, tol)
                    .section("Predictions", HtmlPages.quadrantPredictions(pred, labels, named, task.classNames(), truth,
                            spec.output().activation() == Activation.SOFTMAX, task))
                    .pictures(pictures);
            if (total > 0) page.wallClock(split.line());
            page.build().write(outputs.html());
            out.println("html: " + o.html);
        }
        Outputs.writeSavedModel(saveModel, o.saveModel, spec, lockstep, data.name() + ", " + Fmt.count(result.steps().size(), "step"), out);
        return verdict.exitCode();
    }

    /** The run's pictures: loss curves, decision regions (two inputs), activation functions. */
    List<Picture> plots(LockstepResult result, Tolerances tol, Lockstep lockstep, LabelledData data, Future<Picture> activations) {
        return RunPlots.quadrant(result, tol, lockstep::predict, data, task.classNames(), activations);
    }

    /** The named points one per line, then the held-out grid's agreement and accuracy. */
    private void printPredictions(Predictions pred, List<double[]> points, List<String> labels, int named, boolean probabilities) {
        out.println("predictions (hand-written | DL4J)" + (probabilities ? ":" : ", the largest output (not a probability):"));
        for (int i = 0; i < named; i++) {
            double s = pred.probScratch(i, pred.classScratch(i)), d = pred.probDl4j(i, pred.classDl4j(i));
            out.printf(Locale.ROOT, "  %-12s → %-3s %s | %-3s %s%n", labels.get(i),
                    task.classNames().get(pred.classScratch(i)), probabilities ? Fmt.pct(s) : String.format(Locale.ROOT, "%.4f", s),
                    task.classNames().get(pred.classDl4j(i)), probabilities ? Fmt.pct(d) : String.format(Locale.ROOT, "%.4f", d));
            printClassVectors(pred, i, probabilities);
        }
        int grid = points.size() - named, same = 0, rightS = 0, rightD = 0;
        for (int i = named; i < points.size(); i++) {
            int truth = task.classOf(points.get(i));
            if (pred.classScratch(i) == pred.classDl4j(i)) same++;
            if (pred.classScratch(i) == truth) rightS++;
            if (pred.classDl4j(i) == truth) rightD++;
        }
        out.println(task.heldOutLine(grid, same, rightS, rightD));
    }

    /**
     * Every class of point {@code i}, both nets, one line each, under the point's line, e.g.
     * <pre>
     *                  hand-written  I 99.9983%  II 0.0012%  III 0.0000%  IV 0.0006%
     *                  DL4J          I 99.9983%  II 0.0012%  III 0.0000%  IV 0.0006%
     * </pre>
     */
    private void printClassVectors(Predictions pred, int i, boolean probabilities) {
        double[] s = new double[pred.nClasses()], d = new double[pred.nClasses()];
        for (int k = 0; k < s.length; k++) {
            s[k] = pred.probScratch(i, k);
            d[k] = pred.probDl4j(i, k);
        }
        List<String> names = task.classNames();
        out.println("                 hand-written  " + ClassVector.of(names, s, probabilities));
        out.println("                 DL4J          " + ClassVector.of(names, d, probabilities));
    }

    /**
     * For a user's network: every layer's activations on the first {@code rows} inputs, both
     * ways, before training, e.g. {@code before        activations on the 4 training points,
     * max |Δ| per layer: a1 0, a2 2.2e-17, a3 1.1e-16}.
     */
    static void printForwardCheck(PrintWriter out, Lockstep lockstep, int rows, String what) {
        Lockstep.ForwardCheck check = lockstep.checkForwardBeforeTraining(rows);
        double[] max = check.maxAbs();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < max.length; k++) b.append(k == 0 ? "" : ", ").append('a').append(k + 1).append(' ').append(Fmt.sci(max[k]));
        out.printf(Locale.ROOT, "  before        each layer's activations on the first %d %s (hand-written vs DL4J's feedForward), max |Δ|: %s%n",
                check.rows(), what, b);
        if (check.first() != null) out.println("                DISAGREE before training: " + check.first());
    }

    /** ceil(n / batch) without overflow, for 1 ≤ batch ≤ n. */
    static int stepsPerEpoch(int n, int batch) {
        return (int) (((long) n + batch - 1) / batch);
    }

    /**
     * The header note when a batch larger than the data is capped to it (one batch per epoch, the
     * same batches as uncapped), or null when it is not.
     */
    static String batchCap(Integer flag, int batch, int n, String examples) {
        if (batch <= n) return null;
        return (flag != null ? "--batch " + flag : "the default batch " + batch) + " is more than the " + n + " " + examples
                + "; using " + n + " (one full batch per epoch)";
    }

    /**
     * E.g. {@code DenseLayer(2→50, relu) → OutputLayer(50→4, softmax, MCXENT(clip 1.0E-10)), Sgd(lr=0.1), DOUBLE, 1 ND4J thread},
     * with each layer's {@code Dropout(p)} and {@code BatchNormalization} where the spec has them.
     */
    static String describeDl4j(NetSpec s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.hidden().size(); k++) {
            LayerSpec l = s.hidden().get(k);
            b.append(String.format(Locale.ROOT, "DenseLayer(%d→%d, %s%s%s) → ", s.nIn(k), l.nOut(), l.activation().id(), regularization(l), dropout(l)));
            if (l.hasBatchNorm())
                b.append(String.format(Locale.ROOT, "BatchNormalization(%d, eps=%s, decay=%s) → ", l.nOut(), l.batchNorm().eps(), l.batchNorm().decay()));
        }
        String loss = s.loss().name() + (s.loss().clips() ? "(clip " + s.lossClipEps() + ")" : "");
        b.append(String.format(Locale.ROOT, "OutputLayer(%d→%d, %s, %s%s%s), %s, ", s.nIn(s.depth() - 1), s.nOut(),
                s.output().activation().id(), loss, regularization(s.output()), dropout(s.output()), dl4jUpdater(s.updater())));
        if (!s.gradNorm().isNone()) b.append(s.gradNorm()).append(", ");
        if (!s.miniBatch()) b.append("miniBatch(false), ");
        return b.append("DOUBLE, ").append(Dl4jNets.threads()).toString();
    }

    /** The updater as DL4J's class is named: {@code Sgd(lr=0.1)}, {@code RmsProp(…)}; the settings as the spec prints them. */
    static String dl4jUpdater(UpdaterSpec u) {
        String dl4jClass = switch (u.type()) {
            case SGD -> "Sgd";
            case RMSPROP -> "RmsProp";
            default -> u.type().displayName();
        };
        return dl4jClass + u.toString().substring(u.type().displayName().length());
    }

    private static String dropout(LayerSpec l) {
        return l.hasDropout() ? ", dropOut(" + l.keepProb() + ")" : "";
    }

    private static String regularization(LayerSpec l) {
        return l.regularization().isNone() ? "" : ", " + l.regularization();
    }
}
