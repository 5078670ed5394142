package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import nnparity.cli.Main;
import nnparity.scratch.Fault;

/** {@code Compare gradcheck}: its table, and its exit codes 0 (pass), 1 (a check fails), 2 (bad flag). */
@ExtendWith(OneNd4jThread.class)
class GradcheckCommandTest {

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theDefaultSpecPassesWithOneRowPerParameterGroup() {
        Run r = run("gradcheck");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        for (String group : new String[]{"layer 1 W [2x50]", "layer 1 b [50]", "layer 2 W [50x4]", "layer 2 b [4]"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(group) && l.endsWith("PASS")), group + " in\n" + r.out());
        }
        assertTrue(r.out().contains("2→50→4 relu"));
        assertTrue(r.out().contains("DL4J's update / lr (its updater: gradient / N)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("score: hand-written ") && l.contains("(check 1: rel ")
                && l.contains("(check 3: rel ") && !l.contains("!")), r.out());
        assertTrue(r.out().contains("PASS: all three checks hold for every parameter."));
        assertFalse(r.err().contains("layer 1"), "the report is on stdout only");
    }

    @Test
    void anInjectedFaultFailsWithExitCode1() {
        Run r = run("gradcheck", "--fault", "missing-bias-gradient", "--activation", "tanh", "--steps", "3");
        assertEquals(Main.DISAGREE, r.code(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("layer 1 b [50]") && l.endsWith("FAIL 1,2,3")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("layer 1 W [2x50]") && l.endsWith("PASS")), r.out());
        assertTrue(r.out().contains("FAIL: check 1, check 2, check 3"));
    }

    @Test
    void badValuesExitWith2AndNameTheValue() {
        Run batch = run("gradcheck", "--batch", "0");
        assertEquals(Main.USAGE, batch.code());
        assertTrue(batch.err().contains("--batch 0 is invalid"), batch.err());

        Run fault = run("gradcheck", "--fault", "typo");
        assertEquals(Main.USAGE, fault.code());
        assertTrue(fault.err().contains("--fault typo is invalid; it must be one of: ") && fault.err().contains("dropped-1-over-n"), fault.err());

        Run step = run("gradcheck", "--activation", "step");
        assertEquals(Main.USAGE, step.code());
        assertTrue(step.err().contains("--activation step has no gradient to check"), step.err());
        assertFalse(step.err().contains("--epochs"), "gradcheck has no --epochs to suggest: " + step.err());

        Run steps = run("gradcheck", "--steps", "-1");
        assertEquals(Main.USAGE, steps.code());
        assertTrue(steps.err().contains("--steps -1"), steps.err());
    }

    @ParameterizedTest(name = "gradcheck --lr {0} --steps {1}: diverged at step {2}, exit 2")
    @CsvSource({"1000, 20, 5", "1e308, 3, 1"})
    void trainingThatDivergesBeforeTheCheckIsOneLineAndExit2(String lr, String steps, int step) {
        Run r = run("gradcheck", "--lr", lr, "--steps", steps);
        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: training diverged before the check: after step " + step + " "), lines[0]);
        assertTrue(lines[0].contains("use a smaller --lr"), lines[0]);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertFalse(r.out().contains("check 1"), "no check ran: " + r.out());
    }

    @ParameterizedTest(name = "gradcheck {0} → one line naming it")
    @ValueSource(strings = {"--steps x", "--sample 0", "--batch 1e3", "--lr 0.5f", "--hidden 2147483648"})
    void parserErrorsAreOneLineNamingFlagAndValue(String args) {
        String[] a = ("gradcheck " + args).split(" ");
        Run r = run(a);
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("error: " + args + " is invalid; it must be "), r.err());
    }

    /** check 1's and check 2's parameter counts, read off their lines. */
    private static int[] covered(String out) {
        java.util.regex.Matcher m1 = java.util.regex.Pattern.compile("(?m)^check 1 .*; (\\d+) of 354 parameters perturbed").matcher(out);
        java.util.regex.Matcher m2 = java.util.regex.Pattern.compile("(?m)^check 2 .*GradientCheckUtil on (\\d+) parameters").matcher(out);
        assertTrue(m1.find() && m2.find(), out);
        return new int[]{Integer.parseInt(m1.group(1)), Integer.parseInt(m2.group(1))};
    }

    @Test
    void aLargerSampleNeverChecksFewerParametersAndThePassLineSaysWhatWasChecked() {
        int[] previous = {0, 0};
        for (int n : new int[]{50, 101, 1000}) {
            Run r = run("gradcheck", "--sample", Integer.toString(n));
            assertEquals(Main.AGREE, r.code(), r.out() + r.err());
            int[] c = covered(r.out());
            assertTrue(c[0] >= previous[0] && c[1] >= previous[1], "--sample " + n + ": " + c[0] + ", " + c[1]);
            previous = c;
            String pass = r.out().lines().filter(l -> l.startsWith("PASS")).findFirst().orElseThrow();
            if (c[0] == 354 && c[1] == 354) {
                assertEquals("PASS: all three checks hold for every parameter.", pass);
            } else {
                assertEquals("PASS: all three checks hold for every parameter they checked: check 1 on " + c[0]
                        + " of 354, check 2 on " + c[1] + " of 354, check 3 on all 354.", pass);
            }
        }
        assertEquals(354, previous[0], "a sample larger than every group checks everything");
        assertEquals(354, previous[1], "DL4J's util too (it checked 155 here before)");
    }

    @Test
    void anyDepthGetsOneRowPerLayersWeightsAndBias() {
        Run r = run("gradcheck", "--hidden", "8,6", "--activation", "tanh,elu", "--init", "xavier", "--steps", "5");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        for (String group : new String[]{"layer 1 W [2x8]", "layer 1 b [8]", "layer 2 W [8x6]", "layer 2 b [6]", "layer 3 W [6x4]", "layer 3 b [4]"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(group) && l.endsWith("PASS")), group + " in\n" + r.out());
        }
        assertTrue(r.out().contains("2→8→6→4 tanh,elu"), r.out());
        assertTrue(r.out().contains("PASS: all three checks hold for every parameter."), r.out());
    }

    @Test
    void aRegularizedRegressionNetWithoutMiniBatchComparesTheScoreWithItsPenalties() {
        Run r = run("gradcheck", "--hidden", "6", "--activation", "softsign", "--loss", "mse", "--l1", "1e-4", "--l2", "1e-3",
                "--weight-decay", "5e-4", "--l2-bias", "1e-3", "--no-minibatch", "--batch", "8", "--steps", "10");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("central differences of the loss + penalties"), r.out());
        assertTrue(r.out().contains("the score with its penalties"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("score: hand-written ")), r.out());
        assertTrue(r.out().contains("miniBatch off"), r.out());
        assertTrue(r.out().contains("DL4J's update / lr (its updater: gradient, miniBatch off, then the penalties)"), r.out());
    }

    @Test
    void xentNeedsMultiLabelOnTheQuadrantTaskAndThenPasses() {
        assertEquals(Main.USAGE, run("gradcheck", "--loss", "xent").code());
        Run r = run("gradcheck", "--loss", "xent", "--multi-label", "--activation", "swish", "--steps", "5");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("sigmoid+XENT"), r.out());
    }

    @ParameterizedTest(name = "gradcheck --fault {0} {1}: checks {2} fail")
    @CsvSource(delimiter = '|', value = {
            "l2-after-updater            | --l2 1e-3                              | 1, check 2, check 3",
            "reg-term-missing-from-score | --l2 1e-3                              | 1, check 3",
            "leakyrelu-alpha-wrong       | --activation leakyrelu                 | 1, check 2, check 3",
            "mse-not-column-averaged     | --loss mse --activation tanh           | 1, check 2, check 3"})
    void theMultilayerFaultsFailChecks1And3(String fault, String flags, String failing) {
        List<String> args = new ArrayList<>(List.of("gradcheck", "--fault", fault, "--steps", "10"));
        args.addAll(List.of(flags.split(" ")));
        Run r = run(args.toArray(String[]::new));
        assertEquals(Main.DISAGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL: check " + failing + " (see the rows above; exit code 1)."), r.out());
    }

    @Test
    void aScoreOnlyFaultIsNamedOnTheCheckLines() {
        Run r = run("gradcheck", "--fault", "reg-term-missing-from-score", "--weight-decay", "1e-3");
        assertEquals(Main.DISAGREE, r.code(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("check 1  FAIL") && l.endsWith("; the score FAILS")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("check 3  FAIL") && l.endsWith("; the score FAILS")), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("layer ")).allMatch(l -> l.endsWith("PASS")), "every gradient is right: " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("score: ") && l.contains("(check 1: rel") && l.contains(" !)")), r.out());
    }

    @ParameterizedTest(name = "gradcheck --fault {0} on the tutorial's net: exit 2")
    @CsvSource(delimiter = '|', value = {
            "l2-after-updater            | the net has no l2 (add e.g. --l2 1e-3)",
            "reg-term-missing-from-score | the net has none (add e.g. --l2 1e-3)",
            "leakyrelu-alpha-wrong       | no layer is leakyrelu (add --activation leakyrelu)",
            "mse-not-column-averaged     | the loss is mcxent (add --loss mse)"})
    void aFaultThatCannotActOnTheNetIsAUsageError(String fault, String reason) {
        Run r = run("gradcheck", "--fault", fault);
        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--fault " + fault + " changes nothing in this net: "), r.err());
        assertTrue(r.err().contains(reason), r.err());
        assertFalse(r.out().contains("check 1"), "no check ran");
        // an l1 penalty is a penalty, but not an l2
        assertEquals(fault.equals("reg-term-missing-from-score") ? Main.DISAGREE : Main.USAGE, run("gradcheck", "--fault", fault, "--l1", "1e-3").code());
    }

    @Test
    void helpListsTheFlags() {
        Run r = run("gradcheck", "--help");
        assertEquals(0, r.code());
        for (String flag : new String[]{"--hidden", "--activation", "--batch", "--steps", "--sample", "--fault", "--loss", "--l1", "--l2",
                "--weight-decay", "--no-minibatch", "--multi-label"}) {
            assertTrue(r.out().contains(flag), flag);
        }
        for (Fault f : Fault.values()) {
            if (f != Fault.NONE) assertTrue(r.out().replaceAll("\\s+", " ").contains(f.id()), "--fault lists " + f.id());
        }
    }
}
