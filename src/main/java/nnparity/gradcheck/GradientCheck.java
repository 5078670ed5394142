package nnparity.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

import nnparity.data.Batch;
import nnparity.dl4j.ParamBridge;
import nnparity.dl4j.Dl4jNets;
import nnparity.parity.ScratchSide;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Runs the three gradient checks at one point of training and gathers them into a
 * {@link GradientCheckReport}:
 *
 * <ol>
 *   <li>{@link NumericalCheck}: the hand-written direction against central differences of the
 *       objective, and its score against the double-double reference;</li>
 *   <li>{@link Dl4jGradientCheck}: DL4J's GradientCheckUtil on the twin, and the hand-written
 *       direction against the util's numerical gradient;</li>
 *   <li>{@link CrossFrameworkCheck}: the hand-written direction and score against DL4J's.</li>
 * </ol>
 *
 * The point: the spec's initial parameters, then {@code steps} SGD steps of the production
 * hand-written net on the check's batch (gradients at initialization can hide errors: there b = 0
 * and every weight is tiny). The hand-written side under test is evaluated once, at that point,
 * by the given {@link HandWrittenGradient}, and every check compares that same array, with one
 * exception: GradientCheckUtil runs DL4J at lr = 1 (it requires NoOp or Sgd(1.0)), so where a
 * weight decay is not ×lr, and the direction therefore depends on lr, check 2 gets the
 * hand-written direction at lr = 1 as well.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Runs the checks on {@link CheckBatches#of} the spec, after {@code steps} SGD steps. */
    public static GradientCheckReport run(NetSpec spec, int batchSize, int steps, HandWrittenGradient handWritten, Coverage coverage) {
        return run(spec, batchSize, steps, handWritten, coverage, done -> { });
    }

    /** The same, telling {@code afterStep} the number of SGD steps done after each one (e.g. for progress). */
    public static GradientCheckReport run(NetSpec spec, int batchSize, int steps, HandWrittenGradient handWritten, Coverage coverage,
                                          LongConsumer afterStep) {
        Batch batch = CheckBatches.of(spec, batchSize, spec.seed());
        ParamSet params = trained(spec, initialParams(spec), batch, steps, afterStep);
        return run(spec, params, batch, CheckBatches.describe(spec, batchSize, spec.seed()), steps, handWritten, coverage);
    }

    /** Runs the checks at {@code params} on {@code batch}; {@code steps} only labels the report. */
    public static GradientCheckReport run(NetSpec spec, ParamSet params, Batch batch, String batchLabel, int steps,
                                          HandWrittenGradient handWritten, Coverage coverage) {
        if (!spec.trainableByBackprop()) throw new IllegalArgumentException(Activation.STEP_CANNOT_TRAIN);
        if (spec.hasBatchNorm())
            throw new IllegalArgumentException("these checks have no batch normalization (their groups are W and b); use BatchNormGradientCheck");
        HandWrittenGradient.Evaluation analytic = handWritten.evaluate(spec, params, batch);
        NumericalCheck.Result numerical = NumericalCheck.run(spec, params, batch, analytic, coverage);
        ParamSet atLr1 = decayDependsOnLr(spec) ? handWritten.evaluate(spec.withLearningRate(1.0), params, batch).gradient() : analytic.gradient();
        Dl4jGradientCheck.Result dl4j = Dl4jGradientCheck.run(spec, params, batch, atLr1, coverage);
        CrossFrameworkCheck.Result cross = CrossFrameworkCheck.run(spec, params, batch, analytic);
        List<GradientCheckReport.Row> rows = new ArrayList<>();
        for (Group g : Group.of(spec)) {
            rows.add(new GradientCheckReport.Row(g, g.label(spec), numerical.groups().get(g), dl4j.dl4jBackprop().get(g),
                    dl4j.handWritten().get(g), cross.groups().get(g)));
        }
        return new GradientCheckReport(spec, batch.rows(), batchLabel, steps, coverage, handWritten.toString(), dl4j.utilPassed(),
                dl4j.utilFailures(), dl4j.kinkFailures(), rows, numerical.score(), cross.score());
    }

    /** True when some group has a weight decay that is not ×lr, at an lr other than 1: then the direction depends on lr. */
    static boolean decayDependsOnLr(NetSpec spec) {
        return spec.learningRate() != 1.0 && Group.of(spec).stream().map(g -> g.penalty(spec))
                .anyMatch(p -> p.weightDecay() > 0 && !p.timesLr());
    }

    /** The spec's starting parameters: drawn from its seed, or DL4J's own for {@link Init#DL4J}. */
    public static ParamSet initialParams(NetSpec spec) {
        return spec.init() == Init.DL4J ? ParamBridge.read(Dl4jNets.network(spec)) : ParamSet.initial(spec);
    }

    /**
     * Largest |parameter| a check can use: DL4J's util nudges each parameter by ±1e-6 in double,
     * and above 2⁵²·1e-6 ≈ 4.5e9 that nudge rounds away. 1e9 leaves a margin.
     */
    public static final double MAX_CHECKABLE_PARAM = 1e9;

    /**
     * {@code initial} after {@code steps} SGD steps (the spec's learning rate) of the production
     * hand-written net on {@code batch}.
     *
     * @throws DivergedBeforeCheck when a step's loss, or any parameter after a step, is not finite or
     *                             exceeds {@link #MAX_CHECKABLE_PARAM}: the first such step is named
     */
    public static ParamSet trained(NetSpec spec, ParamSet initial, Batch batch, int steps) {
        return trained(spec, initial, batch, steps, done -> { });
    }

    /** The same, telling {@code afterStep} the number of steps done after each one. */
    public static ParamSet trained(NetSpec spec, ParamSet initial, Batch batch, int steps, LongConsumer afterStep) {
        if (steps < 0) throw new IllegalArgumentException("steps " + steps + " is invalid; it must be ≥ 0");
        ScratchSide net = new ScratchSide(spec, initial);
        for (int s = 1; s <= steps; s++) {
            double loss = net.lossAndGradient(batch);
            if (!Double.isFinite(loss)) throw new DivergedBeforeCheck(s, "the loss of step " + s + " is " + loss);
            net.update(batch);
            String bad = outOfBounds(spec, net.params());
            if (bad != null) throw new DivergedBeforeCheck(s, "after step " + s + " " + bad);
            afterStep.accept(s);
        }
        return net.params();
    }

    /** The first parameter that is not finite or above {@link #MAX_CHECKABLE_PARAM}, described, or null. */
    static String outOfBounds(NetSpec spec, ParamSet p) {
        for (Group g : Group.of(spec)) {
            double[] v = g.of(p);
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i]) || Math.abs(v[i]) > MAX_CHECKABLE_PARAM)
                    return g.element(spec, i) + " is " + (Double.isFinite(v[i]) ? String.format(Locale.ROOT, "%.2g", v[i])
                            + ", beyond 1e9, where a ±1e-6 nudge rounds away" : v[i]);
            }
        }
        return null;
    }
}
