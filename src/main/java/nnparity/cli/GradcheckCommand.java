package nnparity.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import nnparity.gradcheck.Coverage;
import nnparity.gradcheck.DivergedBeforeCheck;
import nnparity.gradcheck.GradientCheck;
import nnparity.gradcheck.GradientCheckReport;
import nnparity.gradcheck.HandWrittenGradient;
import nnparity.gradcheck.ReportTable;
import nnparity.plot.GradcheckPlot;
import nnparity.plot.PlotFolder;
import nnparity.report.Progress;
import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.scratch.Fault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code Compare gradcheck}: the three gradient checks of {@link nnparity.gradcheck} for the
 * quadrant task's net as the shared net flags shape it (any depth, activation, loss, penalty,
 * miniBatch), on one batch, at its initial parameters or after {@code --steps} SGD steps.
 * Prints one row per parameter group (W1, b1, …, WL, bL) and the scores; exit code 0 when every
 * check passes, 1 otherwise, 2 for a bad flag.
 */
@Command(name = "gradcheck", sortOptions = false,
        description = {"Proves the hand-written backprop right and equal to DL4J's, three ways:",
                "  1. its gradient vs central differences of the loss (double-double, eps 1e-10): rel <= 1e-7",
                "  2. DL4J's GradientCheckUtil on the DL4J twin (its defaults), and on the hand-written gradient",
                "  3. its gradient vs DL4J's gradient / batch size: abs or rel <= 1e-12",
                "With penalties the gradient is the direction SGD follows (data gradient + l1*sign + l2*w + wd*w),",
                "and checks 1 and 3 also compare the score with its penalty terms.",
                "Prints one row per parameter group. Exit code: 0 all pass, 1 a check fails, 2 usage error."})
final class GradcheckCommand implements Callable<Integer> {

    @Spec CommandSpec commandSpec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin NetOptions net;

    @Option(names = "--batch", paramLabel = "N", converter = Converters.Size.class,
            description = "Examples: up to 4 are the tutorial's points, more are seeded random points (default 4).")
    int batch = 4;

    @Option(names = "--steps", paramLabel = "N", converter = Converters.Count.class,
            description = "Check after N SGD steps on the batch instead of at the initial parameters (default 0).")
    int steps = 0;

    @Option(names = "--sample", paramLabel = "N", converter = Converters.Size.class,
            description = "Perturb at most N elements of each weight matrix, seeded (biases: always all)."
                    + " Default: all, for nets up to 10000 parameters; else 200.")
    Integer sample;

    @Option(names = "--fault", paramLabel = "NAME", converter = FaultConverter.class, completionCandidates = FaultNames.class,
            description = "Inject a known error into the hand-written net or its SGD step, to watch the checks catch it: "
                    + "${COMPLETION-CANDIDATES}. l2-after-updater needs an l2 (e.g. --l2 1e-3),"
                    + " reg-term-missing-from-score any penalty, leakyrelu-alpha-wrong a leakyrelu layer, mse-not-column-averaged --loss mse.")
    Fault fault;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the check as one self-contained HTML page to FILE (opens from disk with no network).")
    java.nio.file.Path html;
    @Option(names = "--plots", paramLabel = "DIR",
            description = "Draw each parameter's relative error (checks 1 and 3, per group, kink-skipped ones marked) as gradcheck.png into DIR, a new or empty folder.")
    Path plots;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = commandSpec.commandLine().getOut();
        if (net.activation != null && net.activation.contains(Activation.STEP))
            throw new UsageError("--activation step has no gradient to check: its derivative is 0"
                    + " everywhere except at 0, where it is undefined, so backpropagation gives 0 for W1 and b1 whatever"
                    + " the loss does. Valid here: every other activation, e.g. relu | sigmoid | tanh");
        String training = net.trainingFlag();
        if (training != null)
            throw new UsageError(training + " belongs to Compare: the gradient checks compare gradients, which the updater, its schedule"
                    + " and gradient normalization only consume (--steps trains by SGD at --lr before the check)");
        if (net.keepProb != null)
            throw new UsageError("--keep-prob: gradcheck checks nets without dropout; dropout's gradient, through one fixed mask,"
                    + " is checked all three ways by the test suite (DropoutGradientCheckTest)");
        if (net.batchNorm)
            throw new UsageError("--batchnorm: gradcheck checks nets without batch normalization; batch norm's gradient (gamma, beta and"
                    + " through the batch statistics) is checked all three ways by the test suite (BatchNormGradientCheckTest)");
        NetSpec spec = net.apply(NetSpec.quadrant());
        if (fault != null) {
            String absent = absentFeature(fault, spec);
            if (absent != null)
                throw new UsageError("--fault " + fault.id() + " changes nothing in this net: " + absent + "; the checks would"
                        + " only show that there is nothing to catch");
        }
        Coverage coverage = Coverage.defaultFor(spec);
        if (sample != null) {
            coverage = Coverage.sample(sample, spec.seed());
        }
        MemoryEstimate.gradcheck(spec, batch).requireFitsInThisJvm();
        Outputs outputs = Outputs.check(null, null, html);
        Path plotsDir = PlotsFolder.check(plots, outputs);
        HandWrittenGradient gradient = HandWrittenGradient.production(fault == null ? Fault.NONE : fault);

        GradientCheckReport report;
        try {
            Progress progress = new Progress(commandSpec.commandLine().getErr(), "SGD step");
            report = GradientCheck.run(spec, batch, steps, gradient, coverage, done -> progress.done(done, steps));
        } catch (DivergedBeforeCheck e) {
            throw new UsageError("training diverged before the check: " + e.getMessage() + " (--lr " + brief(spec.learningRate())
                    + ", --steps " + steps + "); a gradient is only checked at finite, moderate parameters:"
                    + " use a smaller --lr (e.g. " + brief(tenthOrLess(spec.learningRate())) + ") or fewer --steps");
        }
        ReportTable.print(report, out);
        List<nnparity.plot.Picture> pictures = plotsDir != null || outputs.html() != null ? List.of(GradcheckPlot.of(report)) : List.of();
        if (plotsDir != null) {
            PlotFolder.write(plotsDir, pictures);
            out.println("plots: " + plots + " (gradcheck.png)");
        }
        if (outputs.html() != null) {
            HtmlPages.gradcheck(report, pictures).write(outputs.html());
            out.println("html: " + html);
        }
        out.flush();
        return report.pass() ? Main.AGREE : Main.DISAGREE;
    }

    /**
     * What {@code fault} needs and {@code spec} lacks, with the flag that adds it, or null when it
     * can act: the penalty faults need a penalty (the l2 one an l2), leakyrelu's a leakyrelu layer,
     * MSE's the MSE loss. (The backward-pass faults act on every net, though not on every batch.)
     */
    static String absentFeature(Fault fault, NetSpec spec) {
        List<LayerSpec> layers = spec.layers();
        return switch (fault) {
            case L2_AFTER_UPDATER -> layers.stream().anyMatch(l -> l.regularization().l2() > 0 || l.regularization().l2Bias() > 0) ? null
                    : "it moves the SGD step's l2 term, and the net has no l2 (add e.g. --l2 1e-3)";
            case REG_TERM_MISSING_FROM_SCORE -> spec.regularized() ? null
                    : "it drops the penalties from the score, and the net has none (add e.g. --l2 1e-3)";
            case LEAKYRELU_ALPHA_WRONG -> layers.stream().anyMatch(l -> l.activation() == Activation.LEAKYRELU) ? null
                    : "it changes leakyrelu's α, and no layer is leakyrelu (add --activation leakyrelu)";
            case MSE_NOT_COLUMN_AVERAGED -> spec.loss() == Loss.MSE ? null
                    : "it changes the MSE loss, and the loss is " + spec.loss().id() + " (add --loss mse)";
            case ADAM_NO_BIAS_CORRECTION, RMSPROP_EPS_INSIDE_SQRT, NESTEROV_AS_MOMENTUM ->
                    "it changes an updater's step, which no gradient check sees (they compare gradients, and --steps trains by SGD);"
                    + " the lockstep catches it at step 1 (UpdaterLockstepTest)";
            case DROPOUT_SCALED_BY_P -> "it changes dropout, and gradcheck checks nets without dropout (DropoutGradientCheckTest catches it)";
            case BATCHNORM_NO_MEAN_TERM -> "it changes batch norm's backward pass, and gradcheck checks nets without batch norm (BatchNormGradientCheckTest catches it)";
            default -> null;
        };
    }

    /** A double without Java's noise: 1000.0 → 1000, 1.0E308 → 1e308, 0.1 → 0.1. */
    static String brief(double x) {
        String s = Double.toString(x).replace(".0E", "E").replace('E', 'e');
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The power of ten at or below x/10: 1000 → 100, 5 → 0.1, 1e308 → 1e307. */
    static double tenthOrLess(double x) {
        return Double.parseDouble("1e" + (long) Math.floor(Math.log10(x / 10)));
    }

    /** Every fault's command-line name, for the help text. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Fault.values()).filter(f -> f != Fault.NONE).map(Fault::id).iterator();
        }
    }

    static final class FaultConverter implements ITypeConverter<Fault> {
        @Override
        public Fault convert(String s) {
            try {
                return Fault.parse(s);
            } catch (IllegalArgumentException e) {
                throw Converters.unknown(e);
            }
        }
    }
}
