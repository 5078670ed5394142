package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.text.Fmt;

/**
 * The matrix: every hidden activation × five shapes × batch sizes 1, 4, 32 × at
 * initialization and after 20 SGD steps, each through all three checks, 120 cases. The bounds are
 * the checks' own constants:
 *
 * <ul>
 *   <li>check 1: rel ≤ {@link NumericalCheck#MAX_REL_ERROR} (1e-7) for every parameter compared,
 *       ReLU included; only parameters whose perturbation straddles a ReLU kink are skipped, and
 *       they are counted;</li>
 *   <li>check 2: GradientCheckUtil with its defaults passes (or fails only on kink-straddling
 *       parameters, which it cannot skip itself), and the hand-written gradient passes the same test;</li>
 *   <li>check 3: |Δ| ≤ 1e-12 or rel ≤ 1e-12 for every parameter.</li>
 * </ul>
 *
 * The worst figures per check and activation are printed at the end. Deeper nets, the other
 * activations, losses and penalties are {@link MultilayerGradientCheckTest}'s.
 */
@ExtendWith(OneNd4jThread.class)
class GradientCheckMatrixTest {

    /** The activations: the ones backprop can train. */
    static final Activation[] ACTIVATIONS = {Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.IDENTITY};
    static final int[] BATCHES = {1, 4, 32};
    static final int[] STEPS = {0, 20};
    /** Seeds the three random small shapes. */
    static final long SHAPE_SEED = 2024;

    /** One configuration of the matrix. */
    record Case(NetSpec spec, int batch, int steps) {
        Coverage coverage() {
            return Coverage.defaultFor(spec);
        }

        /** E.g. {@code tanh 2-50-4 batch 4 after 20 steps}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %d-%d-%d batch %d %s", spec.hidden().get(0).activation().id(), spec.nIn(), spec.hidden().get(0).nOut(),
                    spec.nOut(), batch, steps == 0 ? "at initialization" : "after " + steps + " steps");
        }
    }

    /**
     * The tutorial's 2-50-4 and the book's 784-50-10 (both 0.01·N(0,1) weights, as there), and
     * three seeded random small shapes with Xavier weights, whose larger activations exercise the
     * nonlinearities more.
     */
    static List<NetSpec> shapes() {
        List<NetSpec> shapes = new ArrayList<>(List.of(NetSpec.quadrant(), NetSpec.digits()));
        Random rnd = new Random(SHAPE_SEED);
        for (int i = 0; i < 3; i++) {
            shapes.add(NetSpec.quadrant().withSizes(1 + rnd.nextInt(8), 1 + rnd.nextInt(12), 2 + rnd.nextInt(5))
                    .withInit(Init.XAVIER).withSeed(100 + i));
        }
        return shapes;
    }

    static Stream<Case> matrix() {
        List<Case> cases = new ArrayList<>();
        for (NetSpec shape : shapes())
            for (Activation a : ACTIVATIONS)
                for (int batch : BATCHES)
                    for (int steps : STEPS)
                        cases.add(new Case(shape.withActivation(a), batch, steps));
        return cases.stream();
    }

    @AfterAll
    static void printWorst() {
        System.out.println(Worst.table());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void handWrittenGradientPassesAllThreeChecks(Case c) {
        GradientCheckReport r = GradientCheck.run(c.spec(), c.batch(), c.steps(), HandWrittenGradient.production(), c.coverage());
        Worst.record(c, r);

        for (GradientCheckReport.Row row : r.rows()) {
            GroupStats s = row.numerical();
            assertTrue(s.maxRelError() <= NumericalCheck.MAX_REL_ERROR,
                    () -> c + ", " + row.label() + ": check 1 worst rel " + s.maxRelError() + " at "
                            + row.group().element(c.spec(), s.worstIndex()) + " (" + s.worstAnalytic() + " vs " + s.worstReference() + ")");
            int selected = c.coverage().indices(row.group(), c.spec()).length;
            assertEquals(selected, s.checked() + s.skipped(), () -> c + ", " + row.label() + ": every selected parameter is compared or counted as skipped");
            if (c.spec().hidden().get(0).activation() != Activation.RELU) assertEquals(0, s.skipped(), "only ReLU has kinks");
        }
        assertTrue(r.numericalPass(), () -> c + ": check 1");

        assertTrue(r.utilPassed() || r.utilFailures() == r.utilKinkFailures(),
                () -> c + ": GradientCheckUtil failed " + r.utilFailures() + " parameters, only " + r.utilKinkFailures() + " of them at a kink");
        assertTrue(r.dl4jPass(), () -> c + ": check 2 " + r.rows());

        for (GradientCheckReport.Row row : r.rows()) {
            assertEquals(row.group().size(c.spec()), row.crossFramework().checked(), "check 3 compares every parameter");
        }
        assertTrue(r.crossFrameworkPass(), () -> c + ": check 3 " + r.rows());
    }

    /** The worst figures seen, per activation, for the closing note. */
    static final class Worst {
        private static final Map<Activation, double[]> WORST = new EnumMap<>(Activation.class);
        private static final String[] COLUMNS = {"check 1", "check 2 DL4J", "(abs)", "check 2 hand", "(abs)",
                "check 3 rel", "check 3 abs", "kinks 1", "kinks 2"};

        static synchronized void record(Case c, GradientCheckReport r) {
            double[] w = WORST.computeIfAbsent(c.spec().hidden().get(0).activation(), a -> new double[COLUMNS.length]);
            max(w, 0, r, row -> row.numerical().maxRelError());
            max(w, 1, r, row -> row.dl4jBackprop().maxRelError());
            max(w, 2, r, row -> row.dl4jBackprop().maxAbsError());
            max(w, 3, r, row -> row.dl4jHandWritten().maxRelError());
            max(w, 4, r, row -> row.dl4jHandWritten().maxAbsError());
            max(w, 5, r, row -> row.crossFramework().maxRelError());
            max(w, 6, r, row -> row.crossFramework().maxAbsError());
            w[7] += r.kinkSkipped();
            w[8] += r.dl4jKinkSkipped();
        }

        private static void max(double[] w, int i, GradientCheckReport r, Function<GradientCheckReport.Row, Double> f) {
            for (GradientCheckReport.Row row : r.rows()) w[i] = Math.max(w[i], f.apply(row));
        }

        static synchronized String table() {
            StringBuilder sb = new StringBuilder("worst over the matrix:\n");
            sb.append(String.format(Locale.ROOT, "%-9s", "activation"));
            for (String c : COLUMNS) sb.append(String.format(Locale.ROOT, " %12s", c));
            sb.append('\n');
            WORST.forEach((a, w) -> {
                sb.append(String.format(Locale.ROOT, "%-9s", a.id()));
                for (int i = 0; i < w.length; i++) sb.append(String.format(Locale.ROOT, " %12s", i >= 7 ? String.valueOf((int) w[i]) : Fmt.sci(w[i])));
                sb.append('\n');
            });
            return sb.toString();
        }
    }
}
