package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.dl4j.Dl4jNets;
import nnparity.parity.DropoutMasks;
import nnparity.scratch.Fault;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The gradient-check suite on a net with dropout, each check with one fixed mask (the loss must be
 * a deterministic function of the parameters for a derivative to exist): the numerical check of
 * the hand-written net, DL4J's GradientCheckUtil on its twin with {@code SharedMaskDropout}, and
 * the hand-written gradient against DL4J's. The net is tanh (no kinks) with dropout on the raw
 * input (p = 0.8) and on both later layers (p = 0.5).
 */
@ExtendWith(OneNd4jThread.class)
class DropoutGradientCheckTest {
    /** Central difference step for the hand-written numerical check. */
    static final double H = 1e-6;
    /**
     * |analytic − numerical| ≤ this · (|analytic| + |numerical|) + {@link #NUMERICAL_ABS}: the
     * central difference's truncation error is O(h²) ≈ 1e-12 relative and its rounding ≈ 1e-16/h
     * = 1e-10 absolute, so 1e-7 relative passes a right gradient and fails a wrong one (the
     * p-instead-of-1/p gradient is off by a factor 1/p² = 4 on every dropped-into layer).
     */
    static final double NUMERICAL_REL = 1e-7;
    static final double NUMERICAL_ABS = 1e-9;

    static final NetSpec SPEC = NetSpec.quadrant().withSizes(2, List.of(6, 5), 4).withActivation(Activation.TANH)
            .withInit(Init.XAVIER).withSeed(17).withKeepProb(0.5)
            .withHidden(List.of(new LayerSpec(6, Activation.TANH).withKeepProb(0.8), new LayerSpec(5, Activation.TANH).withKeepProb(0.5)));
    static final DropoutMasks FIXED = DropoutMasks.of(SPEC).frozenAt(0);
    static final Batch BATCH = Batch.all(QuadrantData.random(16, 7));
    static final ParamSet PARAMS = ParamSet.initial(SPEC);

    private static double score(NetSpec spec, ParamSet p, Fault fault) {
        return Network.withFault(spec, p, fault, FIXED).lossAndGradients(x(), t());
    }

    private static Matrix x() {
        return new Matrix(BATCH.rows(), BATCH.nIn(), BATCH.x());
    }

    private static Matrix t() {
        return new Matrix(BATCH.rows(), BATCH.nOut(), BATCH.t());
    }

    /** Checks every parameter's backprop gradient against a central difference of the score; returns the number that fail. */
    private static int numericalFailures(Fault fault) {
        Network net = Network.withFault(SPEC, PARAMS, fault, FIXED);
        net.lossAndGradients(x(), t());
        ParamSet g = net.gradients();
        int failures = 0;
        for (int k = 0; k < SPEC.depth(); k++) {
            for (boolean bias : new boolean[]{false, true}) {
                int n = bias ? g.layers().get(k).b().length : g.layers().get(k).w().length;
                for (int i = 0; i < n; i++) {
                    ParamSet plus = PARAMS.copy(), minus = PARAMS.copy();
                    DenseParams dp = plus.layers().get(k), dm = minus.layers().get(k);
                    (bias ? dp.b() : dp.w())[i] += H;
                    (bias ? dm.b() : dm.w())[i] -= H;
                    double numerical = (score(SPEC, plus, fault) - score(SPEC, minus, fault)) / (2 * H);
                    double analytic = (bias ? g.layers().get(k).b() : g.layers().get(k).w())[i];
                    if (Math.abs(analytic - numerical) > NUMERICAL_REL * (Math.abs(analytic) + Math.abs(numerical)) + NUMERICAL_ABS) failures++;
                }
            }
        }
        return failures;
    }

    @Test
    void theHandWrittenGradientWithAFixedMaskMatchesTheNumericalDerivative() {
        assertEquals(0, numericalFailures(Fault.NONE));
    }

    @Test
    void theFixedMaskReallyDropsUnits() {
        NetSpec without = SPEC.withKeepProb(1.0).withHidden(List.of(new LayerSpec(6, Activation.TANH), new LayerSpec(5, Activation.TANH)));
        assertTrue(Math.abs(score(SPEC, PARAMS, Fault.NONE) - score(without, PARAMS, Fault.NONE)) > 1e-3,
                "the masked net's loss must differ from the unmasked one's");
    }

    @Test
    void dropoutScaledByPIsConsistentSoTheNumericalCheckCannotSeeIt() {
        // loss and gradient are both those of the p-scaled net: a numerical check of that net passes;
        // only the comparisons with DL4J (below) catch it, as for the other LOSS_AND_GRADIENT faults
        assertEquals(Fault.Changes.LOSS_AND_GRADIENT, Fault.DROPOUT_SCALED_BY_P.changes());
        assertEquals(0, numericalFailures(Fault.DROPOUT_SCALED_BY_P));
    }

    @Test
    void gradientCheckUtilRefusesEvenASharedMaskDropoutWithoutAnIterationHook() {
        MultiLayerConfiguration conf = Dl4jNets.withSharedMasks(Dl4jNets.configuration(SPEC, new NoOp()), FIXED);
        MultiLayerNetwork net = Dl4jNets.network(conf);
        var e = assertThrows(IllegalStateException.class, () -> GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(Nd4j.create(BATCH.x(), new long[]{BATCH.rows(), BATCH.nIn()}, 'c'))
                .labels(Nd4j.create(BATCH.t(), new long[]{BATCH.rows(), BATCH.nOut()}, 'c'))));
        assertTrue(e.getMessage().startsWith("When gradient checking dropout, need to reset RNG seed each iter"), e.getMessage());
    }

    @Test
    void gradientCheckUtilPassesDl4jsBackpropThroughAFixedMaskAndTheHandWrittenGradientToo() {
        HandWrittenGradient.Evaluation hw = HandWrittenGradient.production(Fault.NONE, FIXED).evaluate(SPEC, PARAMS, BATCH);
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(SPEC, PARAMS, BATCH, hw.gradient(), Coverage.all(), FIXED);
        assertTrue(r.utilPassed(), "GradientCheckUtil's verdict");
        assertEquals(0, r.utilFailures());
        r.dl4jBackprop().forEach((g, s) -> assertTrue(s.pass(), "DL4J " + g + ": " + s));
        r.handWritten().forEach((g, s) -> assertTrue(s.pass(), "hand-written " + g + ": " + s));
    }

    @Test
    void gradientCheckUtilsNumericalGradientCatchesDropoutScaledByP() {
        HandWrittenGradient.Evaluation hw = HandWrittenGradient.production(Fault.DROPOUT_SCALED_BY_P, FIXED).evaluate(SPEC, PARAMS, BATCH);
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(SPEC, PARAMS, BATCH, hw.gradient(), Coverage.all(), FIXED);
        assertTrue(r.utilPassed(), "DL4J itself is right");
        assertFalse(r.handWritten().values().stream().allMatch(GroupStats::pass), "the faulty hand-written gradient must fail");
    }

    @Test
    void theHandWrittenGradientEqualsDl4jsWithTheSameFixedMaskAndNotWithTheFault() {
        HandWrittenGradient.Evaluation hw = HandWrittenGradient.production(Fault.NONE, FIXED).evaluate(SPEC, PARAMS, BATCH);
        CrossFrameworkCheck.Result r = CrossFrameworkCheck.run(SPEC, PARAMS, BATCH, hw, FIXED);
        assertTrue(r.pass(), () -> r.groups() + " " + r.score());
        HandWrittenGradient.Evaluation faulty = HandWrittenGradient.production(Fault.DROPOUT_SCALED_BY_P, FIXED).evaluate(SPEC, PARAMS, BATCH);
        CrossFrameworkCheck.Result f = CrossFrameworkCheck.run(SPEC, PARAMS, BATCH, faulty, FIXED);
        assertFalse(f.score().pass(), "the p-scaled net's score differs from DL4J's");
        assertFalse(f.pass());
    }
}
