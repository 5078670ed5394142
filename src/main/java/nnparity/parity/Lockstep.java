package nnparity.parity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nnparity.data.Batch;
import nnparity.data.BatchOrder;
import nnparity.data.LabelledData;
import nnparity.scratch.Fault;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * Trains the hand-written net and its DL4J twin side by side from identical parameters on
 * identical batches, comparing after every step:
 *
 * <ol>
 *   <li>the loss before the update (forward pass),</li>
 *   <li>the mean-loss gradient of every parameter (backward pass),</li>
 *   <li>every parameter after the update, batch norms' running statistics included,</li>
 *   <li>every element of the updater's state after the update (Adam's m and v, momentum's
 *       velocity, …; none for SGD), under the parameters' tolerance.</li>
 * </ol>
 *
 * After each epoch both sides are told it ended ({@link Side#endEpoch}), so that DL4J, driven
 * one batch at a time by {@code fit(x, y)}, counts epochs as {@code fit(iterator, epochs)} would.
 *
 * With dropout, both sides drop the same units: the harness draws one mask per (layer, step) from
 * the seed ({@link DropoutMasks}) and gives it to the hand-written net and, through
 * {@link nnparity.dl4j.SharedMaskDropout}, to DL4J.
 *
 * The first comparison beyond {@link Tolerances} is kept as the {@link Divergence}; training goes
 * on so the maxima show how far the two drift.
 *
 * <p>The run is {@link Outcome#DIVERGED} when training blew up on both sides: when the loss is no
 * longer finite (training stops there), when the parameters are no longer finite, or when the
 * mean loss of the last epoch is more than {@link #BLOW_UP_FACTOR} times the first step's loss,
 * i.e. training left the net far worse than it found it. The last test is needed because the
 * softmax clip keeps a blown-up loss finite, at most −ln 1e-10 ≈ 23. A loss that blows up on one
 * side only is a disagreement, not a divergence.
 */
public final class Lockstep {
    /**
     * A last epoch whose mean loss is above this multiple of the first step's loss means training
     * diverged. The first loss is the untrained net's, about ln K for K classes (chance). A
     * learning rate that is too large drives the loss toward the clip's ceiling, −ln 1e-10 ≈ 23
     * (1.39 → 17.3 at --lr 50 on the quadrants, 2.30 → 21.4 at --lr 5 on digits). A spike alone
     * is not enough: on the tutorial's 4 points, lr 7 and 15 spike to 15–17 within ten steps and
     * then learn to a loss of 0 (measured with the numpy peer).
     */
    public static final double BLOW_UP_FACTOR = 2;

    /** Called after every step with what it measured. */
    public interface StepListener {
        void onStep(StepRecord r, long totalSteps);
    }

    /** Called after every epoch with both sides, e.g. to evaluate accuracy. */
    public interface EpochListener {
        void onEpoch(int epoch, ScratchSide scratch, Dl4jSide dl4j);
    }

    private final NetSpec spec;
    private final TrainSpec train;
    private final LabelledData data;
    private final Tolerances tol;
    private ScratchSide scratch;
    private final Dl4jSide dl4j;
    private final ParamSet initial;
    /** The dropout masks both sides use, drawn from the spec's seed. */
    private final DropoutMasks masks;
    private final List<StepListener> stepListeners = new ArrayList<>();
    private final List<EpochListener> epochListeners = new ArrayList<>();
    private Tamper tamper = Tamper.NONE;
    private Divergence forwardDivergence;
    /** Training time so far of each side (its forward, backward and update), for listeners. */
    private long nanosScratch, nanosDl4j;
    /** Wall time of {@link #run()} so far, and of it the epoch listeners' (e.g. evaluation). */
    private long nanosRun, nanosEpochListeners;
    /** Wall time of both sides' training so far in {@link #run()}; see {@link StepRunner}. */
    private long nanosTraining;
    private Sides sides = Sides.TAKE_TURNS;

    /**
     * Builds both nets from {@code spec} with identical starting parameters: drawn in the
     * canonical layout from the seed, or (for {@link Init#DL4J}) DL4J's own, copied across.
     *
     * @throws IllegalArgumentException if the spec and data disagree in shape, or if asked to train
     *                                  a step activation
     */
    public Lockstep(NetSpec spec, TrainSpec train, LabelledData data, Tolerances tol) {
        this(spec, train, data, tol, new Dl4jSide(spec));
    }

    /**
     * As above, with the user's own DL4J network (from {@code --config} or {@code --model}) as the
     * DL4J side; {@code spec} is its translation. With {@link Init#DL4J} both sides start from that
     * network's parameters (a saved model's trained weights, or what DL4J drew for a config).
     */
    public Lockstep(NetSpec spec, TrainSpec train, LabelledData data, Tolerances tol, Dl4jSide dl4j) {
        this(spec, train, data, tol, dl4j, Fault.NONE);
    }

    /** For tests: the hand-written side with a known bug ({@link Fault}), to show the lockstep catches it. */
    Lockstep(NetSpec spec, TrainSpec train, LabelledData data, Tolerances tol, Dl4jSide dl4j, Fault fault) {
        if (data.nFeatures() != spec.nIn() || data.nClasses() != spec.nOut())
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the net %s does not fit the data '%s' (%d features, %d classes)", spec, data.name(), data.nFeatures(), data.nClasses()));
        if (train.epochs() > 0 && !spec.trainableByBackprop())
            throw new IllegalArgumentException(Activation.STEP_CANNOT_TRAIN);
        this.spec = spec;
        this.train = train;
        this.data = data;
        this.tol = tol;
        this.dl4j = dl4j;
        this.initial = spec.init() == Init.DL4J ? dl4j.params() : ParamSet.initial(spec);
        this.masks = DropoutMasks.of(spec);
        this.scratch = new ScratchSide(spec, initial, masks, fault);
        dl4j.setParams(initial);
        scratch.updater().startAt(dl4j.iterationCount(), dl4j.epochCount());   // a saved model's counts continue
        if (dl4j.iterationCount() > 0) scratch.updater().setState(dl4j.updaterState(), scratch.network().parameters());   // and its updater state
        if (spec.hasDropout()) {
            dl4j.shareMasks(masks);
            scratch.network().setIteration(dl4j.iterationCount());
        }
    }

    public Lockstep onStep(StepListener l) {
        stepListeners.add(l);
        return this;
    }

    public Lockstep onEpoch(EpochListener l) {
        epochListeners.add(l);
        return this;
    }

    /**
     * For tests: changes what the harness reads from the DL4J side at a step, to prove that each
     * comparison (loss, gradient, parameters) can fail and names the right place. Each method gets
     * the 1-based step and what DL4J reported, and returns what the harness compares instead.
     */
    interface Tamper {
        Tamper NONE = new Tamper() { };

        /** DL4J's loss before the update at {@code step}. */
        default double loss(long step, double loss) {
            return loss;
        }

        /** DL4J's mean gradient at {@code step}, canonical layout; may be changed in place. */
        default ParamSet gradient(long step, ParamSet meanGradient) {
            return meanGradient;
        }

        /** DL4J's layer activations in the forward check before training; may be changed in place. */
        default List<double[]> activations(List<double[]> dl4jActivations) {
            return dl4jActivations;
        }

        /** DL4J's updater state variable {@code name} (e.g. {@code Adam v}) after the update at {@code step}; may be changed in place. */
        default ParamSet state(long step, String name, ParamSet state) {
            return state;
        }

        /** Called right after DL4J's update at {@code step}, e.g. to change one of its parameters. */
        default void afterUpdate(long step, Dl4jSide dl4j) {
        }

        /** Replaces DL4J's loss at {@code step} with {@code change} of it, and changes nothing else. */
        static Tamper lossAt(long step, java.util.function.DoubleUnaryOperator change) {
            return new Tamper() {
                @Override
                public double loss(long s, double loss) {
                    return s == step ? change.applyAsDouble(loss) : loss;
                }
            };
        }
    }

    /**
     * Compares every layer's activations of both nets on the first {@code rows} training inputs,
     * before any training (the check a saved model gets: do both nets compute the same function
     * from its weights?). Each activation agrees under {@link Tolerances#probScaled()}; the first
     * that does not becomes the run's first divergence unless the parameters already differ, at
     * step 0, phase {@link Phase#INITIAL_FORWARD}, e.g. {@code a2[0,3]}.
     */
    public ForwardCheck checkForwardBeforeTraining(int rows) {
        int n = Math.min(rows, data.size());
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        double[] x = Batch.of(data, all).x();
        List<double[]> a = scratch.activations(x, n), b = tamper.activations(dl4j.activations(x, n));
        double[] max = new double[a.size()];
        Divergence firstOver = null;
        for (int k = 0; k < a.size(); k++) {
            double[] s = a.get(k), d = b.get(k);
            int width = s.length / n;
            for (int i = 0; i < s.length; i++) {
                max[k] = worse(max[k], Math.abs(s[i] - d[i]));
                if (firstOver == null && !Tolerances.within(Tolerances.scaledDiff(s[i], d[i]), tol.probScaled()))
                    firstOver = new Divergence(0, Phase.INITIAL_FORWARD, k + 1, "a", i / width, i % width, s[i], d[i]);
            }
        }
        forwardDivergence = firstOver;
        return new ForwardCheck(n, max, firstOver);
    }

    /**
     * What {@link #checkForwardBeforeTraining} found.
     *
     * @param rows   how many inputs were compared
     * @param maxAbs the largest |Δ| of each layer's activations, input side first
     * @param first  the first activation beyond the tolerance (row by row, layer by layer), or null
     */
    public record ForwardCheck(int rows, double[] maxAbs, Divergence first) {
    }

    /**
     * For tests: replaces the hand-written side, before {@link #run()}, by one with a known bug
     * and/or other dropout masks than DL4J's, to prove the run catches them.
     */
    Lockstep scratchWith(nnparity.scratch.Fault fault, nnparity.scratch.MaskSource masks) {
        ScratchSide s = new ScratchSide(spec, initial, masks, fault);
        s.network().setIteration(scratch.network().iteration());
        s.updater().startAt(scratch.updater().iteration(), scratch.updater().epoch());
        this.scratch = s;
        return this;
    }

    /** For tests: see {@link Tamper}. */
    Lockstep tamper(Tamper t) {
        this.tamper = t;
        return this;
    }

    public long totalSteps() {
        return (long) train.epochs() * train.stepsPerEpoch(data.size());
    }

    public LockstepResult run() {
        long runStart = System.nanoTime();
        nanosScratch = 0;
        nanosDl4j = 0;
        nanosTraining = 0;
        nanosEpochListeners = 0;
        List<StepRecord> records = new ArrayList<>();
        Checks c = new Checks();
        c.first = ParamDiff.of(scratch.params(), dl4j.params(), tol.paramScaled(), 0, Phase.INITIAL_PARAMETERS).firstOver();
        if (c.first == null) c.first = forwardDivergence;
        String diverged = null;
        BatchOrder order = new BatchOrder(data.size(), train.batchSize(), train.shuffleSeed());
        BatchBuffer batches = new BatchBuffer(data);
        long step = 0, total = totalSteps();
        double firstScratch = Double.NaN, firstDl4j = Double.NaN, epochSumScratch = 0, epochSumDl4j = 0;
        long firstOverScratch = 0, stepsThisEpoch = 0;
        boolean stateless = false;

        try (StepRunner runner = StepRunner.of(sides, scratch, dl4j)) {
            training:
            for (int epoch = 1; epoch <= train.epochs(); epoch++) {
                epochSumScratch = 0;
                epochSumDl4j = 0;
                stepsThisEpoch = 0;
                for (int[] indices : order.epoch(epoch - 1)) {
                    step++;
                    Batch b = batches.of(indices);
                    c.step = step;
                    runner.step(b, c);
                    nanosScratch = runner.nanosScratch;
                    nanosDl4j = runner.nanosDl4j;
                    nanosTraining = runner.nanosTraining;
                    double ls = c.ls, ld = c.ld;

                    if (!Double.isFinite(ls) || !Double.isFinite(ld)) {
                        if (!Double.isFinite(ls) && !Double.isFinite(ld)) {
                            diverged = String.format(Locale.ROOT,
                                    "training diverged at step %d: the loss became %s (hand-written) and %s (DL4J). %s",
                                    step, ls, ld, smallerLearningRate());
                        } else if (c.first == null) {
                            c.first = new Divergence(step, Phase.FORWARD, 0, null, -1, -1, ls, ld);
                        }
                        records.add(new StepRecord(step, epoch, ls, ld, Double.NaN, Double.NaN));
                        break training;
                    }
                    if (step == 1) {
                        firstScratch = ls;
                        firstDl4j = ld;
                    }
                    epochSumScratch += ls;
                    epochSumDl4j += ld;
                    stepsThisEpoch++;
                    if (firstOverScratch == 0 && ls > BLOW_UP_FACTOR * firstScratch) firstOverScratch = step;
                    tamper.afterUpdate(step, dl4j);

                    ParamSet own = scratch.paramView() != null ? scratch.paramView() : scratch.params();
                    dl4j.paramsInto(c.dl4jParams);
                    ParamDiff params = c.dl4jParams.diff(own, tol.paramScaled(), step, Phase.UPDATE, c.first == null);
                    c.maxParam = worse(c.maxParam, params.maxAbs());
                    if (c.first == null) c.first = params.firstOver();
                    if (!stateless) {
                        double stateDiff = compareUpdaterState(step);
                        c.maxState = worse(c.maxState, stateDiff);
                        if (c.first == null) c.first = stateDivergence;
                        stateless = lastStateWasEmpty;   // the same updater on both sides has state at every step or never
                    }

                    StepRecord r = new StepRecord(step, epoch, ls, ld, c.gradMaxAbs, params.maxAbs());
                    records.add(r);
                    for (StepListener l : stepListeners) l.onStep(r, total);
                }
                scratch.endEpoch();
                dl4j.endEpoch();
                long e0 = System.nanoTime();
                for (EpochListener l : epochListeners) l.onEpoch(epoch, scratch, dl4j);
                nanosEpochListeners += System.nanoTime() - e0;
            }
        }
        double lastMeanScratch = epochSumScratch / stepsThisEpoch, lastMeanDl4j = epochSumDl4j / stepsThisEpoch;
        if (diverged == null && lastMeanScratch > BLOW_UP_FACTOR * firstScratch && lastMeanDl4j > BLOW_UP_FACTOR * firstDl4j)
            diverged = String.format(Locale.ROOT,
                    "training diverged: the loss rose from %.4g at step 1 to a mean of %.4g over the last epoch (DL4J: %.4g),"
                    + " more than %.0f× its start; it first passed that at step %d. %s",
                    firstScratch, lastMeanScratch, lastMeanDl4j, BLOW_UP_FACTOR, firstOverScratch, smallerLearningRate());
        if (diverged == null && !allFinite(scratch.params()) && !allFinite(dl4j.params()))
            diverged = "training diverged after step " + step + ": the parameters are no longer finite on either side. "
                    + smallerLearningRate();
        nanosRun = System.nanoTime() - runStart;
        return new LockstepResult(spec, train, data.name(), records, c.maxAbsLoss, c.maxScaledLoss, c.maxGrad, c.maxParam,
                c.first, diverged, nanosScratch / 1e9, nanosDl4j / 1e9, initial, c.maxState);
    }

    /**
     * A run's comparisons so far, and where the two sides meet within a step
     * ({@link StepRunner.Meeting}): there it compares the losses and the gradients, and stops the
     * step if either side's loss is not finite (training stops there, neither side updated).
     */
    private final class Checks implements StepRunner.Meeting {
        double maxAbsLoss, maxScaledLoss, maxGrad, maxParam, maxState;
        Divergence first;
        /** The step under way, its losses and its gradient's max |Δ|. */
        long step;
        double ls, ld, gradMaxAbs;
        /** DL4J's parameters and gradient, refilled at every step. */
        final FlatCopy dl4jParams = new FlatCopy(), dl4jGradient = new FlatCopy();

        @Override
        public boolean atGradient(double lossScratch, double lossDl4j) {
            ls = lossScratch;
            ld = tamper.loss(step, lossDl4j);
            if (!Double.isFinite(ls) || !Double.isFinite(ld)) return false;
            double scaledLoss = Tolerances.scaledDiff(ls, ld);
            maxAbsLoss = Math.max(maxAbsLoss, Math.abs(ls - ld));
            maxScaledLoss = Math.max(maxScaledLoss, scaledLoss);
            if (first == null && !Tolerances.within(scaledLoss, tol.lossScaled()))
                first = new Divergence(step, Phase.FORWARD, 0, null, -1, -1, ls, ld);
            dl4j.meanGradientInto(dl4jGradient);
            if (tamper != Tamper.NONE) dl4jGradient.scatterFrom(tamper.gradient(step, dl4jGradient.canonical(scratch.gradientView())));
            ParamDiff grad = dl4jGradient.diff(scratch.gradientView(), tol.gradScaled(), step, Phase.BACKWARD, first == null);
            gradMaxAbs = grad.maxAbs();
            maxGrad = worse(maxGrad, grad.maxAbs());
            if (first == null) first = grad.firstOver();
            return true;
        }
    }

    /**
     * {@link Batch#of} into arrays reused from step to step (a new set only when the batch size
     * changes, e.g. for an epoch's short last batch): a batch lives for one step, and both sides
     * copy what they keep of it.
     */
    static final class BatchBuffer {
        private final LabelledData data;
        private double[] x = new double[0], t = new double[0];
        private int[] labels = new int[0];

        BatchBuffer(LabelledData data) {
            this.data = data;
        }

        Batch of(int[] indices) {
            int n = indices.length, nIn = data.nFeatures(), nOut = data.nClasses();
            if (labels.length != n) {
                x = new double[n * nIn];
                t = new double[n * nOut];
                labels = new int[n];
            } else {
                Arrays.fill(t, 0);
            }
            for (int r = 0; r < n; r++) {
                data.copyFeatures(indices[r], x, r * nIn);
                labels[r] = data.label(indices[r]);
                t[r * nOut + labels[r]] = 1;
            }
            return new Batch(indices, x, t, labels, nIn, nOut);
        }
    }

    /** The first state element beyond the tolerance at the last {@link #compareUpdaterState} call, or null. */
    private Divergence stateDivergence;
    /** True when neither side kept updater state at the last {@link #compareUpdaterState} call (SGD, NoOp). */
    private boolean lastStateWasEmpty;

    /**
     * Compares every updater state variable of both sides after the update at {@code step}, in
     * the rule's order (e.g. Adam m, then v), each element under {@link Tolerances#paramScaled()};
     * leaves the first element beyond it in {@link #stateDivergence}; returns the max |Δ|.
     *
     * @throws IllegalStateException if the two sides keep different state (different updaters)
     */
    private double compareUpdaterState(long step) {
        Map<String, ParamSet> a = scratch.updaterState(), b = dl4j.updaterState();
        if (!a.keySet().equals(b.keySet()))
            throw new IllegalStateException("the two sides keep different updater state: " + a.keySet() + " (hand-written) vs " + b.keySet() + " (DL4J)");
        lastStateWasEmpty = a.isEmpty();
        double max = 0;
        stateDivergence = null;
        for (Map.Entry<String, ParamSet> e : a.entrySet()) {
            ParamDiff d = ParamDiff.of(e.getValue(), tamper.state(step, e.getKey(), b.get(e.getKey())), tol.paramScaled(), step, Phase.UPDATER_STATE, e.getKey());
            max = worse(max, d.maxAbs());
            if (stateDivergence == null) stateDivergence = d.firstOver();
        }
        return max;
    }

    /** E.g. {@code Learning rate 5.0 is too large for this net; try --lr 0.5 or smaller.} */
    private String smallerLearningRate() {
        if (Double.isNaN(spec.learningRate()))
            return spec.updater().type().displayName() + " has no learning rate to lower"
                    + (spec.updater().type() == nnparity.spec.Updater.NOOP ? " (it steps θ −= g, SGD at lr 1); try --updater sgd with a small --lr." : "; try another --updater.");
        String lr = spec.updater().schedule() != null ? "The learning-rate schedule starting at " + spec.learningRate() + " is" : "Learning rate " + spec.learningRate() + " is";
        return lr + " too large for this net; try --lr " + spec.learningRate() / 10 + " or smaller.";
    }

    /** Both nets' probabilities on {@code points} (each of length nIn). */
    public Predictions predict(List<double[]> points) {
        int n = points.size(), nIn = spec.nIn();
        double[] x = new double[n * nIn];
        for (int i = 0; i < n; i++) System.arraycopy(points.get(i), 0, x, i * nIn, nIn);
        return new Predictions(points, scratch.predict(x, n), dl4j.predict(x, n), spec.nOut());
    }

    /**
     * Seconds the hand-written side has trained so far in {@link #run()}: its loss, gradient and
     * update, not the comparisons. Listeners read it to time each epoch.
     */
    public double secondsScratchSoFar() {
        return nanosScratch / 1e9;
    }

    /** Seconds DL4J's {@code fit} has taken so far in {@link #run()}; see {@link #secondsScratchSoFar()}. */
    public double secondsDl4jSoFar() {
        return nanosDl4j / 1e9;
    }

    /**
     * Wall seconds of both sides' training in the last {@link #run()}: the sum of the two when they
     * take turns, about the longer one's side by side ({@link Sides}).
     */
    public double secondsTrainingWall() {
        return nanosTraining / 1e9;
    }

    /** Seconds the epoch listeners took in the last {@link #run()} (the digits job's evaluation). */
    public double secondsEpochListeners() {
        return nanosEpochListeners / 1e9;
    }

    /**
     * Seconds of the last {@link #run()} spent on neither side's training nor the epoch listeners:
     * the harness's own work of reading both sides' numbers and comparing them, and the step listeners.
     */
    public double secondsComparison() {
        return (nanosRun - nanosTraining - nanosEpochListeners) / 1e9;
    }

    /** How the two sides share the machine within a step; {@link Sides#TAKE_TURNS} unless set. The numbers are the same either way. */
    public Lockstep sides(Sides s) {
        this.sides = java.util.Objects.requireNonNull(s);
        return this;
    }

    /** How the two sides share the machine within a step. */
    public Sides sides() {
        return sides;
    }

    public ScratchSide scratch() {
        return scratch;
    }

    public Dl4jSide dl4j() {
        return dl4j;
    }

    public Tolerances tolerances() {
        return tol;
    }

    private static double worse(double max, double d) {
        return Double.isNaN(max) || Double.isNaN(d) ? Double.NaN : Math.max(max, d);
    }

    private static boolean allFinite(ParamSet p) {
        for (var l : p.layers()) {
            for (double v : l.w()) if (!Double.isFinite(v)) return false;
            for (double v : l.b()) if (!Double.isFinite(v)) return false;
        }
        for (var bn : p.batchNorm().values()) {
            for (double[] a : bn.arrays()) for (double v : a) if (!Double.isFinite(v)) return false;
        }
        return true;
    }
}
