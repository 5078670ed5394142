package nnparity.gradcheck;

import java.util.ArrayList;
import java.util.List;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.scratch.Matrix;
import nnparity.scratch.MaskSource;
import nnparity.scratch.Network;
import nnparity.scratch.Parameter;
import nnparity.scratch.Sgd;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Where the checks get the hand-written side from: the production {@link Network} and its
 * {@link Sgd} step, correct or with one {@link Fault} injected into either. Every check compares
 * this one evaluation with its reference.
 */
@FunctionalInterface
public interface HandWrittenGradient {

    /**
     * The hand-written score and descent direction at one point, canonical layout.
     *
     * @param score    the score the net reports: its data loss (mean over the batch when miniBatch)
     *                 plus the penalties, as DL4J's {@code score()}
     * @param data     backprop's gradient of the data loss, which the SGD step starts from
     * @param penalty  what the SGD step adds to it: l1·sign(θ) + l2·θ + wd·θ (wd/lr·θ when the decay is
     *                 not ×lr); zeros without a penalty
     */
    record Evaluation(double score, ParamSet data, ParamSet penalty) {

        /** An evaluation of a net without penalty: the direction is the data gradient. */
        static Evaluation unregularized(double score, ParamSet data) {
            ParamSet zeros = data.copy();
            for (DenseParams d : zeros.layers()) {
                java.util.Arrays.fill(d.w(), 0);
                java.util.Arrays.fill(d.b(), 0);
            }
            return new Evaluation(score, data, zeros);
        }

        /** The direction the SGD step follows, {@code data + penalty}: θ' = θ − lr · gradient. */
        public ParamSet gradient() {
            ParamSet sum = data.copy();
            for (int k = 0; k < sum.layers().size(); k++) {
                DenseParams s = sum.layers().get(k), p = penalty.layers().get(k);
                for (int i = 0; i < s.w().length; i++) s.w()[i] += p.w()[i];
                for (int i = 0; i < s.b().length; i++) s.b()[i] += p.b()[i];
            }
            return sum;
        }
    }

    /** The score and direction on {@code batch} at {@code params}. Leaves {@code params} unchanged. */
    Evaluation evaluate(NetSpec spec, ParamSet params, Batch batch);

    /** The production hand-written net and SGD step. */
    static HandWrittenGradient production() {
        return production(Fault.NONE);
    }

    /**
     * The production net ({@link Network#withFault}) and SGD step ({@link Sgd#withFault}) with
     * {@code fault} injected: the score is what {@link Network#lossAndGradients} returns, the data
     * gradient what it leaves in the parameters ({@link Network#gradients}), and the penalty part
     * is read off one real SGD step on a copy of the parameters ({@link #stepPenalty}).
     */
    static HandWrittenGradient production(Fault fault) {
        return production(fault, null);
    }

    /**
     * As above, for a net that drops units: its {@link nnparity.scratch.Dropout} layers take their
     * masks from {@code masks} (at iteration 0; a gradient check wants one fixed mask).
     */
    static HandWrittenGradient production(Fault fault, MaskSource masks) {
        return new HandWrittenGradient() {
            @Override
            public Evaluation evaluate(NetSpec spec, ParamSet params, Batch b) {
                Network net = Network.withFault(spec, params, fault, masks);
                double score = net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
                return new Evaluation(score, net.gradients(), stepPenalty(spec, net.parameters(), Sgd.withFault(spec.learningRate(), fault)));
            }

            @Override
            public String toString() {
                return fault == Fault.NONE ? "hand-written backprop and SGD step" : "hand-written backprop and SGD step with fault " + fault.label();
            }
        };
    }

    /**
     * What one step of {@code sgd} adds to the data gradient g: with {@code θ' = θ − lr·d} it is
     * {@code d − g}, canonical layout. The step runs on copies of {@code parameters} (values θ,
     * data gradients g, penalties), which stay unchanged.
     *
     * <p>{@code (θ − θ')/lr} is d, but θ' is rounded to θ's precision: a gradient of 1e-11 next to
     * θ ≈ 0.01 keeps only about five digits, too few for check 1. So each element is compared with
     * what the penalties of {@code spec} prescribe,
     *
     * <pre>
     *   p = l1·sign(θ) + l2·θ + wd_eff·θ,          wd_eff = wd (decay ×lr) or wd/lr (not ×lr)
     *   d − g = p                if |(θ − θ') − lr·(g + p)| ≤ the rounding of the step (ulps of θ, θ' and lr·|terms|)
     *   d − g = (θ − θ')/lr − g  otherwise: what the step really did, however wrong
     * </pre>
     *
     * A correct step reports p with all its digits; a step that differs from it by more than its
     * own rounding (a penalty applied at the wrong time or scale, a wrong lr, a lost gradient)
     * reports what it did, and the checks see the difference. Without a penalty p = 0.
     */
    static ParamSet stepPenalty(NetSpec spec, List<Parameter> parameters, Sgd sgd) {
        List<Group> groups = Group.of(spec);
        if (groups.size() != parameters.size())
            throw new IllegalArgumentException(parameters.size() + " parameters do not fit the " + groups.size() + " groups of " + spec);
        List<Parameter> copies = new ArrayList<>();
        for (Parameter p : parameters) copies.add(new Parameter(p.name(), p.value().copy(), p.grad().copy(), p.penalty()));
        sgd.step(copies);
        double lr = spec.learningRate();
        double[][] added = new double[groups.size()][];
        for (int m = 0; m < groups.size(); m++) {
            Group.Penalty pen = groups.get(m).penalty(spec);
            double wdEff = pen.timesLr() ? pen.weightDecay() : pen.weightDecay() / lr;
            double[] theta = parameters.get(m).value().data, g = parameters.get(m).grad().data, after = copies.get(m).value().data;
            double[] a = new double[theta.length];
            for (int i = 0; i < a.length; i++) {
                double t = theta[i];
                double p = pen.l2() * t + pen.l1() * Math.signum(t) + wdEff * t;
                double moved = t - after[i];
                double size = lr * (Math.abs(g[i]) + pen.l2() * Math.abs(t) + pen.l1() + wdEff * Math.abs(t));
                double rounding = Math.ulp(t) + Math.ulp(after[i]) + 8 * Math.ulp(size);
                a[i] = Math.abs(moved - lr * (g[i] + p)) <= rounding ? p : moved / lr - g[i];
            }
            added[m] = a;
        }
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < spec.depth(); k++) {
            Group w = groups.get(2 * k);
            layers.add(new DenseParams(w.rows(spec), w.cols(spec), added[2 * k], added[2 * k + 1]));
        }
        return new ParamSet(layers);
    }
}
