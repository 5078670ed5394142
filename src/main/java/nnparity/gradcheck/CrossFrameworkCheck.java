package nnparity.gradcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.Batch;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.SharedMaskDropout;
import nnparity.dl4j.ParamBridge;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Check 3: the hand-written score and descent direction against DL4J's, from identical parameters
 * on an identical batch.
 *
 * <pre>
 *   dl4j_θ = u_θ / lr,   u = DL4J's update: its gradient() after computeGradientAndScore(), passed
 *                        through the net's own updater (net.getUpdater(), the one fit() uses):
 *                        u = lr·(g / N + l1·sign θ + l2·θ) + wd·lr·θ      (/ N only when miniBatch)
 *   pass   ⇔ |hand_θ − dl4j_θ| ≤ 1e-12  or  rel(hand_θ, dl4j_θ) ≤ 1e-12     for every parameter
 *          and the hand-written score matches DL4J's score() ({@link ScoreCheck})
 * </pre>
 *
 * <p><b>Why the updater.</b> DL4J's {@code gradient()} holds the batch sum without any penalty;
 * the division by N and every penalty happen inside the updater, and {@code fit()} then subtracts
 * the updater's result from the parameters. Passing the gradient through that same updater (it
 * changes the gradient array in place, never the parameters) gives the exact vector {@code fit()}
 * would subtract, with no cancellation; a test pins it against the parameter change of one
 * {@code fit()}. Dividing by lr turns it into a direction comparable with the hand-written one at
 * a few ulps. (Comparing {@code (θ − θ')/lr} instead would lose the digits of θ: a 1e-11 gradient
 * next to θ ≈ 0.01 keeps only about five.)
 *
 * <p>Both sides compute the same formulas in double, but sum in different orders (ND4J's BLAS
 * against plain loops), so they differ by a few ulps: about 1e-16 relative to the summed terms.
 * 1e-12 leaves four orders of magnitude for that while any real difference in the math, which
 * the fault tests show to be 1e-9 or more, still fails. Every element of every group is compared:
 * no perturbation is needed.
 */
public final class CrossFrameworkCheck {
    /** The absolute bound: the harness's gradient tolerance, {@code parity.Tolerances.DEFAULT.gradScaled()}. */
    public static final double MAX_ABS_ERROR = 1e-12;
    /** The relative bound, for gradients larger than 1, where ulps exceed 1e-16 in absolute terms. */
    public static final double MAX_REL_ERROR = 1e-12;

    private CrossFrameworkCheck() {
    }

    /**
     * @param groups one {@link GroupStats} per group, in canonical order
     * @param score  the hand-written score against DL4J's {@code score()}
     */
    public record Result(Map<Group, GroupStats> groups, ScoreCheck score) {
        public boolean pass() {
            return score.pass() && groups.values().stream().allMatch(GroupStats::pass);
        }
    }

    /**
     * What DL4J computes at one point.
     *
     * @param score     {@code score()} after {@code computeGradientAndScore()}: data loss (/ N when miniBatch) plus penalties
     * @param direction the update its SGD step would subtract, divided by lr, canonical layout
     */
    public record Dl4jPoint(double score, ParamSet direction) {
    }

    /** DL4J's score and descent direction at {@code params} on {@code batch}; see the class comment. */
    public static Dl4jPoint dl4j(NetSpec spec, ParamSet params, Batch batch) {
        return dl4j(spec, params, batch, null);
    }

    /**
     * As above, with a net that drops units: its dropout takes its masks from {@code masks}
     * ({@link SharedMaskDropout}), the ones the hand-written net gets, e.g. one fixed mask.
     */
    public static Dl4jPoint dl4j(NetSpec spec, ParamSet params, Batch batch, SharedMaskDropout.Masks masks) {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        if (masks != null) Dl4jNets.withSharedMasks(net.getLayerWiseConfigurations(), masks);
        ParamBridge.write(params, net);
        net.setInput(Nd4j.create(batch.x(), new long[]{batch.rows(), batch.nIn()}, 'c'));
        net.setLabels(Nd4j.create(batch.t(), new long[]{batch.rows(), batch.nOut()}, 'c'));
        net.computeGradientAndScore();
        double score = net.score();
        Gradient g = net.gradient();
        net.getUpdater().update(net, g, 0, 0, batch.rows(), LayerWorkspaceMgr.noWorkspaces());
        double lr = spec.learningRate();
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < spec.depth(); k++) {
            // W's view is [nIn, nOut] in 'f' order: dup('c') lays it out row-major, as the canonical layout
            INDArray w = g.getGradientFor(k + "_W"), b = g.getGradientFor(k + "_b");
            double[] dw = w.dup('c').data().asDouble(), db = b.dup('c').data().asDouble();
            for (int i = 0; i < dw.length; i++) dw[i] /= lr;
            for (int i = 0; i < db.length; i++) db[i] /= lr;
            layers.add(new DenseParams((int) w.size(0), (int) w.size(1), dw, db));
        }
        return new Dl4jPoint(score, new ParamSet(layers));
    }

    /** Compares {@code handWritten} with {@link #dl4j}, element by element, and the scores. */
    public static Result run(NetSpec spec, ParamSet params, Batch batch, HandWrittenGradient.Evaluation handWritten) {
        return run(spec, params, batch, handWritten, null);
    }

    /** As above, both sides dropping the units {@code masks} gives (the hand-written one must have been evaluated with them). */
    public static Result run(NetSpec spec, ParamSet params, Batch batch, HandWrittenGradient.Evaluation handWritten, SharedMaskDropout.Masks masks) {
        Dl4jPoint dl4j = dl4j(spec, params, batch, masks);
        Map<Group, GroupStats> out = new LinkedHashMap<>();
        // GroupStats' floor passes when abs < floor; the bound here is abs ≤ 1e-12
        double floor = Math.nextUp(MAX_ABS_ERROR);
        for (Group g : Group.of(spec)) {
            double[] a = g.of(handWritten.gradient()), d = g.of(dl4j.direction());
            GroupStats.Builder b = new GroupStats.Builder();
            for (int i = 0; i < a.length; i++) b.add(i, a[i], d[i], MAX_REL_ERROR, floor);
            out.put(g, b.build());
        }
        return new Result(Collections.unmodifiableMap(out), new ScoreCheck(handWritten.score(), dl4j.score()));
    }
}
