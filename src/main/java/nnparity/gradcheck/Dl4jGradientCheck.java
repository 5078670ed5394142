package nnparity.gradcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterCreator;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import nnparity.data.Batch;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.dl4j.SharedMaskDropout;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Check 2: DL4J's own {@code GradientCheckUtil} on the DL4J twin of the spec, and the hand-written
 * gradient held to the same test.
 *
 * <p>The twin is built by {@code Dl4jNets.configuration(spec, new NoOp())} (the util requires
 * NoOp or Sgd(1.0), and double precision) and given the same parameters. The util then, for each
 * parameter θ it visits:
 *
 * <pre>
 *   numerical_θ = (score(θ + ε) − score(θ − ε)) / 2ε            score = DL4J's score(), its loss's clip set to 0
 *   analytic_θ  = DL4J's backprop gradient after its updater     (NoOp: / N when miniBatch, + penalties)
 *   fails       ⇔ rel(analytic, numerical) &gt; maxRelError  and  |analytic − numerical| ≥ minAbsoluteError
 * </pre>
 *
 * <p><b>Regularization.</b> In M2.1 the util scores with {@code net.score(DataSet, true)}, which
 * adds the penalties (l1·Σ|θ|, ½·l2·Σθ², ½·wd·Σθ², not divided by N) to the loss, and takes its
 * analytic gradient from {@code computeGradientAndScore()} followed by the net's updater, which
 * divides by N, adds l1·sign(θ) + l2·θ before the (NoOp) update and wd·lr·θ after it, with
 * lr = 1.0 for NoOp (its UpdaterBlock uses 1.0 when the updater has no learning rate). So the util
 * checks the gradient of the regularized score, penalties included, and needs no help. The
 * hand-written gradient held to the same test must be the same quantity: its direction with the
 * penalties, taken at lr = 1 when a weight decay is not ×lr (see {@link GradientCheck}).
 *
 * with its defaults ε = {@value #EPS}, maxRelError = {@value #MAX_REL_ERROR} and
 * minAbsoluteError = {@value #MIN_ABS_ERROR}, and returns only a boolean (its per-parameter lines
 * are logged at INFO). To report per group, the net handed to it records every score it computes,
 * with the parameter that was perturbed, so the numerical gradients below are the util's own
 * numbers, not a re-run. From them this check reports two comparisons per group:
 *
 * <ol>
 *   <li>{@link Result#dl4jBackprop}: DL4J's backprop against DL4J's numerical gradient: the util's
 *       own test, recomputed element by element; it must agree with the util's verdict;</li>
 *   <li>{@link Result#handWritten}: the hand-written gradient against the same numerical gradient,
 *       with the same rule: this is how check 2 sees an error in the hand-written backward pass.</li>
 * </ol>
 *
 * The minAbsoluteError floor exists because a double-precision central difference at ε = 1e-6
 * has an absolute noise of about 1e-10 (see {@link NumericalCheck}): gradients below about 1e-7
 * cannot be judged by relative error at ε = 1e-6 in double. Such passes are counted in
 * {@link GroupStats#floorPasses()}.
 *
 * <p><b>Kinks.</b> The util cannot skip a parameter whose ±1e-6 perturbation moves some example's
 * pre-activation across a kink ({@link Kinks}: relu's 0, hardtanh's ±1, …, the L1 loss at ŷ = y, an
 * l1 penalty at θ = 0; it warns that ReLU "may cause spurious failures"), and there its numerical
 * gradient measures no derivative. With 32 examples this happens to a few parameters of the
 * 2-50-4 relu net. This check finds them the same way {@link NumericalCheck} does, at DL4J's ε,
 * skips and counts them in both comparisons ({@link GroupStats#skipped()}), and accepts the util's
 * {@code false} only when every parameter it failed is one of them
 * ({@link Result#utilFailuresAreAllKinks()}). No bound is loosened.
 *
 * <p>For a large net, {@link Coverage} with a sample turns on the util's {@code subset} mode with
 * {@code maxPerParam} = the sample size for the weights: about that many evenly spaced elements of
 * each W larger than the sample. The biases, and any W no larger than the sample, are checked
 * completely in a second call, with the sampled weights excluded (so coverage grows with the sample): in
 * 1.0.0-M2.1 the subset mode steps through an array smaller than {@code maxPerParam} by its whole
 * length (step = n when n / maxPerParam = 0), so it would check only b[0]. The util's verdict is
 * then that of both calls.
 */
public final class Dl4jGradientCheck {
    /** GradientCheckUtil's default ε (MLNConfig); a test checks these three against DL4J's own defaults. */
    public static final double EPS = 1e-6;
    /** GradientCheckUtil's default maxRelError. */
    public static final double MAX_REL_ERROR = 1e-3;
    /** GradientCheckUtil's default minAbsoluteError. */
    public static final double MIN_ABS_ERROR = 1e-8;

    private Dl4jGradientCheck() {
    }

    /**
     * @param utilPassed    GradientCheckUtil's own verdict on DL4J's backprop
     * @param utilFailures  parameters the util failed (its verdict is {@code utilFailures == 0})
     * @param kinkFailures  of those, the ones whose ±ε perturbation straddles a kink
     * @param dl4jBackprop  DL4J's backprop vs the util's numerical gradient, per group, kinks skipped
     * @param handWritten   the hand-written gradient vs the util's numerical gradient, per group, kinks skipped
     */
    public record Result(boolean utilPassed, int utilFailures, int kinkFailures,
                         Map<Group, GroupStats> dl4jBackprop, Map<Group, GroupStats> handWritten) {

        /** Every parameter the util failed straddles a kink: the failures say nothing about the gradient. */
        public boolean utilFailuresAreAllKinks() {
            return utilFailures == kinkFailures;
        }
    }

    /**
     * Runs GradientCheckUtil on the twin of {@code spec} at {@code params} on {@code batch}, and
     * holds {@code handWritten} (the hand-written direction at the same point, with the penalties at
     * lr = 1) to the same test.
     *
     * @throws IllegalStateException if the element-wise recomputation disagrees with the util's verdict
     */
    public static Result run(NetSpec spec, ParamSet params, Batch batch, ParamSet handWritten, Coverage coverage) {
        return run(spec, params, batch, handWritten, coverage, null);
    }

    /**
     * As above, for a net that drops units, with the masks of {@code masks}: they must not change
     * between the util's score() calls (e.g. {@code DropoutMasks.frozenAt(0)}), or its numerical
     * gradient measures the change of mask. The util refuses any IDropout, stock or not, unless
     * given a {@code callEachIter} hook ("When gradient checking dropout, need to reset RNG seed
     * each iter, or no dropout should be present during gradient checks"): its own tests reset
     * ND4J's seed there. A fixed mask needs no reset, so the hook here does nothing.
     */
    public static Result run(NetSpec spec, ParamSet params, Batch batch, ParamSet handWritten, Coverage coverage, SharedMaskDropout.Masks masks) {
        MultiLayerConfiguration conf = Dl4jNets.configuration(spec, new NoOp());
        if (masks != null) Dl4jNets.withSharedMasks(conf, masks);
        // memory management only, no arithmetic: without workspaces each of the util's score() calls is ~25% faster
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        RecordingNetwork net = new RecordingNetwork(conf);
        net.init();
        ParamBridge.write(params, net);
        INDArray x = Nd4j.create(batch.x(), new long[]{batch.rows(), batch.nIn()}, 'c');
        INDArray y = Nd4j.create(batch.t(), new long[]{batch.rows(), batch.nOut()}, 'c');

        net.startRecording();
        boolean utilPassed;
        if (coverage.isAll()) {
            utilPassed = GradientCheckUtil.checkGradients(config(net, x, y, masks));
        } else {
            // M2.1's subset mode steps through an array of n < maxPerParam elements by n, i.e. checks
            // only its first element; so only the weight groups larger than the sample go through the
            // subset mode, and every other group (the biases, and a W no larger than the sample) is
            // checked in full in a second call: coverage never shrinks as the sample grows
            Set<String> sampled = new HashSet<>(), whole = new HashSet<>();
            for (Group g : Group.of(spec)) {
                boolean sample = !g.isBias() && g.size(spec) > coverage.maxPerWeightGroup();
                (sample ? sampled : whole).add(g.dl4jKey());
            }
            utilPassed = true;
            if (!sampled.isEmpty())
                utilPassed = GradientCheckUtil.checkGradients(config(net, x, y, masks).subset(true).maxPerParam(coverage.maxPerWeightGroup())
                        .excludeParams(whole));
            utilPassed &= GradientCheckUtil.checkGradients(config(net, x, y, masks).excludeParams(sampled));
        }
        List<Probe> probes = net.stopRecording();

        double[] backprop = gradientToCheck(net, x, y);
        Layout layout = new Layout(net, spec);
        ReferenceLoss kinks = Kinks.possible(spec) ? new ReferenceLoss(spec, params, batch) : null;
        Map<Group, GroupStats.Builder> dl4j = builders(spec), hand = builders(spec);
        int utilFailures = 0, kinkFailures = 0;
        for (Probe p : probes) {
            Layout.Slot s = layout.slot(p.flatIndex);
            double numerical = p.numerical(EPS), bp = backprop[p.flatIndex];
            boolean fails = failsUtilRule(bp, numerical);
            if (fails) utilFailures++;
            if (kinks != null && Kinks.straddled(kinks, spec, s.group(), s.index(), s.group().of(params)[s.index()], EPS)) {
                if (fails) kinkFailures++;
                dl4j.get(s.group()).skip(s.index());
                hand.get(s.group()).skip(s.index());
                continue;
            }
            dl4j.get(s.group()).add(s.index(), bp, numerical, MAX_REL_ERROR, MIN_ABS_ERROR);
            hand.get(s.group()).add(s.index(), s.group().of(handWritten)[s.index()], numerical, MAX_REL_ERROR, MIN_ABS_ERROR);
        }
        if ((utilFailures == 0) != utilPassed)
            throw new IllegalStateException("GradientCheckUtil says " + (utilPassed ? "pass" : "fail") + " but its recorded numbers give "
                    + utilFailures + " failures");
        return new Result(utilPassed, utilFailures, kinkFailures, build(dl4j), build(hand));
    }

    /** GradientCheckUtil's rule for one parameter, verbatim: fails when rel &gt; maxRelError (or NaN) and abs ≥ minAbsoluteError. */
    static boolean failsUtilRule(double backprop, double numerical) {
        double relError = Math.abs(backprop - numerical) / (Math.abs(numerical) + Math.abs(backprop));
        if (backprop == 0.0 && numerical == 0.0) relError = 0.0;
        if (relError > MAX_REL_ERROR || Double.isNaN(relError)) {
            double absError = Math.abs(backprop - numerical);
            return !(absError < MIN_ABS_ERROR);
        }
        return false;
    }

    private static GradientCheckUtil.MLNConfig config(MultiLayerNetwork net, INDArray x, INDArray y, SharedMaskDropout.Masks masks) {
        GradientCheckUtil.MLNConfig c = new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(EPS).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR);
        return masks == null ? c : c.callEachIter(n -> { }); // fixed masks: nothing to reset
    }

    /** The util's {@code gradientToCheck}: backprop, then the NoOp updater (which divides by N), flattened. */
    private static double[] gradientToCheck(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        UpdaterCreator.getUpdater(net).update(net, g, 0, 0, net.batchSize(), LayerWorkspaceMgr.noWorkspaces());
        return g.gradient().dup().toDoubleVector();
    }

    private static Map<Group, GroupStats.Builder> builders(NetSpec spec) {
        Map<Group, GroupStats.Builder> m = new LinkedHashMap<>();
        for (Group g : Group.of(spec)) m.put(g, new GroupStats.Builder());
        return m;
    }

    private static Map<Group, GroupStats> build(Map<Group, GroupStats.Builder> b) {
        Map<Group, GroupStats> m = new LinkedHashMap<>();
        b.forEach((g, builder) -> m.put(g, builder.build()));
        return Collections.unmodifiableMap(m);
    }

    /** One parameter the util perturbed, with the two scores it computed. */
    private static final class Probe {
        final int flatIndex;
        double scorePlus = Double.NaN, scoreMinus = Double.NaN;

        Probe(int flatIndex) {
            this.flatIndex = flatIndex;
        }

        /** The util's formula, verbatim: {@code (scorePlus − scoreMinus) / (2 · ε)}. */
        double numerical(double eps) {
            double scoreDelta = scorePlus - scoreMinus;
            return scoreDelta / (2 * eps);
        }
    }

    /**
     * The twin, recording each {@code score(DataSet, true)} the util computes between
     * {@link #startRecording} and {@link #stopRecording}, with the flat index of the one parameter
     * that differs from the starting parameters and the sign of its change.
     */
    private static final class RecordingNetwork extends MultiLayerNetwork {
        private double[] original;
        private List<Probe> probes;

        RecordingNetwork(MultiLayerConfiguration conf) {
            super(conf);
        }

        void startRecording() {
            original = params().toDoubleVector();
            probes = new ArrayList<>();
        }

        List<Probe> stopRecording() {
            List<Probe> p = probes;
            probes = null;
            for (Probe q : p) {
                if (Double.isNaN(q.scorePlus) || Double.isNaN(q.scoreMinus))
                    throw new IllegalStateException("GradientCheckUtil scored parameter " + q.flatIndex + " on one side only");
            }
            return p;
        }

        @Override
        public double score(DataSet data, boolean training) {
            double s = super.score(data, training);
            if (probes != null && training) {
                double[] now = params().toDoubleVector();
                int changed = -1;
                for (int i = 0; i < now.length; i++) {
                    if (now[i] != original[i]) {
                        if (changed >= 0) throw new IllegalStateException("more than one parameter perturbed: " + changed + ", " + i);
                        changed = i;
                    }
                }
                if (changed < 0) return s; // an unperturbed evaluation: not part of a central difference
                Probe p = probes.isEmpty() ? null : probes.get(probes.size() - 1);
                if (p == null || p.flatIndex != changed) probes.add(p = new Probe(changed));
                if (now[changed] > original[changed]) p.scorePlus = s;
                else p.scoreMinus = s;
            }
            return s;
        }
    }

    /** Maps an index of DL4J's flat parameter vector to a group and an index in the canonical layout. */
    private static final class Layout {
        record Slot(Group group, int index) {
        }

        private final List<Group> groups;
        private final int[] starts, rows, cols;
        private final char[] order;

        /** DL4J's keys must be 0_W, 0_b, 1_W, 1_b, …: the canonical groups in order. */
        Layout(MultiLayerNetwork net, NetSpec spec) {
            groups = Group.of(spec);
            List<String> keys = new ArrayList<>(net.paramTable().keySet());
            List<String> expected = groups.stream().map(Group::dl4jKey).toList();
            if (!keys.equals(expected))
                throw new IllegalStateException("DL4J's parameters are " + keys + "; expected " + expected);
            starts = new int[groups.size()];
            rows = new int[groups.size()];
            cols = new int[groups.size()];
            order = new char[groups.size()];
            int offset = 0;
            for (int k = 0; k < groups.size(); k++) {
                Group g = groups.get(k);
                INDArray a = net.getParam(g.dl4jKey());
                starts[k] = offset;
                rows[k] = g.isBias() ? 1 : (int) a.size(0);
                cols[k] = (int) (g.isBias() ? a.length() : a.size(1));
                order[k] = a.ordering();
                offset += (int) a.length();
            }
        }

        Slot slot(int flat) {
            for (int k = groups.size() - 1; k >= 0; k--) {
                if (flat >= starts[k]) {
                    Group g = groups.get(k);
                    int local = flat - starts[k];
                    if (g.isBias() || order[k] == 'c') return new Slot(g, local);
                    // 'f' (column-major): local = i + j·rows  →  canonical i·cols + j
                    int i = local % rows[k], j = local / rows[k];
                    return new Slot(g, i * cols[k] + j);
                }
            }
            throw new IllegalArgumentException("flat index " + flat);
        }
    }
}
