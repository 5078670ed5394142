package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;
import nnparity.text.Fmt;

/**
 * The three checks beyond the tutorial's net: 1 to 4 hidden layers, every trainable hidden
 * activation, the five losses, penalties on and off, miniBatch on and off. The full product
 * (4 × 13 × 5 × 6 × 2 × …) is thousands of nets; this is a covering sample of {@value #CASES}:
 *
 * <ul>
 *   <li>case i has {@code 1 + i mod 4} hidden layers, and layer k the activation
 *       {@code HIDDEN[(i + 5k) mod 13]}: as 13 and 4 are coprime, every activation is the first
 *       hidden layer of a net of every depth exactly once, and the deeper layers mix them;</li>
 *   <li>the loss is {@code LOSSES[i mod 5]} (MSE and L1 alternate identity, tanh and softsign outputs),
 *       the penalty {@code PENALTIES[i mod 6]}, miniBatch off when {@code i mod 7 = 3};</li>
 *   <li>widths 2–6 and 1–4 inputs drawn from the case's seed, Xavier weights (larger
 *       pre-activations than the tutorial's 0.01, so the nonlinearities and kinks are exercised),
 *       batches of 1, 5 and 16, at initialization and after 20 SGD steps.</li>
 * </ul>
 *
 * Each case must pass all three checks with their usual bounds (every parameter compared, or
 * skipped and counted at a kink, and only where the net has one), and the scores must agree.
 */
@ExtendWith(OneNd4jThread.class)
class MultilayerGradientCheckTest {
    static final int CASES = 52;
    static final Activation[] HIDDEN = Stream.of(Activation.values()).filter(a -> a.elementWise() && a.trainableByBackprop())
            .toArray(Activation[]::new);
    static final Loss[] LOSSES = Loss.values();
    static final Activation[] REGRESSION_OUTPUTS = {Activation.IDENTITY, Activation.TANH, Activation.SOFTSIGN};
    static final Regularization[] PENALTIES = {
            Regularization.NONE,
            Regularization.NONE.withL2(1e-3),
            Regularization.NONE.withL1(1e-3).withL2Bias(1e-3),
            Regularization.NONE.withWeightDecay(5e-4),
            Regularization.NONE.withWeightDecay(5e-4).withWeightDecayTimesLr(false).withL1Bias(5e-4),
            new Regularization(1e-3, 1e-3, 0, 0, 1e-3, 1e-3, true)};
    static final int[] BATCHES = {1, 5, 16};

    record Case(int index, NetSpec spec, int batch, int steps) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%d %s batch %d %s", index, GradientCheckReport.shape(spec), batch,
                    steps == 0 ? "at initialization" : "after " + steps + " steps");
        }
    }

    static Case build(int i) {
        Random rnd = new Random(300 + i);
        int depth = 1 + i % 4;
        List<LayerSpec> hidden = new ArrayList<>();
        for (int k = 0; k < depth; k++) hidden.add(new LayerSpec(2 + rnd.nextInt(5), HIDDEN[(i + 5 * k) % HIDDEN.length]));
        Loss loss = LOSSES[i % LOSSES.length];
        Activation out = loss == Loss.MSE || loss == Loss.L1 ? REGRESSION_OUTPUTS[(i / LOSSES.length) % REGRESSION_OUTPUTS.length]
                : loss.defaultActivation();
        NetSpec spec = new NetSpec(1 + rnd.nextInt(4), hidden, new LayerSpec(2 + rnd.nextInt(3), out), loss, loss.defaultClipEps(),
                0.1, Init.XAVIER, 300 + i, i % 7 != 3).withRegularization(PENALTIES[i % PENALTIES.length]);
        return new Case(i, spec, BATCHES[i % BATCHES.length], i % 2 == 0 ? 20 : 0);
    }

    static Stream<Case> sample() {
        return IntStream.range(0, CASES).mapToObj(MultilayerGradientCheckTest::build);
    }

    @Test
    void theSampleCoversEveryActivationAtEveryDepthEveryLossAndPenalty() {
        List<Case> cases = sample().toList();
        for (Activation a : HIDDEN) {
            for (int depth = 1; depth <= 4; depth++) {
                int d = depth;
                assertTrue(cases.stream().anyMatch(c -> c.spec().hidden().size() == d && c.spec().hidden().get(0).activation() == a),
                        a + " first in a net of " + d + " hidden layers");
            }
        }
        for (Loss l : LOSSES) {
            for (int depth = 1; depth <= 4; depth++) {
                int d = depth;
                assertTrue(cases.stream().anyMatch(c -> c.spec().loss() == l && c.spec().hidden().size() == d), l + " at depth " + d);
            }
            assertTrue(cases.stream().anyMatch(c -> c.spec().loss() == l && c.spec().regularized()), l + " with a penalty");
            assertTrue(cases.stream().anyMatch(c -> c.spec().loss() == l && !c.spec().regularized()), l + " without");
        }
        assertTrue(cases.stream().anyMatch(c -> !c.spec().miniBatch() && c.spec().regularized()));
        assertTrue(cases.stream().anyMatch(c -> !c.spec().miniBatch() && !c.spec().regularized()));
    }

    @AfterAll
    static void printWorst() {
        System.out.println(Worst.table());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void everyCheckPasses(Case c) {
        GradientCheckReport r = GradientCheck.run(c.spec(), c.batch(), c.steps(), HandWrittenGradient.production(), Coverage.all());
        Worst.record(c, r);
        boolean kinks = Kinks.possible(c.spec());
        for (GradientCheckReport.Row row : r.rows()) {
            GroupStats s = row.numerical();
            assertEquals(row.group().size(c.spec()), s.checked() + s.skipped(), () -> c + ", " + row.label() + ": every parameter compared or skipped");
            if (!kinks) assertEquals(0, s.skipped() + row.dl4jBackprop().skipped(), () -> c + ": a net without kinks skips nothing");
            assertTrue(s.pass(), () -> c + ", " + row.label() + ": check 1 worst rel " + s.maxRelError() + " at "
                    + row.group().element(c.spec(), s.worstIndex()) + " (" + s.worstAnalytic() + " vs " + s.worstReference() + ")");
            assertEquals(row.group().size(c.spec()), row.crossFramework().checked(), "check 3 compares every parameter");
        }
        assertTrue(r.referenceScore().pass(), () -> c + ": check 1's score " + r.referenceScore());
        assertTrue(r.numericalPass(), () -> c + ": check 1");
        assertTrue(r.utilPassed() || r.utilFailures() == r.utilKinkFailures(),
                () -> c + ": GradientCheckUtil failed " + r.utilFailures() + " parameters, only " + r.utilKinkFailures() + " of them at a kink");
        assertTrue(r.dl4jPass(), () -> c + ": check 2 " + r.rows());
        assertTrue(r.dl4jScore().pass(), () -> c + ": check 3's score " + r.dl4jScore());
        assertTrue(r.crossFrameworkPass(), () -> c + ": check 3 " + r.rows());
    }

    /** The worst figures seen, per loss, for the closing note. */
    static final class Worst {
        private static final Map<String, double[]> WORST = new TreeMap<>();
        private static final String[] COLUMNS = {"check 1", "check 2 hand", "check 3 rel", "check 3 abs", "score 1", "score 3", "kinks 1", "kinks 2"};

        static synchronized void record(Case c, GradientCheckReport r) {
            double[] w = WORST.computeIfAbsent(c.spec().loss().id() + (c.spec().regularized() ? "+penalty" : ""), k -> new double[COLUMNS.length]);
            max(w, 0, r, row -> row.numerical().maxRelError());
            max(w, 1, r, row -> row.dl4jHandWritten().maxRelError());
            max(w, 2, r, row -> row.crossFramework().maxRelError());
            max(w, 3, r, row -> row.crossFramework().maxAbsError());
            w[4] = Math.max(w[4], r.referenceScore().relError());
            w[5] = Math.max(w[5], r.dl4jScore().relError());
            w[6] += r.kinkSkipped();
            w[7] += r.dl4jKinkSkipped();
        }

        private static void max(double[] w, int i, GradientCheckReport r, Function<GradientCheckReport.Row, Double> f) {
            for (GradientCheckReport.Row row : r.rows()) w[i] = Math.max(w[i], f.apply(row));
        }

        static synchronized String table() {
            StringBuilder sb = new StringBuilder("worst over the multilayer sample:\n").append(String.format(Locale.ROOT, "%-14s", "loss"));
            for (String c : COLUMNS) sb.append(String.format(Locale.ROOT, " %12s", c));
            sb.append('\n');
            WORST.forEach((l, w) -> {
                sb.append(String.format(Locale.ROOT, "%-14s", l));
                for (int i = 0; i < w.length; i++) sb.append(String.format(Locale.ROOT, " %12s", i >= 6 ? String.valueOf((int) w[i]) : Fmt.sci(w[i])));
                sb.append('\n');
            });
            return sb.toString();
        }
    }
}
