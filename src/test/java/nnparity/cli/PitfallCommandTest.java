package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Compare --pitfall NAME|list} end to end, in-process: the output, the localisation and the exit codes. */
class PitfallCommandTest {

    @Test
    void listNamesEveryPitfallWithOneLineEachAndExitsZero() {
        CliRun r = CliRun.of("--pitfall", "list");
        String[] lines = r.out().strip().split("\n");
        assertAll(
                () -> assertEquals(0, r.code()),
                () -> assertEquals("", r.err()),
                () -> assertEquals(10, lines.length, r.out()),
                () -> assertEquals("pitfalls (Compare --pitfall NAME builds one into the DL4J side and shows where it first differs):", lines[0]),
                () -> assertEquals("  float              FLOAT instead of DOUBLE: .dataType(...) left out of the builder", lines[1]),
                () -> assertEquals("  row-major          a row-major copy into params(): W is column-major there", lines[6]),
                () -> assertEquals("  l2-weight-decay    weightDecay(x) where l2(x) was meant (and the other way): not the same with Adam & co.", lines[9]));
        List<String> ids = List.of("float", "sigmoid-default", "xavier-default", "sgd-default", "gradient-as-mean", "row-major",
                "minibatch-false", "dropout-keep-prob", "l2-weight-decay");
        for (int i = 0; i < ids.size(); i++) assertTrue(lines[i + 1].startsWith("  " + ids.get(i) + " "), lines[i + 1]);
    }

    @Test
    void anUnknownNameIsOneLineNamingItAndTheValidOnesWithExitTwo() {
        CliRun r = CliRun.of("--pitfall", "double");
        assertAll(
                () -> assertEquals(2, r.code()),
                () -> assertEquals(1, r.errLines().length, r.err()),
                () -> assertEquals("error: --pitfall double is invalid; it must be one of: list | float | sigmoid-default | xavier-default"
                        + " | sgd-default | gradient-as-mean | row-major | minibatch-false | dropout-keep-prob | l2-weight-decay", r.errLines()[0]),
                () -> assertEquals("", r.out()));
    }

    /** Two steps on the tutorial's 4 points: each pitfall shows at its first step where it can, and the run exits 1. */
    @ParameterizedTest(name = "--pitfall {0} → first at {1}")
    @CsvSource(delimiter = '|', value = {
            "float                                        | step 0, initial parameters, W1[0,0]",
            "sigmoid-default                              | step 1, forward pass (loss), loss",
            "xavier-default                               | step 0, initial parameters, W1[0,0]",
            "sgd-default                                  | step 1, update (parameters), W1[0,0]",
            "gradient-as-mean                             | step 1, backward pass (gradient), W1[0,0]",
            "row-major                                    | step 0, initial parameters, W1[0,1]",
            "minibatch-false                              | step 1, forward pass (loss), loss",
            "dropout-keep-prob --keep-prob 0.8            | step 1, forward pass (loss), loss",
            "l2-weight-decay --l2 0.01 --updater adam     | step 1, update (parameters), W1[0,0]",
    })
    void eachPitfallDisagreesWhereItFirstShowsAndExplainsItself(String flags, String where) {
        String[] f = flags.trim().split("\\s+");
        String id = f[0];
        String[] args = new String[f.length + 3];
        args[0] = "--pitfall";
        System.arraycopy(f, 0, args, 1, f.length);
        args[f.length + 1] = "--epochs";
        args[f.length + 2] = "2";
        CliRun r = CliRun.of(args);
        String paragraph = r.out().substring(r.out().indexOf("\npitfall " + id + ",") + 1, r.out().indexOf("\ntime: "));
        String flat = paragraph.replace('\n', ' ');
        assertAll(
                () -> assertEquals(1, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("\n  pitfall       " + id + ": "), r.out()),
                () -> assertTrue(r.out().contains("\nDISAGREE: first at " + where + ": "), r.out()),
                () -> assertTrue(flat.startsWith("pitfall " + id + ", first seen at " + where.replaceFirst(", ", " (") + "). What went wrong: "), paragraph),
                () -> assertTrue(flat.contains(" Why: "), paragraph),
                () -> assertTrue(flat.contains(" Fix: "), paragraph),
                () -> assertTrue(paragraph.lines().allMatch(l -> l.length() <= PitfallRun.WIDTH), paragraph));
    }

    @Test
    void aPitfallShowsOnTheXorTaskToo() {
        CliRun r = CliRun.of("--task", "xor", "--pitfall", "minibatch-false", "--epochs", "1");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("\nDISAGREE: first at step 1, forward pass (loss), loss: "), r.out());
        assertTrue(r.out().replace('\n', ' ').contains("(here N = 50 times the mean)"), r.out());
    }

    @Test
    void aRunWithoutStepsDoesNotShowAGradientPitfallAndSaysSo() {
        CliRun r = CliRun.of("--pitfall", "gradient-as-mean", "--epochs", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\npitfall gradient-as-mean did not show in this run. What went wrong: "), r.out());
    }

    @ParameterizedTest(name = "{0} → exit 2, one line")
    @CsvSource(delimiter = '|', value = {
            "--pitfall dropout-keep-prob                   | error: --pitfall dropout-keep-prob cannot show in this run: it needs dropout; add --keep-prob 0.8 (keep 80%, i.e. the book's dropout_ratio 0.2)",
            "--pitfall dropout-keep-prob --keep-prob 0.5   | error: --pitfall dropout-keep-prob cannot show in this run: a keep probability of 0.5 reads the same either way; use another --keep-prob, e.g. 0.8",
            "--pitfall l2-weight-decay                     | error: --pitfall l2-weight-decay cannot show in this run: it needs l2 or weight decay and an updater that rescales the gradient; add e.g. --l2 0.01 --updater adam",
            "--pitfall l2-weight-decay --weight-decay 0.01 | error: --pitfall l2-weight-decay cannot show in this run: with sgd l2 and weight decay take the same step; add an updater that rescales the gradient, e.g. --updater adam",
            "--pitfall sigmoid-default --activation sigmoid | error: --pitfall sigmoid-default cannot show in this run: the hidden activation is sigmoid already, the default it would fall back to; use --activation relu (the default) or another",
            "--pitfall xavier-default --init dl4j          | error: --pitfall xavier-default cannot show in this run: with --init dl4j both sides already start from DL4J's own draw; use another --init (or none)",
            "--pitfall sgd-default --lr 0.001              | error: --pitfall sgd-default cannot show in this run: the learning rate is 0.001 already, the default's; use another --lr (or none: 0.1)",
            "--pitfall sgd-default --updater adam          | error: --pitfall sgd-default cannot show in this run: it swaps the updater for DL4J's default Sgd, and adam keeps a state Sgd has not; run it with --updater sgd (the default)",
            "--pitfall minibatch-false --batch 1           | error: --pitfall minibatch-false cannot show in this run: with batches of 1 the sum is the mean; use --batch 2 or more",
            "--pitfall minibatch-false --no-minibatch      | error: --pitfall minibatch-false cannot show in this run: the run has --no-minibatch already, on both sides; drop it",
            "--pitfall gradient-as-mean --batch 1          | error: --pitfall gradient-as-mean cannot show in this run: with batches of 1 the sum is the mean; use --batch 2 or more",
            "--pitfall float --task digits                 | error: --pitfall float runs on --task quadrant or xor, not digits",
            "--pitfall float --config no-such.json         | error: --pitfall float cannot be combined with --config: it is built into the DL4J twin of the built-in net; run it without a file of your own",
            "--pitfall float --model no-such.zip           | error: --pitfall float cannot be combined with --model: it is built into the DL4J twin of the built-in net; run it without a file of your own",
    })
    void aPitfallThatCannotShowIsRefusedWithOneLineNamingTheFlags(String flags, String line) {
        CliRun r = CliRun.of(flags.trim().split("\\s+"));
        assertAll(
                () -> assertEquals(2, r.code(), r.out() + r.err()),
                () -> assertEquals(1, r.errLines().length, r.err()),
                () -> assertEquals(line, r.errLines()[0]),
                () -> assertFalse(r.out().contains("|Δloss|"), "nothing trained: " + r.out()));
    }

    @Test
    void wrapBreaksAtSpacesWithinTheWidthAndKeepsALongWordWhole() {
        assertEquals(List.of("aa bb", "cc", "dddddddd", "e"), PitfallRun.wrap("aa bb cc dddddddd e", 5));
        assertEquals(List.of("aa bb cc"), PitfallRun.wrap("aa bb cc", 8));
        assertEquals(List.of(), PitfallRun.wrap("", 8));
    }
}
