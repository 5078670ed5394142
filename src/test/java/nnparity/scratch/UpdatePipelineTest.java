package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;
import nnparity.spec.UpdaterSpec;

/** The update pipeline's order, learning rate, counters and state, with hand-derived values. */
class UpdatePipelineTest {
    /** Sums and products of small binary fractions are exact. */
    static final double EXACT = 0;

    /** θ = [2, −1, 0], g = [0.5, 0.25, 0.125], l1 0.125, l2 0.25, wd 0.5 (×lr): the 0 is l1's kink. */
    private static Parameter parameter() {
        return new Parameter("W1", new Matrix(1, 3, new double[]{2, -1, 0}), new Matrix(1, 3, new double[]{0.5, 0.25, 0.125}),
                new Penalty(0.125, 0.25, 0.5, true));
    }

    /**
     * g' = g + l2·θ + l1·sign θ = [1.125, −0.125, 0.125]; NoOp: u = g'; no learning rate, so the
     * decay is wd·1·θ = [1, −0.5, 0]: u = [2.125, −0.625, 0.125], θ' = [−0.125, −0.375, −0.125].
     */
    @Test
    void penaltiesGoBeforeTheRuleAndWeightDecayAfterItTimesOneWithoutALearningRate() {
        Parameter p = parameter();
        new UpdatePipeline(new NoOp(), 0.5).step(List.of(p));
        assertArrayEquals(new double[]{-0.125, -0.375, -0.125}, p.value().data, EXACT);
        assertArrayEquals(new double[]{0.5, 0.25, 0.125}, p.grad().data, EXACT, "the gradient is left as it was");
    }

    /** SGD at lr 0.5: u = 0.5·g' + 0.5·0.5·θ = [0.5625 + 0.5, −0.0625 − 0.25, 0.0625]; θ' = [0.9375, −0.6875, −0.0625]. */
    @Test
    void weightDecayUsesTheRulesLearningRate() {
        Parameter p = parameter();
        new UpdatePipeline(new Sgd(0.5), 0.5).step(List.of(p));
        assertArrayEquals(new double[]{0.9375, -0.6875, -0.0625}, p.value().data, EXACT);
    }

    @Test
    void theLearningRateIsReadAtEachUpdatesIterationAndEpochCountedFromZero() {
        List<String> seen = new ArrayList<>();
        UpdatePipeline u = new UpdatePipeline(new Sgd(1), (it, ep) -> {
            seen.add(it + "/" + ep);
            return 0.5;
        }, "SGD(lr=0.5)", UpdatePipeline.GradientPreprocessor.NONE, Fault.NONE);
        Parameter p = new Parameter("b1", new Matrix(1, 1, new double[]{1}), new Matrix(1, 1, new double[]{1}));
        u.step(List.of(p));
        u.step(List.of(p));
        u.endEpoch();
        u.step(List.of(p));
        assertEquals(List.of("0/0", "1/0", "2/1"), seen);
        assertEquals(3, u.iteration());
        assertEquals(1, u.epoch());
        assertArrayEquals(new double[]{-0.5}, p.value().data, EXACT, "three steps of 0.5");
    }

    @Test
    void theGradientNormalizationRunsFirstOnEachLayersParameters() {
        List<String> layers = new ArrayList<>();
        UpdatePipeline u = new UpdatePipeline(new NoOp(), (it, ep) -> 1, "NoOp()", ls -> {
            for (List<Parameter> l : ls) layers.add(l.stream().map(Parameter::name).toList().toString());
            for (List<Parameter> l : ls) for (Parameter q : l) java.util.Arrays.fill(q.grad().data, 0.25);
        }, Fault.NONE);
        List<Parameter> ps = net();
        u.step(ps);
        assertEquals(List.of("[W1, b1]", "[W2, b2]"), layers);
        assertArrayEquals(new double[]{-0.25, -0.25, -0.25, -0.25, -0.25, -0.25}, ps.get(0).value().data, EXACT, "θ = 0 − the normalized 0.25");
    }

    /** W1 [2x3], b1 [1x3], W2 [3x1], b2 [1x1], all 0, gradient 0.5 everywhere. */
    private static List<Parameter> net() {
        return List.of(filled("W1", 2, 3), filled("b1", 1, 3), filled("W2", 3, 1), filled("b2", 1, 1));
    }

    private static Parameter filled(String name, int r, int c) {
        Matrix g = Matrix.zeros(r, c);
        java.util.Arrays.fill(g.data, 0.5);
        return new Parameter(name, Matrix.zeros(r, c), g);
    }

    /** Adam's first step of g = 0.5: m = 0.5·(1 − 0.9) = 0.049999999999999990, v = 0.25·(1 − 0.999) = 0.00025000000000000020 (DL4J prints the same). */
    @Test
    void theStateIsExposedPerVariableShapedLikeTheParameters() {
        UpdatePipeline u = new UpdatePipeline(new Adam(0.9, 0.999, 1e-8), 0.001);
        List<Parameter> ps = net();
        u.step(ps);
        Map<String, ParamSet> s = u.state(ps);
        assertEquals(List.of("Adam m", "Adam v"), new ArrayList<>(s.keySet()));
        DenseParams m1 = s.get("Adam m").layer(1), v2 = s.get("Adam v").layer(2);
        assertEquals(2, m1.nIn());
        assertEquals(3, m1.nOut());
        assertEquals(3, v2.nIn());
        assertEquals(1, v2.nOut());
        assertArrayEquals(new double[]{0.04999999999999999, 0.04999999999999999, 0.04999999999999999}, m1.b(), EXACT);
        assertArrayEquals(new double[]{2.5000000000000020e-04}, v2.b(), EXACT);
    }

    @Test
    void beforeTheFirstStepTheStateIsTheInitialOne() {
        List<Parameter> ps = net();
        ParamSet h = new UpdatePipeline(new AdaGrad(1e-6), 0.1).state(ps).get("AdaGrad h");
        assertArrayEquals(new double[]{1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6}, h.layer(1).w(), EXACT);
        assertEquals(Map.of(), new UpdatePipeline(new Sgd(0.1), 0.1).state(ps), "SGD keeps no state");
    }

    @Test
    void aPipelineFromASpecPrintsAsTheSpecAndNamesAnInjectedFault() {
        assertEquals("SGD(lr=0.1)", GradientUpdaters.pipeline(UpdaterSpec.sgd(0.1), UpdatePipeline.GradientPreprocessor.NONE, Fault.NONE).toString());
        assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8), fault Adam without bias correction",
                GradientUpdaters.pipeline(UpdaterSpec.defaults(Updater.ADAM), UpdatePipeline.GradientPreprocessor.NONE, Fault.ADAM_NO_BIAS_CORRECTION).toString());
        assertEquals("AdaDelta(rho=0.95, epsilon=1.0E-6)", new UpdatePipeline(new AdaDelta(0.95, 1e-6), 1).toString());
    }

    @Test
    void everySpecBuildsItsRuleWithItsSettings() {
        for (Updater t : Updater.values()) {
            GradientUpdater r = GradientUpdaters.rule(UpdaterSpec.defaults(t), Fault.NONE);
            assertEquals(t == Updater.SGD ? "Sgd" : t == Updater.RMSPROP ? "RmsProp" : t.displayName(), r.name(), t.id());
        }
        assertEquals("Nesterovs(momentum=0.5)", GradientUpdaters.rule(UpdaterSpec.defaults(Updater.NESTEROVS).with(UpdaterSetting.MOMENTUM, 0.5), Fault.NONE).toString());
        assertEquals("Adam(beta1=0.8, beta2=0.99, epsilon=1.0E-6)", GradientUpdaters.rule(UpdaterSpec.defaults(Updater.ADAM)
                .with(UpdaterSetting.BETA1, 0.8).with(UpdaterSetting.BETA2, 0.99).with(UpdaterSetting.EPSILON, 1e-6), Fault.NONE).toString());
        assertEquals("RmsProp(rmsDecay=0.9, epsilon=1.0E-8)", GradientUpdaters.rule(UpdaterSpec.defaults(Updater.RMSPROP).with(UpdaterSetting.RMS_DECAY, 0.9), Fault.NONE).toString());
        assertEquals("AdaDelta(rho=0.9, epsilon=1.0E-6)", GradientUpdaters.rule(UpdaterSpec.defaults(Updater.ADADELTA).with(UpdaterSetting.RHO, 0.9), Fault.NONE).toString());
    }

    @Test
    void aPipelineAtAFixedRatePrintsTheRuleWithItsLearningRateIfItHasOne() {
        assertEquals("Sgd(lr=0.1)", new UpdatePipeline(new Sgd(0.1), 0.1).toString(), "the rule's name, no settings after the lr");
        assertEquals("Adam(lr=0.01, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", new UpdatePipeline(new Adam(0.9, 0.999, 1e-8), 0.01).toString());
        assertEquals("NoOp()", new UpdatePipeline(new NoOp(), 0.1).toString());
    }

    @Test
    void aPipelineHandsBackItsRule() {
        GradientUpdater r = new Adam(0.9, 0.999, 1e-8);
        assertSame(r, new UpdatePipeline(r, 0.01).rule());
    }

    @Test
    void theSgdRuleFromASpecCarriesTheSpecsLearningRate() {
        assertEquals("SGD(lr=0.1)", GradientUpdaters.rule(UpdaterSpec.sgd(0.1), Fault.NONE).toString());
    }

    // ------------------------------------------------------------- setState (a saved model's state continues)

    /** A state for {@link #net()} with a different value in each array: m = 1 + layer/10 (W) or 2 + layer/10 (b), v the same + 10. */
    private static Map<String, ParamSet> distinctAdamState() {
        Map<String, ParamSet> s = new java.util.LinkedHashMap<>();
        for (String var : List.of("m", "v")) {
            double o = var.equals("m") ? 0 : 10;
            s.put("Adam " + var, new ParamSet(List.of(
                    new DenseParams(2, 3, filledArray(6, o + 1.1), filledArray(3, o + 2.1)),
                    new DenseParams(3, 1, filledArray(3, o + 1.2), filledArray(1, o + 2.2)))));
        }
        return s;
    }

    private static double[] filledArray(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void aStateSetIsTheStateReadBackForEveryVariableAndArray() {
        UpdatePipeline u = new UpdatePipeline(new Adam(0.9, 0.999, 1e-8), 0.001);
        List<Parameter> ps = net();
        Map<String, ParamSet> s = distinctAdamState();
        u.setState(s, ps);
        assertEquals(s, u.state(ps));
    }

    /**
     * AdaGrad, lr 0.5, h set to 0.75 everywhere, g = 0.5: h' = 0.75 + 0.25 = 1, u = 0.5·0.5/(1 + 1e-6),
     * so θ = 0 − 0.25/1.000001 = −0.24999975000025 (to 1e-15) instead of the first step from h = 1e-6.
     */
    /** W1, b1, then a batch norm's γ1, β1 after layer 1, then W2, b2: the order Network.parameters() gives. */
    private static List<Parameter> netWithBatchNorm() {
        return List.of(filled("W1", 2, 3), filled("b1", 1, 3), filled("gamma1", 1, 3), filled("beta1", 1, 3), filled("W2", 3, 1), filled("b2", 1, 1));
    }

    @Test
    void aBatchNormsGammaAndBetaStateIsSetFromItsEntryAndTheDenseLayersFromTheirs() {
        UpdatePipeline u = new UpdatePipeline(new Adam(0.9, 0.999, 1e-8), 0.001);
        List<Parameter> ps = netWithBatchNorm();
        Map<String, ParamSet> s = new java.util.LinkedHashMap<>();
        for (String var : List.of("m", "v")) {
            double o = var.equals("m") ? 0 : 10;
            java.util.SortedMap<Integer, nnparity.spec.BatchNormParams> bn = new java.util.TreeMap<>();
            bn.put(1, new nnparity.spec.BatchNormParams(3, filledArray(3, o + 3.1), filledArray(3, o + 4.1), new double[3], new double[3]));
            s.put("Adam " + var, new ParamSet(List.of(
                    new DenseParams(2, 3, filledArray(6, o + 1.1), filledArray(3, o + 2.1)),
                    new DenseParams(3, 1, filledArray(3, o + 1.2), filledArray(1, o + 2.2))), bn));
        }
        u.setState(s, ps);
        assertEquals(s, u.state(ps));
    }

    @Test
    void aStateWithoutTheBatchNormsEntryIsRefusedNamingIt() {
        UpdatePipeline u = new UpdatePipeline(new AdaGrad(1e-6), 0.5);
        var e = assertThrows(IllegalArgumentException.class, () -> u.setState(Map.of("AdaGrad h", new ParamSet(List.of(
                new DenseParams(2, 3, filledArray(6, 0.75), filledArray(3, 0.75)),
                new DenseParams(3, 1, filledArray(3, 0.75), filledArray(1, 0.75))))), netWithBatchNorm()));
        assertEquals("AdaGrad h: batch norm 1's state null does not fit gamma1[1x3]", e.getMessage());
        java.util.SortedMap<Integer, nnparity.spec.BatchNormParams> bn = new java.util.TreeMap<>();
        bn.put(1, new nnparity.spec.BatchNormParams(3, filledArray(3, 1), filledArray(3, 1), new double[3], new double[3]));
        List<Parameter> narrowGamma = List.of(filled("W1", 2, 3), filled("b1", 1, 3), filled("gamma1", 1, 2), filled("beta1", 1, 2),
                filled("W2", 3, 1), filled("b2", 1, 1));
        var w = assertThrows(IllegalArgumentException.class, () -> u.setState(Map.of("AdaGrad h", new ParamSet(List.of(
                new DenseParams(2, 3, filledArray(6, 0.75), filledArray(3, 0.75)),
                new DenseParams(3, 1, filledArray(3, 0.75), filledArray(1, 0.75))), bn)), narrowGamma));
        assertEquals(true, w.getMessage().startsWith("AdaGrad h: batch norm 1's state BatchNorm"), w.getMessage());
        assertEquals(true, w.getMessage().endsWith(" does not fit gamma1[1x2]"), w.getMessage());
    }

    @Test
    void theNextStepContinuesFromTheStateSet() {
        UpdatePipeline u = new UpdatePipeline(new AdaGrad(1e-6), 0.5);
        List<Parameter> ps = net();
        u.setState(Map.of("AdaGrad h", new ParamSet(List.of(
                new DenseParams(2, 3, filledArray(6, 0.75), filledArray(3, 0.75)),
                new DenseParams(3, 1, filledArray(3, 0.75), filledArray(1, 0.75))))), ps);
        u.step(ps);
        assertArrayEquals(new double[]{-0.24999975000025}, ps.get(3).value().data, SETSTATE_ROUNDING);
    }

    /** One division and a subtraction from 0: within a few ulps of 0.25. */
    static final double SETSTATE_ROUNDING = 1e-15;

    @Test
    void aStateOfOtherVariablesIsRefusedNamingBoth() {
        UpdatePipeline u = new UpdatePipeline(new Adam(0.9, 0.999, 1e-8), 0.001);
        Map<String, ParamSet> s = new java.util.LinkedHashMap<>(distinctAdamState());
        s.remove("Adam v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u.setState(s, net()));
        assertEquals("updater state [Adam m] does not fit Adam, whose state is [Adam m, Adam v]", e.getMessage());
    }

    @Test
    void aStateWithTooFewLayersIsRefusedCountingBoth() {
        UpdatePipeline u = new UpdatePipeline(new AdaGrad(1e-6), 0.1);
        Map<String, ParamSet> s = Map.of("AdaGrad h", new ParamSet(List.of(new DenseParams(2, 3, filledArray(6, 1), filledArray(3, 1)))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u.setState(s, net()));
        assertEquals("AdaGrad h: 1 layers of state do not fit 2 dense layers", e.getMessage());
    }

    @Test
    void aStateOfTheWrongShapeIsRefusedNamingTheLayerAndNothingChanges() {
        UpdatePipeline u = new UpdatePipeline(new AdaGrad(1e-6), 0.1);
        List<Parameter> ps = net();
        Map<String, ParamSet> before = u.state(ps);
        Map<String, ParamSet> s = Map.of("AdaGrad h", new ParamSet(List.of(
                new DenseParams(1, 3, filledArray(3, 1), filledArray(3, 1)),
                new DenseParams(3, 1, filledArray(3, 1), filledArray(1, 1)))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u.setState(s, ps));
        assertEquals("AdaGrad h: layer 1's state Dense(1→3) does not fit W1[2x3]", e.getMessage());
        Map<String, ParamSet> b2 = Map.of("AdaGrad h", new ParamSet(List.of(
                new DenseParams(2, 3, filledArray(6, 1), filledArray(3, 1)),
                new DenseParams(3, 2, filledArray(6, 1), filledArray(2, 1)))));
        assertEquals("AdaGrad h: layer 2's state Dense(3→2) does not fit W2[3x1]",
                assertThrows(IllegalArgumentException.class, () -> u.setState(b2, ps)).getMessage());
        assertEquals(before, u.state(ps), "nothing changed");
    }
}
