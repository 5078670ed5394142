package nnparity.cli;

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
}
