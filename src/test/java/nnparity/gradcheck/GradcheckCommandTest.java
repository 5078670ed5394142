package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import nnparity.cli.Main;

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

    @Test
    void helpListsTheFlags() {
        Run r = run("gradcheck", "--help");
        assertEquals(0, r.code());
        for (String flag : new String[]{"--hidden", "--activation", "--batch", "--steps", "--sample", "--fault"}) {
            assertTrue(r.out().contains(flag), flag);
        }
    }
}
