package nnparity.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nnparity.data.MnistData;
import nnparity.data.MnistLocator;
import nnparity.data.MnistSplits;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.Outcome;
import nnparity.parity.Predictions;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.plot.DigitsPlots;
import nnparity.plot.LossPlot;
import nnparity.plot.Picture;
import nnparity.plot.RunPlots;
import nnparity.report.AtomicOutput;
import nnparity.report.ConsoleTable;
import nnparity.report.EpochTable;
import nnparity.report.Export;
import nnparity.report.HtmlReport;
import nnparity.report.Json;
import nnparity.report.JsonReport;
import nnparity.report.PairedEvaluation;
import nnparity.report.Progress;
import nnparity.report.TimeSplit;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.text.Fmt;

/**
 * The digits job: the book's 784 → 50 → 10 net on MNIST-format files, trained both ways in
 * lockstep over every step of every epoch. After each epoch both nets are evaluated on the whole
 * training set and the whole test set with DL4J's {@code Evaluation}; the run agrees when every
 * step agreed and, after the last epoch, every test image gets the same class and the same
 * probabilities (within tolerance) from both nets.
 *
 * <p>The data is found by {@link MnistLocator} ({@code --data}, {@code $MNIST_DIR}, DL4J's cache,
 * Debian's Fashion-MNIST) and held as bytes; batches and evaluation chunks are turned into doubles
 * one at a time. Nothing is downloaded.
 */
final class DigitsJob {
    static final int DEFAULT_EPOCHS = 10;
    static final int DEFAULT_BATCH = 100;
    /** Step-table rows per epoch when {@code --every} is not given, so a long epoch is never silent. */
    static final int ROWS_PER_EPOCH = 6;
    static final int TABLE_ROWS = 20;
    /** A user's network: how many training images its layer activations are compared on before training. */
    static final int FORWARD_CHECK_IMAGES = 1000;

    /** Fashion-MNIST's ten classes, in label order (Zalando's README). */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final CompareCommand o;
    private final PrintWriter out;
    private final PrintWriter err;
    private final MnistLocator locator;

    DigitsJob(CompareCommand options, PrintWriter out, PrintWriter err) {
        this(options, out, err, MnistLocator.forThisMachine());
    }

    /** With a locator of the test's choosing, so the search never sees this machine's data. */
    DigitsJob(CompareCommand options, PrintWriter out, PrintWriter err, MnistLocator locator) {
        this.o = options;
        this.out = out;
        this.err = err;
        this.locator = locator;
    }

    int run() throws IOException {
        long start = System.nanoTime();
        if (o.points != null || !o.predict.isEmpty())
            throw new UsageError("--points and --predict belong to --task quadrant; the digits task trains on image files"
                    + " (use --limit N to train on the first N images)");
        if (o.compareUpdaters != null) {
            if (o.config != null || o.model != null)
                throw new UsageError("--compare-updaters trains the built-in net once per updater; it cannot be combined with " + (o.config != null ? "--config" : "--model"));
            if (o.net.updater != null) throw new UsageError("--updater cannot be combined with --compare-updaters, which sets the updater of each run");
            if (o.report != null || o.export != null)
                throw new UsageError((o.report != null ? "--report" : "--export") + " describes one run; --compare-updaters makes " + o.compareUpdaters.size());
            if (o.html != null) throw new UsageError("--html describes one run; --compare-updaters makes " + o.compareUpdaters.size());
            if (o.saveModel != null) throw new UsageError("--save-model saves one run's nets; --compare-updaters makes " + o.compareUpdaters.size());
            if (o.plots != null) throw new UsageError("--plots draws one run; --compare-updaters makes " + o.compareUpdaters.size());
        }
        NetChoice choice = NetChoice.of(o, NetSpec.digits());
        NetSpec spec = choice.spec();
        int batch = o.batch == null ? DEFAULT_BATCH : o.batch;
        int epochs = o.epochs == null ? DEFAULT_EPOCHS : o.epochs;
        if (epochs > 0 && !spec.trainableByBackprop())
            throw new UsageError(Activation.STEP_CANNOT_TRAIN);
        Outputs outputs = Outputs.check(o.report, o.export, o.html);
        outputs.refuseInputs(NetChoice.inputFiles(o));
        java.nio.file.Path saveModel = o.saveModel == null ? null : Outputs.checkSaveModel(o.saveModel, outputs);
        Path plotsDir = PlotsFolder.check(o.plots, outputs);

        if (o.download && o.data != null)
            throw new UsageError("--download fetches MNIST into DL4J's cache; --data " + o.data + " names your own folder; give one");
        MnistLocator.Located where = o.download ? downloaded() : locator.locate(o.data);
        MnistLocator.MnistFiles f = where.files();
        outputs.refuseInputs(List.of(f.trainImages(), f.trainLabels(), f.testImages(), f.testLabels()));
        PlotsFolder.refuseInputs(plotsDir, List.of(f.trainImages(), f.trainLabels(), f.testImages(), f.testLabels()));
        out.println("nn-parity: " + where);
        long t0 = System.nanoTime();
        MnistSplits all = MnistSplits.load(where);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        MnistSplits splits = o.limit == null ? all : all.limit(o.limit, all.testSize());
        MnistData train = splits.train(), test = splits.test();
        nnparity.data.DatasetKind kind = nnparity.data.DatasetKind.of(all.train(), all.test());
        List<String> classes = kind == nnparity.data.DatasetKind.FASHION_MNIST || where.datasetName().equals(MnistLocator.DEBIAN_FASHION_MNIST.datasetName())
                ? FASHION_CLASSES : DIGIT_CLASSES;
        choice.requireFits(train, "digits", "");
        if (train.nFeatures() != spec.nIn()) {
            out.printf(Locale.ROOT, "  note          the images are %d×%d, so the input layer has %d units, not %d%n",
                    train.rows(), train.cols(), train.nFeatures(), spec.nIn());
            spec = spec.withSizes(train.nFeatures(), spec.hidden().stream().map(l -> l.nOut()).toList(), spec.nOut());
        }
        String batchNote = QuadrantJob.batchCap(o.batch, batch, train.size(), "training images");
        batch = Math.min(batch, train.size());
        if (o.compareUpdaters != null) {
            List<NetSpec> specs = UpdaterComparison.specs(spec, o.compareUpdaters, o.net.lr);
            out.printf(Locale.ROOT, "  data          %s; training on %d images, testing on %d%n", all, train.size(), test.size());
            out.println("  data set      " + kind.line());
            out.println("  spec          " + spec + " (the updater varies)");
            out.printf(Locale.ROOT, "  training      %s of batch %d, the same batches for every updater (seed %d)%n%n", Fmt.count(epochs, "epoch"), batch, spec.seed());
            return new UpdaterComparison(o.compareUpdaters, o.sides, out, err).run(specs, new TrainSpec(epochs, batch, spec.seed()), train, test, classes, o.tolerances());
        }
        MemoryEstimate need = MemoryEstimate.lockstep(spec, batch, (long) epochs * QuadrantJob.stepsPerEpoch(train.size(), batch));
        need.evaluation(spec, PairedEvaluation.CHUNK, test.size());
        need.requireFitsInThisJvm();
        TrainSpec trainSpec = new TrainSpec(epochs, batch, spec.seed());
        Tolerances tol = o.tolerances();
        Lockstep lockstep = choice.lockstep(spec, trainSpec, train, tol);
        lockstep.sides(o.sides.resolve(spec, batch));
        int stepsPerEpoch = trainSpec.stepsPerEpoch(train.size());
        long total = lockstep.totalSteps();

        out.printf(Locale.ROOT, "  data          %s; loaded in %s, held as bytes%n", all, Fmt.secs(loadSeconds));
        out.println("  data set      " + kind.line());
        if (o.limit != null) {
            out.printf(Locale.ROOT, "  limit         training on the first %d of %d training images%s; testing on all %d%n",
                    train.size(), all.trainSize(), o.limit > all.trainSize() ? " (--limit " + o.limit + " is more than there are)" : "",
                    test.size());
        }
        if (batchNote != null) out.println("  batch         " + batchNote);
        out.println("  classes       " + String.join(", ", classes));
        if (choice.source() != null) out.println("  network       " + choice.source());
        out.println("  spec          " + spec);
        out.println("  training      " + trainSpec.describe(train.size()));
        out.println("  hand-written  " + lockstep.scratch());
        out.println("  DL4J          " + QuadrantJob.describeDl4j(spec));
        if (o.threadsNote != null) out.println("  threads       " + o.threadsNote);
        out.println("  tolerance     " + tol.describe());
        out.println("  evaluation    after every epoch, both nets on all " + train.size() + " training and " + test.size()
                + " test images, with DL4J's Evaluation");
        if (choice.source() != null) QuadrantJob.printForwardCheck(out, lockstep, FORWARD_CHECK_IMAGES, "training images");
        out.println();

        long every = o.every != null ? o.every
                : Math.min(Fmt.every(total, TABLE_ROWS), Fmt.every(stepsPerEpoch, ROWS_PER_EPOCH));
        ConsoleTable table = new ConsoleTable(out, every);
        if (total > 0) table.header();
        lockstep.onStep(table);
        lockstep.onStep(new Progress(err, "step"));

        EpochTable epochTable = new EpochTable(out, epochs);
        PairedEvaluation[] lastTest = new PairedEvaluation[1];
        double[] timeSoFar = new double[2];
        lockstep.onEpoch((epoch, scratch, dl4j) -> {
            double s = lockstep.secondsScratchSoFar(), d = lockstep.secondsDl4jSoFar();
            PairedEvaluation tr = PairedEvaluation.of(train, scratch, dl4j, classes, false);
            PairedEvaluation te = PairedEvaluation.of(test, scratch, dl4j, classes, true);
            lastTest[0] = te;
            epochTable.add(row(epoch, tr, te, s - timeSoFar[0], d - timeSoFar[1]));
            timeSoFar[0] = s;
            timeSoFar[1] = d;
        });
        Future<Picture> activations = plotsDir != null || outputs.html() != null ? RunPlots.activationsInBackground() : null;
        long trainingStart = System.nanoTime();
        LockstepResult result = lockstep.run();
        table.end(result);
        long finalEvaluation = System.nanoTime();

        boolean complete = result.steps().size() == total && result.outcome() != Outcome.DIVERGED;
        Predictions pred;
        if (!complete) {
            // Broke off mid-run: a net may hold non-finite parameters, so compare raw outputs only.
            pred = PairedEvaluation.predictionsOnly(test, lockstep.scratch(), lockstep.dl4j());
            lastTest[0] = null;
        } else {
            if (epochs == 0) {
                PairedEvaluation tr = PairedEvaluation.of(train, lockstep.scratch(), lockstep.dl4j(), classes, false);
                lastTest[0] = PairedEvaluation.of(test, lockstep.scratch(), lockstep.dl4j(), classes, true);
                epochTable.add(row(0, tr, lastTest[0], 0, 0));
            }
            pred = lastTest[0].predictions(test);
        }
        double finalEvaluationSeconds = (System.nanoTime() - finalEvaluation) / 1e9;
        Verdict verdict = Verdict.of(result, pred, tol);
        PairedEvaluation fin = lastTest[0];

        out.println();
        if (!epochTable.rows().isEmpty()) {
            out.println("accuracy per epoch (DL4J's Evaluation, fed each net's probabilities):");
            epochTable.print();
            out.println();
        }
        if (fin != null) {
            out.println("test set after the last epoch: the hand-written net's probabilities through DL4J's Evaluation:");
            out.println(fin.handWritten().stats().strip());
            out.println();
            if (fin.sameConfusion()) {
                out.println("The DL4J net's Evaluation gives the identical confusion matrix (hence accuracy, precision,"
                        + " recall and F1).");
            } else {
                out.println("The DL4J net's Evaluation differs:");
                out.println(fin.dl4j().stats().strip());
            }
            out.printf(Locale.ROOT, "test-set predictions: the same class for %d of %d images (%.4f), max |Δp| %s%n",
                    fin.agree(), fin.size(), fin.agreement(), Fmt.sci(fin.maxAbsProbDiff()));
            out.println();
        }
        out.println(verdict.line());
        double[] mean = epochTable.meanSeconds();
        double wall = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "time per epoch: hand-written %s, DL4J %s (training only; ratio DL4J/hand-written %.1f×); whole run %s%n",
                Fmt.secs(mean[0]), Fmt.secs(mean[1]), mean[0] > 0 ? mean[1] / mean[0] : Double.NaN, Fmt.secs(wall));
        long launched = Main.startOf(start);
        TimeSplit split = TimeSplit.of((System.nanoTime() - launched) / 1e9, (trainingStart - launched) / 1e9,
                lockstep.secondsTrainingWall(), result.secondsScratch(), result.secondsDl4j(), lockstep.secondsComparison(),
                lockstep.secondsEpochListeners() + finalEvaluationSeconds, lockstep.sides());
        out.println(split.line());

        if (o.report != null) {
            Map<String, Object> json = JsonReport.summary(verdict, tol, null, null);
            json.put("dataset", dataset(where, kind, all, train, test, classes));
            json.put("accuracy", epochTable.accuracyJson());
            json.put("testAgreement", pred.agreement());
            json.put("testAgreementPerEpoch", epochTable.agreementJson());
            json.put("secondsPerEpoch", epochTable.secondsJson());
            if (fin != null) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("rows", "actual class");
                cm.put("columns", "predicted class");
                cm.put("handWritten", nested(PairedEvaluation.confusion(fin.handWritten(), classes.size())));
                cm.put("dl4j", nested(PairedEvaluation.confusion(fin.dl4j(), classes.size())));
                json.put("testConfusionMatrix", cm);
            }
            json.put("wallSeconds", wall);
            json.put("timeSplit", split.json());
            AtomicOutput.writeString(outputs.report(), Json.write(json));
            out.println("report: " + o.report);
        }
        if (o.export != null) {
            Export.write(outputs.export(), result, train);
            out.println("export: " + o.export + " (W1, b1, W2, b2, x, t as .npy; batches.csv, losses.csv)");
        }
        List<Picture> pictures = plotsDir != null || outputs.html() != null
                ? plots(result, tol, epochTable, fin, classes, test, complete ? pred : null, lockstep, activations) : List.of();
        Outputs.writePlots(plotsDir, o.plots, pictures, out);
        if (outputs.html() != null) {
            HtmlReport.Builder page = HtmlReport.builder("nn-parity: " + where)
                    .header("data", all + "; training on " + train.size() + " images, testing on " + test.size());
            if (batchNote != null) page.header("batch", batchNote);
            page.header("classes", String.join(", ", classes));
            if (choice.source() != null) page.header("network", choice.source());
            HtmlPages.lockstepHeader(page, spec, trainSpec, train.size(), lockstep, o.threadsNote, tol);
            page.header("evaluation", "after every epoch, both nets on all " + train.size() + " training and " + test.size()
                    + " test images, with DL4J's Evaluation");
            page.steps(table.printed(), result, table.every()).verdict(verdict, tol);
            if (!epochTable.rows().isEmpty()) page.section("Accuracy per epoch", HtmlPages.accuracyPerEpoch(epochTable.rows()));
            if (fin != null) page.section("Test set after the last epoch", HtmlPages.testEvaluation(fin, classes));
            page.pictures(pictures).wallClock(String.format(Locale.ROOT, "time per epoch: hand-written %s, DL4J %s (training only);"
                    + " data loaded in %s; whole run %s", Fmt.secs(mean[0]), Fmt.secs(mean[1]), Fmt.secs(loadSeconds), Fmt.secs(wall)));
            page.build().write(outputs.html());
            out.println("html: " + o.html);
        }
        Outputs.writeSavedModel(saveModel, o.saveModel, spec, lockstep, where.toString() + ", " + Fmt.count(result.steps().size(), "step"), out);
        return verdict.exitCode();
    }

    /** {@code --download}: DL4J's cache, fetched and checked, as the data to train on. */
    private MnistLocator.Located downloaded() {
        java.nio.file.Path dir = nnparity.dl4j.MnistDownload.fetch(o.downloadCatalogue, err);
        MnistLocator.Located w = locator.locate(dir);
        return new MnistLocator.Located(w.dir(), o.downloadCatalogue.name(), "--download, DL4J's MNIST cache", w.files());
    }

    /**
     * The run's pictures: loss curves, accuracy per epoch, the test confusion matrix, misclassified
     * test images, first-layer weights, activation functions. {@code fin} and {@code testPredictions}
     * are null when the run broke off.
     */
    static List<Picture> plots(LockstepResult result, Tolerances tol, EpochTable epochs, PairedEvaluation fin, List<String> classes,
                               MnistData test, Predictions testPredictions, Lockstep lockstep, Future<Picture> activations) {
        List<Picture> pictures = new ArrayList<>();
        pictures.add(LossPlot.of(result, tol));
        pictures.addAll(DigitsPlots.of(epochs.rows(),
                fin == null ? null : PairedEvaluation.confusion(fin.handWritten(), classes.size()),
                fin == null ? null : PairedEvaluation.confusion(fin.dl4j(), classes.size()),
                classes, test, testPredictions, lockstep.scratch().params()));
        pictures.add(RunPlots.join(activations));
        return pictures;
    }

    private static EpochTable.Row row(int epoch, PairedEvaluation tr, PairedEvaluation te, double secsScratch, double secsDl4j) {
        return new EpochTable.Row(epoch, tr.handWritten().accuracy(), tr.dl4j().accuracy(),
                te.handWritten().accuracy(), te.dl4j().accuracy(), te.agree(), te.size(),
                secsScratch, secsDl4j, tr.seconds() + te.seconds());
    }

    private static Map<String, Object> dataset(MnistLocator.Located where, nnparity.data.DatasetKind kind, MnistSplits all, MnistData train,
                                               MnistData test, List<String> classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", where.datasetName());
        m.put("kind", kind.title());
        m.put("description", kind.description());
        m.put("path", where.dir().toString());
        m.put("foundBy", where.how());
        m.put("train", train.size());
        m.put("trainAvailable", all.trainSize());
        m.put("test", test.size());
        m.put("rows", all.rows());
        m.put("cols", all.cols());
        m.put("classes", new ArrayList<Object>(classes));
        return m;
    }

    private static List<Object> nested(int[][] a) {
        List<Object> rows = new ArrayList<>();
        for (int[] r : a) {
            List<Object> row = new ArrayList<>();
            for (int v : r) row.add(v);
            rows.add(row);
        }
        return rows;
    }
}
