package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.scratch.Fault;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.scratch.Parameter;
import nnparity.scratch.Sgd;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

class HandWrittenGradientTest {
    private static final Group W1 = new Group(1, false), B1 = new Group(1, true), W2 = new Group(2, false);
    /** (θ − θ')/lr carries the step's rounding, half an ulp of θ over lr: for |θ| ≤ 1 and lr = 0.1, ≤ 1.2e-15. */
    private static final double STEP_ROUNDING = 1.2e-15;
    /** Four terms summed in another order: a few ulps of the sum, with room for cancellation. */
    private static final double SUM_ORDER = 1e-13;

    private static NetSpec regularized(Regularization r) {
        return NetSpec.quadrant().withActivation(Activation.TANH).withInit(Init.XAVIER).withRegularization(r);
    }

    /** The net at {@code spec}'s initial parameters with b1 = 0.1 (biases start at 0, where l1's sign is 0), after one forward-backward pass. */
    private static Network net(NetSpec spec, Batch b) {
        ParamSet p = GradientCheck.initialParams(spec);
        java.util.Arrays.fill(B1.of(p), 0.1);
        Network net = new Network(spec, p);
        net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
        return net;
    }

    /** θ − θ' of one step of {@code sgd} on copies of the net's parameters, over lr, canonical order flattened per group. */
    private static double[][] moved(NetSpec spec, Network net, Sgd sgd) {
        List<Parameter> ps = net.parameters();
        double[][] out = new double[ps.size()][];
        List<Parameter> copies = ps.stream().map(p -> new Parameter(p.name(), p.value().copy(), p.grad().copy(), p.penalty())).toList();
        sgd.step(copies);
        for (int m = 0; m < ps.size(); m++) {
            double[] before = ps.get(m).value().data, after = copies.get(m).value().data;
            out[m] = new double[before.length];
            for (int i = 0; i < before.length; i++) out[m][i] = (before[i] - after[i]) / spec.learningRate();
        }
        return out;
    }

    @Test
    void aCorrectStepReportsThePenaltiesTermsWhichAreWhatItMoved() {
        NetSpec spec = regularized(new Regularization(1e-3, 2e-3, 3e-3, 4e-3, 5e-4, 6e-4, true));
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        Network net = net(spec, b);
        ParamSet penalty = HandWrittenGradient.stepPenalty(spec, net.parameters(), new Sgd(spec.learningRate()));
        ParamSet g = net.gradients(), regularized = net.regularizedGradients();
        double[][] moved = moved(spec, net, new Sgd(spec.learningRate()));
        for (Group grp : Group.of(spec)) {
            for (int i = 0; i < grp.size(spec); i++) {
                double sum = grp.of(g)[i] + grp.of(penalty)[i];
                assertEquals(moved[grp.ordinal()][i], sum, STEP_ROUNDING, grp.element(spec, i) + ": what the step did");
                // the scratch Penalty's own gradient, summed in another order: a few ulps
                assertEquals(grp.of(regularized)[i], sum, SUM_ORDER * Math.abs(sum), grp.element(spec, i) + ": the score's gradient");
            }
        }
    }

    @Test
    void aDecayNotTimesLrCountsAsWdOverLr() {
        NetSpec spec = regularized(Regularization.NONE.withWeightDecay(1e-3).withWeightDecayTimesLr(false));
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        Network net = net(spec, b);
        ParamSet penalty = HandWrittenGradient.stepPenalty(spec, net.parameters(), new Sgd(spec.learningRate()));
        double t = W2.of(net.params())[3];
        assertEquals(1e-3 / spec.learningRate() * t, W2.of(penalty)[3], 1e-16 * Math.abs(t), "the step subtracts wd·θ = lr · (wd/lr)·θ");
    }

    @Test
    void aStepThatDoesSomethingElseReportsWhatItDid() {
        // l2 after the update: θ' = (θ − lr·g)(1 − l2), so (θ − θ')/lr − g = l2·θ'/lr, ten times l2·θ at lr = 0.1
        NetSpec spec = regularized(Regularization.NONE.withL2(1e-2));
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        Network net = net(spec, b);
        ParamSet penalty = HandWrittenGradient.stepPenalty(spec, net.parameters(), Sgd.withFault(spec.learningRate(), Fault.L2_AFTER_UPDATER));
        double[][] moved = moved(spec, net, Sgd.withFault(spec.learningRate(), Fault.L2_AFTER_UPDATER));
        for (int i = 0; i < W1.size(spec); i++) {
            double t = W1.of(net.params())[i], g = W1.of(net.gradients())[i];
            assertEquals(moved[0][i] - g, W1.of(penalty)[i], 0.0, "read off the step");
            assertEquals(1e-2 * (t - spec.learningRate() * g) / spec.learningRate(), W1.of(penalty)[i], 1e-12 * Math.abs(t) + STEP_ROUNDING);
            assertNotEquals(1e-2 * t, W1.of(penalty)[i]);
        }
        assertEquals(0, B1.of(penalty)[0], 0.0, "the biases have no l2: the faulty step treats them right");
    }

    @Test
    void withoutAPenaltyTheDirectionIsBackpropsGradientToTheLastBit() {
        // (θ − θ')/lr would keep only a few digits of a 1e-11 gradient next to θ ≈ 0.01
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.IDENTITY);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        HandWrittenGradient.Evaluation e = HandWrittenGradient.production().evaluate(spec, p, b);
        Network net = new Network(spec, p);
        double score = net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
        assertEquals(score, e.score(), 0.0);
        for (Group g : Group.of(spec)) {
            for (int i = 0; i < g.size(spec); i++) {
                assertEquals(g.of(net.gradients())[i], g.of(e.gradient())[i], 0.0, g.element(spec, i));
                assertEquals(0, g.of(e.penalty())[i], 0.0);
            }
        }
        double smallest = Group.of(spec).stream().flatMapToDouble(g -> java.util.Arrays.stream(g.of(e.gradient()))).map(Math::abs).min().orElseThrow();
        assertTrue(smallest < 1e-10, "this net has such tiny gradients: " + smallest);
    }

    @Test
    void parametersThatDoNotFitTheSpecAreRefused() {
        NetSpec spec = regularized(Regularization.NONE.withL2(1e-2));
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        List<Parameter> ps = net(spec, b).parameters();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HandWrittenGradient.stepPenalty(spec, ps.subList(0, 2), new Sgd(spec.learningRate())));
    }

    @Test
    void theScoreIsTheNetsWithItsPenalties() {
        NetSpec spec = regularized(Regularization.NONE.withL2(1e-2));
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        double with = HandWrittenGradient.production().evaluate(spec, p, b).score();
        double without = HandWrittenGradient.production(Fault.REG_TERM_MISSING_FROM_SCORE).evaluate(spec, p, b).score();
        double sumSq = Group.of(spec).stream().filter(g -> !g.isBias()).flatMapToDouble(g -> java.util.Arrays.stream(g.of(p))).map(v -> v * v).sum();
        assertEquals(0.5 * 1e-2 * sumSq, with - without, 1e-15, "½·l2·Σw²");
    }
}
