package nnparity.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nnparity.data.LabelledData;
import nnparity.dl4j.Pitfall;
import nnparity.parity.Lockstep;
import nnparity.parity.Outcome;
import nnparity.parity.PitfallSide;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --pitfall NAME}: a run whose DL4J side has a known {@link Pitfall} built in. The run
 * itself is the ordinary lockstep (same table, verdict and exit codes: 1 when the pitfall shows);
 * this adds a header line naming the pitfall and, after the verdict, one paragraph: what went
 * wrong, why, and the fix. {@code --pitfall list} names them all.
 *
 * <p>A pitfall never changes the hand-written net or the flags: when the run lacks what it needs
 * to show (dropout for {@code dropout-keep-prob}, l2 or weight decay and an adaptive updater for
 * {@code l2-weight-decay}, …) it is refused with one line naming the flags to add, exit 2.
 */
final class PitfallRun {
    /** The value of {@code --pitfall} that lists them instead of running one. */
    static final String LIST = "list";
    /** The paragraph's width in columns. */
    static final int WIDTH = 100;

    private final Pitfall pitfall;
    private final NetSpec spec;
    private final int batch;

    private PitfallRun(Pitfall pitfall, NetSpec spec, int batch) {
        this.pitfall = pitfall;
        this.spec = spec;
        this.batch = batch;
    }

    /** {@code --pitfall}'s value: a pitfall's id or {@code list}; anything else is refused naming the valid values. */
    static final class Name implements ITypeConverter<String> {
        @Override
        public String convert(String s) {
            String id = s.trim().toLowerCase(Locale.ROOT);
            if (id.equals(LIST)) return LIST;
            try {
                return Pitfall.fromId(id).id();
            } catch (IllegalArgumentException e) {
                throw new Converters.Invalid("it must be one of: " + LIST + " | " + Pitfall.validNames());
            }
        }
    }

    /**
     * Before any run: prints the list for {@code --pitfall list} and returns true; else checks that
     * the flags allow the pitfall and returns false.
     *
     * @throws UsageError with {@code --task digits}, or beside {@code --config}/{@code --model} (a
     *                    user's own network has no twin to build the pitfall into)
     */
    static boolean listed(CompareCommand o, PrintWriter out) {
        if (LIST.equals(o.pitfall)) {
            printList(out);
            return true;
        }
        if (o.task == Task.DIGITS) throw new UsageError("--pitfall " + o.pitfall + " runs on --task quadrant or xor, not digits");
        if (o.config != null || o.model != null)
            throw new UsageError("--pitfall " + o.pitfall + " cannot be combined with " + (o.config != null ? "--config" : "--model")
                    + ": it is built into the DL4J twin of the built-in net; run it without a file of your own");
        return false;
    }

    /** {@code --pitfall list}: every pitfall's name and one line on it. */
    static void printList(PrintWriter out) {
        int width = 0;
        for (Pitfall p : Pitfall.values()) width = Math.max(width, p.id().length());
        out.println("pitfalls (Compare --pitfall NAME builds one into the DL4J side and shows where it first differs):");
        for (Pitfall p : Pitfall.values()) out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", p.id(), p.summary());
    }

    /**
     * The pitfall run {@code --pitfall} asks for on a net of {@code spec} trained in batches of
     * {@code batch}, or null without {@code --pitfall}.
     *
     * @throws UsageError when the pitfall cannot show in this run
     */
    static PitfallRun of(CompareCommand o, NetSpec spec, int batch) {
        if (o.pitfall == null) return null;
        Pitfall p = Pitfall.fromId(o.pitfall);
        String refusal = p.refusal(spec, batch);
        if (refusal != null) throw new UsageError("--pitfall " + p.id() + " cannot show in this run: " + refusal);
        return new PitfallRun(p, spec, batch);
    }

    /** The lockstep of this run: the hand-written net against a {@link PitfallSide}. */
    Lockstep lockstep(TrainSpec train, LabelledData data, Tolerances tol) {
        return new Lockstep(spec, train, data, tol, new PitfallSide(spec, pitfall));
    }

    /** The header line, e.g. {@code   pitfall       row-major: a row-major copy into params(): …}. */
    String headerLine() {
        return "  pitfall       " + pitfall.id() + ": " + pitfall.summary() + " (built into the DL4J side)";
    }

    /** After the verdict: the paragraph, wrapped, prefixed by whether the pitfall showed. */
    void explain(PrintWriter out, Verdict verdict) {
        var first = verdict.firstDivergence();
        String lead = verdict.outcome() == Outcome.AGREE ? "pitfall " + pitfall.id() + " did not show in this run. "
                : first == null ? "pitfall " + pitfall.id() + ". "
                : "pitfall " + pitfall.id() + ", first seen at step " + first.step() + " (" + first.phaseDescription() + ", " + first.where() + "). ";
        out.println();
        for (String line : wrap(lead + pitfall.explanation(spec, batch), WIDTH)) out.println(line);
    }

    /** {@code text} broken at spaces into lines of at most {@code width} columns (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
