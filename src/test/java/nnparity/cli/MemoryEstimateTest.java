package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnparity.spec.NetSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Sizes that overflow an int or the heap are refused up front with one line and exit 2; an OOM never ends as 1. */
class MemoryEstimateTest {
    /** A heap far smaller than any JVM's default, yet ample for the default runs. */
    static final long SIXTY_FOUR_MB = 64L << 20;

    private static void assertOneLineExit2(CliRun r, String expected) {
        assertAll(
                () -> assertEquals(Main.USAGE, r.code(), r.out() + r.err()),
                () -> assertEquals(1, r.errLines().length, r.err()),
                () -> assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), r.err()),
                () -> assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err()),
                () -> assertFalse(r.out().contains("|Δloss|"), "nothing trained: " + r.out()));
    }

    // ----- the estimate, the unit -----

    @Test
    void theDefaultRunsFitInSixtyFourMegabytes() {
        assertDoesNotThrow(() -> MemoryEstimate.lockstep(NetSpec.quadrant(), 4, 1000).predictions(NetSpec.quadrant(), 65)
                .requireFits(SIXTY_FOUR_MB));
        assertDoesNotThrow(() -> MemoryEstimate.lockstep(NetSpec.digits(), 100, 6000).evaluation(NetSpec.digits(), 1000, 10000)
                .requireFits(SIXTY_FOUR_MB));
        assertDoesNotThrow(() -> MemoryEstimate.gradcheck(NetSpec.quadrant(), 4).requireFits(SIXTY_FOUR_MB));
    }

    @Test
    void theParameterCountDoesNotOverflowAnInt() {
        NetSpec huge = NetSpec.digits().withSizes(784, 5_478_275, 10);
        assertEquals(784L * 5_478_275 + 5_478_275 + 5_478_275L * 10 + 10, MemoryEstimate.parameters(huge));
    }

    @Test
    void theEstimateGrowsWithEverySizeAndSaturatesInsteadOfOverflowing() {
        NetSpec s = NetSpec.quadrant();
        long base = MemoryEstimate.lockstep(s, 4, 1000).bytes();
        assertTrue(MemoryEstimate.lockstep(s.withSizes(2, 500, 4), 4, 1000).bytes() > base);
        assertTrue(MemoryEstimate.lockstep(s, 40, 1000).bytes() > base);
        assertTrue(MemoryEstimate.lockstep(s, 4, 100_000).bytes() > base);
        assertEquals(Long.MAX_VALUE, MemoryEstimate.lockstep(s, 4, Long.MAX_VALUE / 2).bytes());
    }

    @Test
    void aRefusalSaysWhatItNeedsWhatTheJvmHasAndWhichFlagToChange() {
        UsageError e = assertThrows(UsageError.class,
                () -> MemoryEstimate.lockstep(NetSpec.quadrant().withSizes(2, 10_000_000, 4), 4, 10).requireFits(SIXTY_FOUR_MB));
        String m = e.getMessage();
        assertTrue(m.startsWith("this run needs about "), m);
        assertTrue(m.contains("mostly for the 2→10000000→4 net's 70,000,004 parameters"), m);
        assertTrue(m.contains("the JVM has 64 MB free"), m);
        assertTrue(m.contains("Runtime.maxMemory"), m);
        assertTrue(m.contains("use a smaller --hidden") && m.contains("MAVEN_OPTS=-Xmx"), m);
    }

    @ParameterizedTest(name = "{0} bytes → {1}")
    @CsvSource({"0, 0 B", "999, 999 B", "1024, 1.0 kB", "67108864, 64 MB", "1610612736, 1.5 GB", "9223372036854775807, more than 9 EB"})
    void sizesPrintInBinaryUnits(long bytes, String text) {
        assertEquals(text, MemoryEstimate.size(bytes));
    }

    // ----- end to end -----

    @Test
    void aBatchLargerThanTheDataIsCappedWithANoteAndTrainsEveryStep() {
        CliRun r = CliRun.of("--batch", "2147483647", "--epochs", "5");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  batch         --batch 2147483647 is more than the 4 training points; using 4"), r.out());
        assertTrue(r.out().contains("5 epochs × 1 step of batch 4 = 5 steps"), r.out());
        assertTrue(r.out().contains("over 5 steps"), r.out());
    }

    @Test
    void oneEpochOfAHugeBatchIsOneStepNotADivisionByZero() {
        CliRun r = CliRun.of("--batch", "2147483647", "--epochs", "1");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("over 1 step (double)"), r.out());
    }

    @ParameterizedTest(name = "{0} → exit 2: {1}")
    @CsvSource(delimiter = '|', value = {
            "gradcheck --hidden 2000000000     | W1 would be 2×2000000000 = 4,000,000,000 doubles, more than a Java array holds",
            "--hidden 100000000 --epochs 0     | more than a Java array holds",
            "--points 2147483647 --batch 2147483647 | a batch's inputs would be 2147483647×2",
            "--points 2000000000 --epochs 0    | mostly for 2000000000 random points",
            "--epochs 2000000000               | mostly for the per-step records of 2000000000 steps",
            "gradcheck --hidden 200000000      | use a smaller --hidden",
            "gradcheck --batch 2000000000      | a batch's inputs would be 2000000000×2",
            "gradcheck --batch 100000000       | a batch's hidden layer would be 100000000×50",
            "gradcheck --batch 10000000        | mostly for the activations of a batch of 10000000",
    })
    void aRunTooBigForTheJvmIsRefusedBeforeAllocating(String args, String expected) {
        assertOneLineExit2(CliRun.of(args.trim().split("\\s+")), expected);
    }

    // ----- an OutOfMemoryError that still happens -----

    @Command(name = "oom")
    static final class Oom implements Callable<Integer> {
        final boolean nativeAlloc;

        Oom(boolean nativeAlloc) {
            this.nativeAlloc = nativeAlloc;
        }

        @Override
        public Integer call() {
            if (nativeAlloc) throw new RuntimeException("std::bad_alloc");
            long[] never = new long[Integer.MAX_VALUE]; // a real OutOfMemoryError: beyond the VM's array limit
            return never.length;
        }
    }

    @ParameterizedTest(name = "native allocator: {0}")
    @CsvSource({"false", "true"})
    void anOutOfMemoryErrorIsExit2WithOneLineNeverExit1(boolean nativeAlloc) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new CommandLine(new Oom(nativeAlloc)), new String[0], new PrintWriter(out, true), new PrintWriter(err, true));
        CliRun r = new CliRun(code, out.toString(), err.toString());
        assertOneLineExit2(r, "error: out of memory (");
        assertTrue(r.err().contains("Runtime.maxMemory"), r.err());
    }
}
