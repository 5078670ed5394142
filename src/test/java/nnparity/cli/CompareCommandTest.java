package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/** The main command end to end, in-process: outputs, files and exit codes. */
class CompareCommandTest {
    /** .npy holds the doubles' bits unchanged. */
    static final double EXACT = 0;

    @ParameterizedTest(name = "{0} → exit 2, one line: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "--bogus                | Unknown option: '--bogus'; run with --help for the valid flags",
            "--lr                   | Missing required parameter for option '--lr' (X); run with --help",
            "--lr abc               | --lr abc is invalid; it must be a finite number > 0, e.g. 0.1",
            "--lr -1                | --lr -1 is invalid; it must be a finite number > 0, e.g. 0.1",
            "--lr 0                 | --lr 0 is invalid; it must be a finite number > 0",
            "--lr 1e-400            | --lr 1e-400 is invalid; it must be a finite number > 0, e.g. 0.1 (1e-400 is below the smallest double, 4.9e-324, and rounds to 0)",
            "--lr 1e999             | --lr 1e999 is invalid; it must be a finite number > 0, e.g. 0.1 (1e999 is beyond the largest double, 1.8e308)",
            "--lr 0.5f              | --lr 0.5f is invalid; it must be a finite number > 0",
            "--lr 1d                | --lr 1d is invalid; it must be a finite number > 0",
            "--lr 0x1p3             | --lr 0x1p3 is invalid; it must be a finite number > 0",
            "--lr NaN               | --lr NaN is invalid; it must be a finite number > 0",
            "--lr Infinity          | --lr Infinity is invalid; it must be a finite number > 0",
            "--hidden 0             | --hidden 0 is invalid; it must be a whole number from 1 to 2147483647",
            "--hidden x             | --hidden x is invalid; it must be a whole number from 1 to 2147483647",
            "--hidden 2147483648    | --hidden 2147483648 is invalid; it must be a whole number from 1 to 2147483647",
            "--hidden 0x10          | --hidden 0x10 is invalid; it must be a whole number from 1 to 2147483647",
            "--hidden 5.0           | --hidden 5.0 is invalid; it must be a whole number",
            "--batch 0              | --batch 0 is invalid; it must be a whole number from 1",
            "--epochs -1            | --epochs -1 is invalid; it must be a whole number from 0 to 2147483647",
            "--epochs 1e3           | --epochs 1e3 is invalid; it must be a whole number from 0",
            "--points 0             | --points 0 is invalid; it must be a whole number from 1",
            "--seed 1L              | --seed 1L is invalid; it must be a whole number from -9223372036854775808 to 9223372036854775807",
            "--seed 9223372036854775808 | --seed 9223372036854775808 is invalid; it must be a whole number from -9223372036854775808",
            "--predict 1            | --predict 1 is invalid; it must be x,y: two finite decimal numbers separated by a comma, e.g. 2,2",
            "--predict a,b          | --predict a,b is invalid; it must be x,y",
            "--predict 1,NaN        | --predict 1,NaN is invalid; it must be x,y",
            "--predict 1e999,0      | --predict 1e999,0 is invalid; it must be x,y: two finite decimal numbers separated by a comma, e.g. 2,2 or -0.5,1.5 (1e999 is beyond the largest double",
            "--activation gelu      | --activation gelu is invalid; it must be one of: relu | leakyrelu | elu | selu | softplus | softsign | sigmoid | hardsigmoid | tanh | hardtanh | swish | cube | identity | step",
            "--init he              | --init he is invalid; it must be one of: normal | xavier | xavier_uniform | relu | relu_uniform | lecun_normal | uniform | zero | dl4j",
            "--task poetry          | --task poetry is invalid; it must be one of: quadrant | digits",
            "--activation step      | cannot be trained by backpropagation",
            "--hidden 100,50 --activation relu,tanh,elu | --activation relu,tanh,elu names 3 activations for 2 hidden layers (--hidden 100,50); give one activation for all layers or one per layer",
            "--activation relu,tanh | --activation relu,tanh names 2 activations for 1 hidden layer (--hidden 50); give one activation for all layers or one per layer",
            "--hidden 10,0          | --hidden 0 is invalid; it must be a whole number from 1 to 2147483647",
            "--activation softmax   | layer 0: activation softmax is only for the output layer",
            "--loss hinge           | --loss hinge is invalid; it must be one of: mcxent | nll | mse | l1 | xent",
            "--loss xent            | --loss xent scores each of the 4 outputs as its own yes/no label (sigmoid), but this task's labels are one-hot over 4 classes, for which the loss is mcxent or nll; add --multi-label to train xent on them anyway",
            "--multi-label          | --multi-label belongs to --loss xent; the loss here is mcxent",
            "--l2 -1e-4             | --l2 -1e-4 is invalid; it must be a finite number ≥ 0 (0 = off), e.g. 1e-4",
            "--l1 x                 | --l1 x is invalid; it must be a finite number ≥ 0",
            "--weight-decay 1e999   | --weight-decay 1e999 is invalid; it must be a finite number ≥ 0 (0 = off), e.g. 1e-4 (1e999 is beyond the largest double",
            "--l2-bias NaN          | --l2-bias NaN is invalid",
            "--every 0              | --every 0 is invalid; it must be a whole number from 1 to 9223372036854775807",
            "--dl4j-threads -1      | --dl4j-threads -1 is invalid; it must be a whole number from 0 to 2147483647",
            "--report /no/such/dir/r.json | directory /no/such/dir does not exist",
            "--data /tmp            | --data and --limit belong to --task digits",
    })
    void badInputGetsOneClearLineAndExitCode2(String args, String expected) {
        CliRun r = CliRun.of(args.trim().split("\\s+"));
        assertAll(
                () -> assertEquals(Main.USAGE, r.code(), r.err()),
                () -> assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), r.err()),
                () -> assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err()),
                () -> assertEquals(1, r.errLines().length, r.err()),
                () -> assertFalse(r.out().contains("|Δloss|"), "nothing trained: " + r.out()));
    }

    @ParameterizedTest(name = "{0} is read as {1}")
    @CsvSource({"--lr, 0.5, 0.5", "--lr, 1e-3, 0.001", "--lr, +2.5E-1, 0.25", "--lr, .5, 0.5", "--lr, 5., 5.0", "--lr, 4.9e-324, 4.9E-324"})
    void plainDecimalSpellingsAreAccepted(String flag, String text, double expected) {
        CompareCommand cmd = new CompareCommand();
        new picocli.CommandLine(cmd).parseArgs(flag, text);
        assertEquals(expected, cmd.net.lr);
    }

    @Test
    void anUnwritableExportPathIsRejectedBeforeTraining(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun r = CliRun.of("--export", file.toString());
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("is a file; give a directory path"), r.err());
        assertFalse(r.out().contains("step"), "must fail before training: " + r.out());
    }

    @Test
    void aDivergingRunGetsAClearVerdictAndExitCode2() {
        CliRun r = CliRun.of("--lr", "1e9", "--epochs", "100");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.out().contains("DIVERGED: training diverged at step"), r.out());
        assertTrue(r.out().contains("try --lr 1.0E8 or smaller"), r.out());
    }

    /** The softmax clip keeps this loss finite (1.39 → 8.07), yet the run has blown up: exit 2, not AGREE. */
    @Test
    void aFiniteBlowUpIsDivergedWithItsFigures() {
        CliRun r = CliRun.of("--lr", "50");
        assertEquals(Main.USAGE, r.code(), r.out());
        assertTrue(r.out().contains("DIVERGED: training diverged: the loss rose from 1.386 at step 1 to a mean of 8.071"), r.out());
        assertTrue(r.out().contains("try --lr 5.0 or smaller. Until then: max |Δloss| "), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
    }

    @Test
    void aNaNBlowUpStopsAtItsStepAndPrintsNoPredictions() {
        CliRun r = CliRun.of("--lr", "1e9");
        assertEquals(Main.USAGE, r.code(), r.out());
        assertTrue(r.out().contains("predictions: none; the nets' probabilities are not numbers"), r.out());
        assertFalse(r.out().contains("NaN%"), r.out());
        assertFalse(r.out().contains("classes agree"), r.out());
        assertTrue(r.out().contains("\n      20     20  NaN                    NaN "), "the step where it stopped is in the table: " + r.out());
    }

    @Test
    void stepRunsForwardOnlyAndBothNetsAgree() {
        CliRun r = CliRun.of("--activation", "step", "--epochs", "0");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("AGREE:"), r.out());
    }

    @Test
    void aShortRunPrintsTheTablePredictionsAndVerdict() {
        CliRun r = CliRun.of("--epochs", "30", "--every", "10", "--predict", "-1.5,0.5", "--predict", "3,-3");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("|Δloss|"), out);
        assertTrue(out.contains("(2,2)"), out);
        assertTrue(out.contains("(-1.5,0.5)"), out);
        assertTrue(out.contains("(3,-3)"), out);
        assertTrue(out.contains("held-out grid of 64 points"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("AGREE: max |Δloss|")), out);
        assertEquals(3, out.lines().filter(l -> l.matches("\\s+(10|20|30)\\s+\\d+\\s+.*")).count(), out);
        assertEquals("", r.err(), "a run shorter than the progress interval writes nothing to stderr");
    }

    @Test
    void moreDl4jThreadsThanNd4jAllowsIsSaidInTheHeader() {
        CliRun r = CliRun.of("--dl4j-threads", "1000", "--epochs", "1");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  threads       --dl4j-threads 1000 is more than ND4J allows here; using "), r.out());
    }

    @Test
    void theReportHoldsTheRequiredKeys(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("r.json");
        CliRun r = CliRun.of("--epochs", "20", "--report", report.toString());
        assertEquals(Main.AGREE, r.code(), r.err());
        String json = Files.readString(report);
        for (String key : List.of("task", "spec", "steps", "verdict", "maxAbsLossDiff", "maxScaledLossDiff", "maxAbsGradDiff",
                "maxAbsParamDiff", "predictionAgreement", "firstDivergence", "finalLoss", "seconds")) {
            assertTrue(json.contains("\"" + key + "\":"), key + " missing in " + json);
        }
        assertTrue(json.contains("\"verdict\": \"AGREE\""), json);
        assertTrue(json.contains("\"firstDivergence\": null"), json);
        assertTrue(json.contains("\"steps\": 20"), json);
    }

    @Test
    void theExportHoldsTheInitialParametersInNumpyFormat(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("export");
        CliRun r = CliRun.of("--epochs", "5", "--export", dir.toString());
        assertEquals(Main.AGREE, r.code(), r.err());
        for (String f : List.of("W1.npy", "b1.npy", "W2.npy", "b2.npy", "x.npy", "t.npy", "batches.csv", "losses.csv", "README.txt"))
            assertTrue(Files.exists(dir.resolve(f)), f);

        byte[] npy = Files.readAllBytes(dir.resolve("W1.npy"));
        String header = new String(npy, 10, (npy[8] & 0xff) | (npy[9] & 0xff) << 8, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f8'") && header.contains("'shape': (2, 50)"), header);
        assertEquals(0, (10 + header.length()) % 64, "header is padded to 64 bytes");
        double[] w1 = new double[100];
        ByteBuffer.wrap(npy, 10 + header.length(), 800).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(w1);
        double[] expected = ParamSet.initial(NetSpec.quadrant()).layer(1).w();
        assertEquals(Arrays.toString(expected), Arrays.toString(w1));

        assertEquals(Arrays.toString(new double[]{1, 1, -1, 1, -1, -1, 1, -1}), Arrays.toString(npyDoubles(dir.resolve("x.npy"), "(4, 2)")),
                "x.npy, streamed row by row, holds the tutorial's points");
        assertEquals(Arrays.toString(new double[]{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}),
                Arrays.toString(npyDoubles(dir.resolve("t.npy"), "(4, 4)")), "t.npy holds one-hot quadrants I, II, III, IV");

        List<String> losses = Files.readAllLines(dir.resolve("losses.csv"));
        assertEquals("step,epoch,loss_handwritten,loss_dl4j", losses.get(0));
        assertEquals(6, losses.size());
        assertEquals(6, Files.readAllLines(dir.resolve("batches.csv")).size());
    }

    /** The doubles of a float64 .npy file whose header states {@code shape}. */
    static double[] npyDoubles(Path file, String shape) throws IOException {
        byte[] npy = Files.readAllBytes(file);
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': " + shape), header);
        double[] v = new double[(npy.length - 10 - headerLength) / 8];
        ByteBuffer.wrap(npy, 10 + headerLength, 8 * v.length).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return v;
    }

    @Test
    void helpListsEveryFlagAndExitsZero() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        for (String flag : List.of("--task", "--points", "--predict", "--hidden", "--activation", "--lr", "--epochs", "--batch",
                "--seed", "--init", "--report", "--export", "--data", "--limit", "--sides"))
            assertTrue(r.out().contains(flag), flag);
    }

    /** Who runs when changes no number: the whole report is the same bit for bit but for the time line, which names the mode. */
    @Test
    void theSidesTogetherGiveTheSameReportAsTakingTurnsAndTheTimeLineSaysSideBySide() {
        CliRun turns = CliRun.of("--epochs", "60", "--sides", "turns");
        CliRun together = CliRun.of("--epochs", "60", "--sides", "together");
        CliRun auto = CliRun.of("--epochs", "60");
        assertEquals(Main.AGREE, turns.code(), turns.out() + turns.err());
        assertEquals(Main.AGREE, together.code(), together.out() + together.err());
        assertEquals(withoutTimeLine(turns.out()), withoutTimeLine(together.out()));
        assertEquals(withoutTimeLine(turns.out()), withoutTimeLine(auto.out()));
        assertTrue(timeLine(together.out()).matches("time: start-up .*, training [0-9.]+ s side by side \\(hand-written .*"), together.out());
        assertFalse(timeLine(turns.out()).contains("side by side"), turns.out());
        assertFalse(timeLine(auto.out()).contains("side by side"), "the tutorial's 1,200 multiply-adds a step take turns: " + auto.out());
    }

    @Test
    void anUnknownSidesValueNamesTheThreeValid() {
        CliRun r = CliRun.of("--sides", "both");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("--sides both is invalid; it must be one of: auto | turns | together"), r.err());
    }

    private static String timeLine(String out) {
        return out.lines().filter(l -> l.startsWith("time: ")).findFirst().orElse("(no time line)");
    }

    private static String withoutTimeLine(String out) {
        return String.join("\n", out.lines().filter(l -> !l.startsWith("time: ")).toList());
    }
}
