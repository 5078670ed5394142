package nnparity.cli;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nnparity.data.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs {@link CompareCommand} and maps every outcome to an exit code: 0 agree, 1 disagree,
 * 2 usage or input error (one line on stderr, no stack trace), 3 an internal error (a bug: the
 * stack trace goes to the log).
 */
public final class Main {
    public static final int AGREE = 0, DISAGREE = 1, USAGE = 2, INTERNAL = 3;
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * When this process's JVM started, on {@link System#nanoTime()}'s scale, once {@link #run(String[])}
     * (the process's entry, {@code Compare.main}) has run; else null, and a run's start-up counts
     * from the command's own start (a test's long-lived JVM).
     */
    static volatile Long processStart;

    /** The process's start ({@link #processStart}) if known, else {@code commandStart}. */
    static long startOf(long commandStart) {
        Long p = processStart;
        return p != null ? p : commandStart;
    }

    public static int run(String[] args) {
        processStart = System.nanoTime()
                - (System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000;
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(new CommandLine(new CompareCommand()), args, out, err);
    }

    /** Runs {@code cl} with this class's error handling and exit codes (tests pass their own command). */
    static int run(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + parseError(ex));
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (outOfMemory(ex) != null) {
                err.println(outOfMemoryLine(outOfMemory(ex)));
                return USAGE;
            }
            if (ex instanceof UsageError || ex instanceof DataException || ex instanceof IllegalArgumentException
                    || ex instanceof nnparity.dl4j.ImportException) {
                err.println("error: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                err.println("error: I/O failed: " + ex.getMessage());
                return USAGE;
            }
            log.error("internal error", ex);
            err.println("internal error: " + ex + " (a bug in nn-parity; the stack trace is in the log above)");
            return INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above; an Error leaves execute() itself
            err.println(outOfMemoryLine(e));
            code = USAGE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The OutOfMemoryError or ND4J's native allocation failure in {@code t}'s cause chain, or null. */
    static Throwable outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) return c;
            String m = String.valueOf(c.getMessage());
            if (m.contains("bad_alloc") || m.contains("Cannot allocate new") || m.contains("Physical memory usage is too high")) return c;
        }
        return null;
    }

    /** One line for a run that ran out of memory despite the estimate: exit 2, never 1 (disagree). */
    static String outOfMemoryLine(Throwable oom) {
        long max = Runtime.getRuntime().maxMemory();
        return "error: out of memory (" + oom.getClass().getSimpleName() + ": " + String.valueOf(oom.getMessage()).lines().findFirst().orElse("")
                + ") with a " + MemoryEstimate.size(max) + " maximum heap (Runtime.maxMemory); use a smaller --hidden, --batch,"
                + " --points or --epochs, or, if this machine has the memory, give Java more, e.g. MAVEN_OPTS=-Xmx" + Math.max(2, 2 * max / (1L << 30)) + "g";
    }

    /**
     * One line for a flag the parser refused: {@code FLAG VALUE is invalid; REASON} for a value
     * (the user's own text, never the number Java made of it), else picocli's message and a
     * pointer to {@code --help}.
     */
    static String parseError(ParameterException ex) {
        String msg;
        Throwable cause = ex.getCause();
        if (cause instanceof Converters.Invalid && ex.getArgSpec() instanceof OptionSpec opt) {
            msg = opt.longestName() + " " + ex.getValue() + " is invalid; " + cause.getMessage();
        } else if (cause instanceof TypeConversionException) {
            msg = cause.getMessage();
        } else {
            msg = ex.getMessage() + "; run with --help for the valid flags";
        }
        return msg.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
