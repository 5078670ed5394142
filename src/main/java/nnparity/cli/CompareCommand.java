package nnparity.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.nd4j.linalg.factory.Nd4j;

import nnparity.dl4j.Dl4jNets;
import nnparity.parity.Tolerances;
import nnparity.spec.NetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code Compare}: trains the hand-written net and its DL4J twin in lockstep and reports whether
 * they agree. Flags left out take the task's defaults (the tutorial's, for quadrants).
 */
@Command(name = "Compare", mixinStandardHelpOptions = true, sortOptions = false,
        version = "nn-parity 0.1.0 (DL4J 1.0.0-M2.1)",
        description = {"Trains the same network by hand and with DL4J, in lockstep, and compares loss, gradients and "
                + "parameters (and the updater's state) at every step, then the predictions: the tutorial's two-layer net (default), any depth, "
                + "activation, loss, penalty, updater, schedule, gradient normalization, dropout and batch norm the flags describe,"
                + " or your own DL4J network (--config, --model).",
                "Exit code: 0 agree, 1 disagree, 2 usage/input error or a diverged run."},
        subcommands = {GradcheckCommand.class})
public final class CompareCommand implements Callable<Integer> {

    @Spec CommandSpec commandSpec;

    @Mixin NetOptions net;

    @Option(names = "--task", converter = Converters.TaskConverter.class, paramLabel = "quadrant|digits|xor",
            description = "quadrant: the tutorial's points, built in (default); digits: 784→50→10 on MNIST-format files;"
                    + " xor: do x and y have the same sign? 2→50→2 on 500 random points, 1000 held out (built in; needs a nonlinearity).")
    Task task = Task.QUADRANT;

    @Option(names = "--points", paramLabel = "N", converter = Converters.Size.class,
            description = "Quadrant task: train on N seeded random points in [-2,2]² instead of the tutorial's 4.")
    Integer points;

    @Option(names = "--predict", paramLabel = "x,y", converter = Converters.PointConverter.class,
            description = "Quadrant task: also predict this point (repeatable). (2,2) is always predicted.")
    List<double[]> predict = new ArrayList<>();

    @Option(names = "--epochs", paramLabel = "N", converter = Converters.Count.class,
            description = "Passes over the training data (quadrant default: enough for 1000 steps; digits: 10).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", converter = Converters.Size.class, description = "Mini-batch size (quadrant default 4; digits 100).")
    Integer batch;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Your own DL4J MultiLayerConfiguration (what conf.toJson() or conf.toYaml() writes): both sides are built from it"
                    + " and start from the weights DL4J draws for it (--init redraws them by hand). It fixes the layers, loss, penalties and lr.")
    Path config;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A saved MultiLayerNetwork (net.save(file) or ModelSerializer): both sides start from its parameters; each layer's"
                    + " activations are compared on the training inputs before training.")
    Path model;

    @Option(names = "--dl4j-threads", paramLabel = "N", converter = Converters.Count.class,
            description = "Threads ND4J may use inside one op (default 1, DL4J's fastest here for these nets; 0 = ND4J's default, one per core).")
    int dl4jThreads = 1;

    @Option(names = "--sides", paramLabel = "auto|turns|together", converter = Converters.SidesConverter.class,
            description = "How the two nets share the machine within a step: turns (one after the other), together (the hand-written net"
                    + " on a thread of its own while DL4J trains), or auto (default): together from 524,288 multiply-adds per forward pass"
                    + " on two or more cores (e.g. digits), else turns. The numbers are the same bit for bit; only the time differs.")
    SidesChoice sides = SidesChoice.AUTO;

    @Option(names = "--every", paramLabel = "K", converter = Converters.Every.class, description = "Print a table row every K steps (default: about 20 rows; digits: about 6 per epoch).")
    Long every;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON summary to FILE.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write the run as one self-contained HTML page to FILE: header, table of steps, verdict, predictions and"
                    + " pictures, which opens from disk with no network.")
    Path html;

    @Option(names = "--export", paramLabel = "DIR",
            description = "Write the initial parameters, data (.npy), batch order and per-step losses (CSV) to DIR.")
    Path export;

    @Option(names = "--save-model", paramLabel = "DIR",
            description = "Write both trained nets to DIR (new or empty): the hand-written net as a DL4J model file (handwritten-net.zip,"
                    + " for MultiLayerNetwork.load or --model) and the DL4J net's parameters as .npy, with a README.txt naming each file.")
    Path saveModel;

    @Option(names = "--download",
            description = "Digits task: fetch the real MNIST (handwritten digits) with DL4J's MnistFetcher into DL4J's cache"
                    + " (~/.deeplearning4j/data/MNIST), check sizes and checksums, then train on it. Skipped when already there and valid.")
    boolean download;
    @Option(names = "--plots", paramLabel = "DIR",
            description = "Draw the run's pictures (loss curves, decision regions or the digits' accuracy, confusion matrix,"
                    + " misclassified images and first-layer weights, the activation functions) as PNG files into DIR, a new or empty folder.")
    Path plots;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Digits task: directory with the MNIST IDX files (default: $MNIST_DIR, ~/.deeplearning4j/data/MNIST, /usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--limit", paramLabel = "N", converter = Converters.Size.class, description = "Digits task: train on the first N training images only.")
    Integer limit;

    @Option(names = "--compare-updaters", paramLabel = "NAME,NAME...", hideParamSyntax = true, split = ",", converter = Converters.UpdaterConverter.class,
            description = "Digits task: the book's chapter-6 comparison. Trains the net once per updater (e.g. sgd,nesterovs,adagrad,adam), each in"
                    + " lockstep, and prints each side's loss per epoch, the test accuracy and each verdict.")
    List<nnparity.spec.Updater> compareUpdaters;

    @Option(names = "--pitfall", paramLabel = "NAME|list", converter = PitfallRun.Name.class,
            description = "Build a known way a \"same\" DL4J net silently differs into the DL4J side (quadrant and xor tasks), show where it"
                    + " first differs, and say why and the fix; list: name them all.")
    String pitfall;
    /** What {@code --download} fetches; tests serve their own small files under their own checksums. */
    nnparity.dl4j.MnistDownload.Catalogue downloadCatalogue = nnparity.dl4j.MnistDownload.Catalogue.mnist();

    /** The header note when {@code --dl4j-threads} asked for more threads than ND4J gives, else null. */
    String threadsNote;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut(), err = commandSpec.commandLine().getErr();
        Dl4jNets.useThreads(dl4jThreads);
        // ND4J M2.1 can only lower its thread count below what it started with (one per core)
        int effective = Nd4j.getEnvironment().maxMasterThreads();
        threadsNote = dl4jThreads > effective
                ? "--dl4j-threads " + dl4jThreads + " is more than ND4J allows here; using " + effective
                  + " (ND4J can only lower its thread count, which starts at one per core)"
                : null;
        if (pitfall != null && PitfallRun.listed(this, out)) return Main.AGREE;
        return switch (task) {
            case QUADRANT -> new QuadrantJob(this, out, err).run();
            case DIGITS -> new DigitsJob(this, out, err).run();
            case XOR -> new QuadrantJob(this, out, err, PointTask.XOR).run();
        };
    }

    /** The net's spec from the flags over {@code defaults}, with each bad value named by its flag. */
    NetSpec netSpec(NetSpec defaults) {
        return net.apply(defaults);
    }

    Tolerances tolerances() {
        return Tolerances.DEFAULT;
    }
}
