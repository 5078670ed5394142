package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

@ExtendWith(OneNd4jThread.class)
class Dl4jGradientCheckTest {
    private static final Group W1 = new Group(1, false), B1 = new Group(1, true), W2 = new Group(2, false), B2 = new Group(2, true);

    @Test
    void boundsAreGradientCheckUtilsOwnDefaults() {
        GradientCheckUtil.MLNConfig defaults = new GradientCheckUtil.MLNConfig();
        assertEquals(defaults.epsilon(), Dl4jGradientCheck.EPS, 0.0);
        assertEquals(defaults.maxRelError(), Dl4jGradientCheck.MAX_REL_ERROR, 0.0);
        assertEquals(defaults.minAbsoluteError(), Dl4jGradientCheck.MIN_ABS_ERROR, 0.0);
    }

    @Test
    void theUtilsRuleFailsOnlyOverBothBounds() {
        assertFalse(Dl4jGradientCheck.failsUtilRule(0, 0), "both zero");
        assertFalse(Dl4jGradientCheck.failsUtilRule(1.0, 1.0 + 1e-4), "rel 5e-5");
        assertFalse(Dl4jGradientCheck.failsUtilRule(1e-12, 2e-12), "rel 1/3 but |Δ| 1e-12 < 1e-8");
        assertTrue(Dl4jGradientCheck.failsUtilRule(1e-6, 2e-6), "rel 1/3 and |Δ| 1e-6");
        assertTrue(Dl4jGradientCheck.failsUtilRule(Double.NaN, 1), "NaN");
    }

    @Test
    void everyParameterOfASmallNetIsCheckedAndTheHandWrittenGradientPasses() {
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet hand = HandWrittenGradient.production().evaluate(spec, p, b).gradient();
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(spec, p, b, hand, Coverage.all());
        assertTrue(r.utilPassed());
        for (Group g : Group.of(spec)) {
            assertEquals(g.size(spec), r.dl4jBackprop().get(g).checked() + r.dl4jBackprop().get(g).skipped(), g.toString());
            assertTrue(r.handWritten().get(g).pass(), g.toString());
        }
    }

    @Test
    void aLargeNetIsCheckedOnTheUtilsSubsetWithEveryBias() {
        NetSpec spec = NetSpec.digits().withActivation(nnparity.spec.Activation.TANH);
        Batch b = CheckBatches.of(spec, 1, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet hand = HandWrittenGradient.production().evaluate(spec, p, b).gradient();
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(spec, p, b, hand, Coverage.sample(200, 1));
        assertEquals(50, r.dl4jBackprop().get(B1).checked());
        assertEquals(10, r.dl4jBackprop().get(B2).checked());
        // evenly spaced: every 39200/200 = 196th element of W1, every 500/200 = 2nd of W2
        assertEquals(200, r.dl4jBackprop().get(W1).checked());
        assertEquals(250, r.dl4jBackprop().get(W2).checked());
        assertTrue(r.utilPassed());
    }

    @Test
    void utilFailuresAtAReluKinkAreRecognisedAsSuch() {
        // unit 7 of the tutorial net sits exactly on the kink for the point (1, 1); see NumericalCheckTest
        NetSpec spec = NetSpec.quadrant();
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = GradientCheck.initialParams(spec);
        W1.of(p)[7] = 0.5;
        W1.of(p)[57] = -0.25;
        B1.of(p)[7] = -0.25;
        ParamSet hand = HandWrittenGradient.production().evaluate(spec, p, b).gradient();
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(spec, p, b, hand, Coverage.all());
        assertFalse(r.utilPassed(), "the util cannot know about the kink");
        assertTrue(r.utilFailuresAreAllKinks());
        assertEquals(3, r.dl4jBackprop().values().stream().mapToInt(GroupStats::skipped).sum(), "W1[0][7], W1[1][7], b1[7]");
        r.dl4jBackprop().values().forEach(s -> assertTrue(s.pass()));
        r.handWritten().values().forEach(s -> assertTrue(s.pass()));
    }

    @Test
    void aDeepNetsFlatParametersMapToEveryGroup() {
        NetSpec spec = NetSpec.quadrant().withSizes(3, List.of(5, 4, 3), 2).withActivation(Activation.SOFTPLUS).withInit(Init.XAVIER);
        Batch b = CheckBatches.of(spec, 6, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet hand = HandWrittenGradient.production().evaluate(spec, p, b).gradient();
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(spec, p, b, hand, Coverage.all());
        assertTrue(r.utilPassed());
        assertEquals(Group.of(spec), List.copyOf(r.dl4jBackprop().keySet()), "W1, b1, …, W4, b4 in order");
        for (Group g : Group.of(spec)) {
            assertEquals(g.size(spec), r.dl4jBackprop().get(g).checked(), g.toString());
            assertTrue(r.handWritten().get(g).pass(), g.toString());
        }
    }

    @Test
    void theUtilChecksTheRegularizedScoresGradientAndTheHandWrittenDirectionPassesItsTest() {
        NetSpec spec = NetSpec.quadrant().withSizes(2, 8, 4).withActivation(Activation.TANH).withInit(Init.XAVIER)
                .withRegularization(new Regularization(1e-2, 2e-2, 0, 1e-2, 3e-2, 0, true));
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, 5);
        HandWrittenGradient.Evaluation hand = HandWrittenGradient.production().evaluate(spec, p, b);
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(spec, p, b, hand.gradient(), Coverage.all());
        assertTrue(r.utilPassed(), "its score and its gradient both carry the penalties");
        r.handWritten().values().forEach(s -> assertTrue(s.pass(), s::toString));
        // without its penalty part the hand-written direction fails the util's own test
        Dl4jGradientCheck.Result dataOnly = Dl4jGradientCheck.run(spec, p, b, hand.data(), Coverage.all());
        assertFalse(dataOnly.handWritten().get(W1).pass());
    }

    @Test
    void aDecayNotTimesLrIsCheckedAtLr1AsTheUtilRunsDl4j() {
        NetSpec spec = NetSpec.quadrant().withSizes(2, 8, 4).withActivation(Activation.TANH).withInit(Init.XAVIER)
                .withRegularization(Regularization.NONE.withWeightDecay(3e-2).withWeightDecayTimesLr(false));
        assertTrue(GradientCheck.decayDependsOnLr(spec));
        assertFalse(GradientCheck.decayDependsOnLr(spec.withLearningRate(1.0)));
        assertFalse(GradientCheck.decayDependsOnLr(spec.withRegularization(Regularization.NONE.withWeightDecay(3e-2))));
        assertFalse(GradientCheck.decayDependsOnLr(spec.withRegularization(Regularization.NONE.withL2(3e-2).withWeightDecayTimesLr(false))), "no decay");
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        // at lr 0.1 the step's decay is wd/lr·θ = 0.3·θ; the util's NoOp updater adds wd·1·θ
        ParamSet atLr = HandWrittenGradient.production().evaluate(spec, p, b).gradient();
        ParamSet atLr1 = HandWrittenGradient.production().evaluate(spec.withLearningRate(1.0), p, b).gradient();
        assertFalse(Dl4jGradientCheck.run(spec, p, b, atLr, Coverage.all()).handWritten().get(W1).pass());
        assertTrue(Dl4jGradientCheck.run(spec, p, b, atLr1, Coverage.all()).handWritten().values().stream().allMatch(GroupStats::pass));
        assertTrue(GradientCheck.run(spec, p, b, "", 0, HandWrittenGradient.production(), Coverage.all()).pass(), "GradientCheck does this");
    }

    @Test
    void utilFailuresAtAHardtanhKinkAreRecognisedAsSuch() {
        // unit 7 of the tutorial net at z1 = 1 for the point (1, 1): W1[:,7] = (0.5, −0.25), b1[7] = 0.75
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.HARDTANH);
        Batch b = CheckBatches.of(spec, 4, 0);
        ParamSet p = GradientCheck.initialParams(spec);
        W1.of(p)[7] = 0.5;
        W1.of(p)[57] = -0.25;
        B1.of(p)[7] = 0.75;
        ParamSet hand = HandWrittenGradient.production().evaluate(spec, p, b).gradient();
        Dl4jGradientCheck.Result r = Dl4jGradientCheck.run(spec, p, b, hand, Coverage.all());
        assertFalse(r.utilPassed(), "the util cannot know about the kink");
        assertTrue(r.utilFailuresAreAllKinks());
        assertEquals(3, r.dl4jBackprop().values().stream().mapToInt(GroupStats::skipped).sum(), "W1[0][7], W1[1][7], b1[7]");
        r.handWritten().values().forEach(s -> assertTrue(s.pass()));
    }
}
