package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures stdout, stderr and the exit code. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The stderr lines, for checking that an error is one clear line and not a stack trace. */
    String[] errLines() {
        return err.isBlank() ? new String[0] : err.strip().split("\n");
    }

    /**
     * A refused output flag: exit 2, one stderr line holding {@code expected}, no stack trace, and
     * no step table on stdout (refused before training).
     */
    void assertRefusedBeforeTraining(String expected) {
        assertAll(
                () -> assertEquals(Main.USAGE, code, out + err),
                () -> assertEquals(1, errLines().length, "one line: " + err),
                () -> assertTrue(err.contains(expected), err),
                () -> assertFalse(err.contains("\tat "), "no stack trace: " + err),
                () -> assertFalse(out.contains("|Δloss|"), "nothing trained: " + out));
    }
}
