package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every updater rule against a numpy peer: three updates on the gradients G below, each update and
 * the final state compared element by element. The literals are printed by
 * {@code updater_literals.py} (next to this file), which writes each of DL4J's formulas afresh in
 * numpy; its rows also agree, to every digit printed, with DL4J 1.0.0-M2.1's own
 * {@code GradientUpdater.applyUpdater} run on the same inputs.
 */
class UpdaterRulesTest {
    /**
     * The peer computes the same few operations per element; numpy's pow, sqrt and Java's may
     * differ by an ulp or two, which a division then carries: 1e-15 relative to max(1, |x|)
     * leaves room for about 5 ulps.
     */
    static final double FEW_ULPS = 1e-15;

    /** The three gradients: a 0 (nothing to add), a sign change, a tiny value. */
    static final double[][] G = {{0.5, -1.5, 0.0}, {0.25, 2.0, -0.125}, {-0.75, 0.5, 1e-3}};

    record Case(GradientUpdater rule, double lr, double[][] updates, Map<String, double[]> state) {
        @Override public String toString() { return rule.toString(); }
    }

    private static Map<String, double[]> state(Object... kv) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (double[]) kv[i + 1]);
        return m;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(new Sgd(0.1), 0.1, new double[][]{{0.05, -0.15000000000000002, 0.0}, {0.025, 0.2, -0.0125}, {-0.07500000000000001, 0.05, 0.0001}}, state()),
                new Case(new Nesterovs(0.9), 0.1, new double[][]{{0.095, -0.28500000000000003, 0.0}, {0.088, 0.25849999999999995, -0.02375},
                        {-0.08580000000000002, 0.14765, -0.009935000000000001}},
                        state("v", new double[]{0.011999999999999997, -0.10849999999999999, 0.011150000000000002})),
                new Case(new Adam(0.9, 0.999, 1e-8), 0.01, new double[][]{{0.009999993675448678, -0.009999997891815337, 0.0},
                        {0.009321791112802107, 0.0019351038465474312, -0.007441349410379419}, {-0.0008197677012868581, 0.002720390385981265, -0.0057008715169199545}},
                        state("m", new double[]{-0.011999999999999997, 0.10849999999999996, -0.011149999999999998},
                                "v", new double[]{0.0008744377500000007, 0.006491502250000006, 1.5610375000000014e-05})),
                new Case(new AdaMax(0.9, 0.999, 1e-8), 0.01, new double[][]{{0.01, -0.01, 0.0},
                        {0.007375796849481061, 0.0017105263157894735, -0.005263157894736843}, {-0.0005904059040590406, 0.002003848867317502, -0.0032948077228520042}},
                        state("m", new double[]{-0.011999999999999997, 0.10849999999999996, -0.011149999999999998}, "u", new double[]{0.75, 1.998, 0.124875})),
                new Case(new Nadam(0.9, 0.999, 1e-8), 0.01, new double[][]{{0.6008323754322321, -0.6008326287653518, 0.0},
                        {0.26210638576425077, 0.17212544257594986, -0.3162269660188617}, {-0.10706644951639552, 0.06762254328248964, -0.09278778625010331}},
                        state("m", new double[]{-0.011999999999999997, 0.10849999999999996, -0.011149999999999998},
                                "v", new double[]{0.0008744377500000007, 0.006491502250000006, 1.5610375000000014e-05})),
                new Case(new AmsGrad(0.9, 0.999, 1e-8), 0.01, new double[][]{{0.009999993675448678, -0.009999997891815337, 0.0},
                        {0.009321791112802107, 0.0019351038465474312, -0.007441349410379419}, {-0.0008197677012868581, 0.002720390385981265, -0.005698202891194994}},
                        state("m", new double[]{-0.011999999999999997, 0.10849999999999996, -0.011149999999999998},
                                "v", new double[]{0.0008744377500000007, 0.006491502250000006, 1.5610375000000014e-05},
                                "vHat", new double[]{0.0008744377500000007, 0.006491502250000006, 1.5625000000000014e-05})),
                new Case(new AdaGrad(1e-6), 0.1, new double[][]{{0.0999996000018, -0.09999991111119261, 0.0},
                        {0.04472120799639135, 0.07999996160001868, -0.09999600021118786}, {-0.08017824104345758, 0.01961160431292943, 0.0007999424057849607}},
                        state("h", new double[]{0.8750009999999999, 6.500001, 0.015627000000000002})),
                new Case(new RmsProp(0.95, 1e-8), 0.1, new double[][]{{0.4472133855589223, -0.44721356328427536, 0.0},
                        {0.20412406715795686, 0.3610349340990031, -0.4472108524185155}, {-0.364339571110352, 0.09067986769398195, 0.00367050555854972}},
                        state("h", new double[]{0.04237500857375004, 0.30403125857375024, 0.0007422460737500007})),
                new Case(new AdaDelta(0.95, 1e-6), Double.NaN, new double[][]{{0.0044719570802937885, -0.004472116078972284, 0.0},
                        {0.002886597396652762, 0.005105785505043347, -0.0044692765327411284}, {-0.00560478270743556, 0.0016356178240081538, 5.1857592413492036e-05}},
                        state("msg", new double[]{0.04237500000000004, 0.30403125000000025, 0.0007422375000000007},
                                "msdx", new double[]{2.868898380846193e-06, 2.274533928276506e-06, 9.489200149847987e-07})),
                new Case(new NoOp(), Double.NaN, new double[][]{{0.5, -1.5, 0.0}, {0.25, 2.0, -0.125}, {-0.75, 0.5, 0.001}}, state()));
    }

    /** Runs {@code rule} on G from its initial state; returns the three updates and leaves the final state in {@code s}. */
    static double[][] run(GradientUpdater rule, double lr, double[][] s) {
        double[][] out = new double[G.length][];
        for (int t = 0; t < G.length; t++) {
            double[] u = G[t].clone();
            rule.apply(u, s, lr, t);
            out[t] = u;
        }
        return out;
    }

    static double[][] initial(GradientUpdater rule, int n) {
        double[][] s = new double[rule.stateNames().size()][n];
        for (int k = 0; k < s.length; k++) java.util.Arrays.fill(s[k], rule.initialState(k));
        return s;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], actual[i], FEW_ULPS * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void threeUpdatesAndTheFinalStateMatchTheNumpyPeer(Case c) {
        double[][] s = initial(c.rule(), 3);
        double[][] u = run(c.rule(), c.lr(), s);
        for (int t = 0; t < 3; t++) assertClose(c.updates()[t], u[t], "update " + (t + 1));
        assertEquals(new ArrayList<>(c.state().keySet()), c.rule().stateNames(), "state variables in DL4J's view order");
        int k = 0;
        for (Map.Entry<String, double[]> e : c.state().entrySet()) assertClose(e.getValue(), s[k++], e.getKey());
    }

    @Test
    void rmsPropStartsFromEpsilonAdaGradFromOneInAMillionWhateverItsEpsilonTheOthersFromZero() {
        assertEquals(1e-6, new AdaGrad(1e-6).initialState(0));
        assertEquals(1e-6, new AdaGrad(1e-4).initialState(0), "DL4J's AdaGradUpdater fills its state with its own fixed 1e-6");
        assertEquals(1e-4, new RmsProp(0.95, 1e-4).initialState(0));
        assertEquals(1e-8, new RmsProp(0.95, 1e-8).initialState(0));
        for (GradientUpdater r : List.of(new Nesterovs(0.9), new Adam(0.9, 0.999, 1e-8), new AdaMax(0.9, 0.999, 1e-8), new Nadam(0.9, 0.999, 1e-8),
                new AmsGrad(0.9, 0.999, 1e-8), new AdaDelta(0.95, 1e-6)))
            for (int k = 0; k < r.stateNames().size(); k++) assertEquals(0, r.initialState(k), r + " " + r.stateNames().get(k));
    }

    @Test
    void onlyAdaDeltaAndNoOpHaveNoLearningRate() {
        assertEquals(false, new AdaDelta(0.95, 1e-6).hasLearningRate());
        assertEquals(false, new NoOp().hasLearningRate());
        assertEquals(true, new Adam(0.9, 0.999, 1e-8).hasLearningRate());
        assertEquals(true, new Sgd(0.1).hasLearningRate());
    }

    // ------------------------------------------------------------- the three injected updater faults, first update, g = 0.5

    /**
     * Hand-derived first updates of g = 0.5 (θ-independent):
     * Adam without bias correction, lr 0.01: m = 0.05, v = 0.00025, u = 0.01·0.05/(√0.00025 + 1e-8) = 0.0316227566… instead of 0.0099999937 (×√0.001/0.1);
     * RMSProp ε inside, lr 0.1, ρ 0.95, ε 1e-2 (large, to show it): h = 0.95·0.01 + 0.05·0.25 = 0.022,
     * u = 0.05/√0.032 = 0.2795084971874737 vs 0.05/(√0.022 + 0.01) = 0.3183539…;
     * Nesterov as momentum, lr 0.1, μ 0.9: v' = −0.05, u = 0.05 instead of (1 + μ)·0.05 = 0.095.
     */
    @Test
    void eachUpdaterFaultChangesTheFirstUpdateAsStated() {
        assertEquals(0.031622756601696445, first(new Adam(0.9, 0.999, 1e-8, Fault.ADAM_NO_BIAS_CORRECTION), 0.01), FEW_ULPS);
        assertEquals(0.009999993675448678, first(new Adam(0.9, 0.999, 1e-8), 0.01), FEW_ULPS);
        assertEquals(0.2795084971874737, first(new RmsProp(0.95, 1e-2, Fault.RMSPROP_EPS_INSIDE_SQRT), 0.1), FEW_ULPS);
        assertEquals(0.05 / (Math.sqrt(0.022) + 0.01), first(new RmsProp(0.95, 1e-2), 0.1), FEW_ULPS);
        assertEquals(0.05, first(new Nesterovs(0.9, Fault.NESTEROV_AS_MOMENTUM), 0.1), FEW_ULPS);
        assertEquals(0.095, first(new Nesterovs(0.9), 0.1), FEW_ULPS);
    }

    private static double first(GradientUpdater r, double lr) {
        double[] g = {0.5};
        r.apply(g, initial(r, 1), lr, 0);
        return g[0];
    }

    @Test
    void aFaultOfAnotherKindChangesNoRule() {
        for (Fault f : Fault.values()) {
            if (f == Fault.ADAM_NO_BIAS_CORRECTION) continue;
            assertEquals(0.009999993675448678, first(new Adam(0.9, 0.999, 1e-8, f), 0.01), FEW_ULPS, f.id());
        }
    }

    // ------------------------------------------------------------- configuration

    @Test
    void rulesDescribeThemselvesWithTheirSettings() {
        assertEquals("Adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8)", new Adam(0.9, 0.999, 1e-8).toString());
        assertEquals("Nesterovs(momentum=0.9)", new Nesterovs(0.9).toString());
        assertEquals("RmsProp(rmsDecay=0.95, epsilon=1.0E-8)", new RmsProp(0.95, 1e-8).toString());
        assertEquals("AdaDelta(rho=0.95, epsilon=1.0E-6)", new AdaDelta(0.95, 1e-6).toString());
        assertEquals("NoOp()", new NoOp().toString());
        assertEquals("AdaMax(beta1=0.9, beta2=0.999, epsilon=1.0E-8)", new AdaMax(0.9, 0.999, 1e-8).toString());
        assertEquals("Nadam(beta1=0.8, beta2=0.99, epsilon=1.0E-7)", new Nadam(0.8, 0.99, 1e-7).toString());
        assertEquals("AMSGrad(beta1=0.9, beta2=0.999, epsilon=1.0E-8)", new AmsGrad(0.9, 0.999, 1e-8).toString());
        assertEquals("AdaGrad(epsilon=1.0E-6)", new AdaGrad(1e-6).toString());
    }

    /** The decays' range is [0, 1): 0 is allowed. Nesterovs with μ = 0 is plain SGD, u = lr·g = 0.1·0.5. */
    @Test
    void aDecayOfZeroIsAllowed() {
        assertEquals(0.05, first(new Nesterovs(0), 0.1), FEW_ULPS);
        assertEquals("Adam(beta1=0.0, beta2=0.0, epsilon=1.0E-8)", new Adam(0, 0, 1e-8).toString());
    }

    /**
     * DL4J adds 1e-32 to AdaMax's u so that it is never 0: with g = [1e-33, 0] (below that guard)
     * the first update, lr 0.01, is [1e-34·0.1/1.1e-32, 0] = [0.000909…, 0], the step still goes
     * the gradient's way, and u is [1.1e-32, 1e-32] (numpy peer, {@code updater_literals.py}).
     */
    @Test
    void adaMaxAddsItsGuardToUSoAGradientBelowItStillStepsItsWay() {
        AdaMax r = new AdaMax(0.9, 0.999, 1e-8);
        double[] g = {1e-33, 0};
        double[][] s = initial(r, 2);
        r.apply(g, s, 0.01, 0);
        assertClose(new double[]{0.0009090909090909092, 0.0}, g, "update");
        assertEquals(1.1e-32, s[1][0], FEW_ULPS * 1.1e-32, "u");
        assertEquals(AdaMax.U_GUARD, s[1][1], FEW_ULPS * 1e-32, "u of a zero gradient");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of((Runnable) () -> new Nesterovs(1.0), "momentum 1.0 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new Adam(-0.1, 0.999, 1e-8), "beta1 -0.1 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new AdaMax(0.9, Double.NaN, 1e-8), "beta2 NaN is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new Nadam(0.9, 0.999, 0), "epsilon 0.0 is invalid; it must be a finite number > 0"),
                Arguments.of((Runnable) () -> new AmsGrad(0.9, 0.999, Double.POSITIVE_INFINITY), "epsilon Infinity is invalid; it must be a finite number > 0"),
                Arguments.of((Runnable) () -> new AdaGrad(-1e-6), "epsilon -1.0E-6 is invalid; it must be a finite number > 0"),
                Arguments.of((Runnable) () -> new RmsProp(1.5, 1e-8), "rmsDecay 1.5 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new AdaDelta(0.95, 0), "epsilon 0.0 is invalid; it must be a finite number > 0"),
                Arguments.of((Runnable) () -> new AdaDelta(1.0, 1e-6), "rho 1.0 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new AdaMax(1.0, 0.999, 1e-8), "beta1 1.0 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new AdaMax(0.9, 0.999, -1), "epsilon -1.0 is invalid; it must be a finite number > 0"),
                Arguments.of((Runnable) () -> new Adam(0.9, 1.0, 1e-8), "beta2 1.0 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new Adam(0.9, 0.999, Double.NaN), "epsilon NaN is invalid; it must be a finite number > 0"),
                Arguments.of((Runnable) () -> new AmsGrad(-0.5, 0.999, 1e-8), "beta1 -0.5 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new AmsGrad(0.9, 2, 1e-8), "beta2 2.0 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new Nadam(1.0, 0.999, 1e-8), "beta1 1.0 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new Nadam(0.9, -0.001, 1e-8), "beta2 -0.001 is invalid; it must be in [0, 1)"),
                Arguments.of((Runnable) () -> new RmsProp(0.95, 0), "epsilon 0.0 is invalid; it must be a finite number > 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSettings")
    void aBadSettingIsRefusedNamingItAndTheValidRange(Runnable build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }
}
