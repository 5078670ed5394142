package nnparity.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import nnparity.parity.Sides;
import nnparity.text.Fmt;

/**
 * Where a run's wall-clock time went, for the closing {@code time:} line and {@code --report}.
 * The parts add up to the whole run:
 *
 * <pre>
 *   whole = startUp + training + comparison + evaluation + other
 *   training ≥ max(handWritten, dl4j)    (= handWritten + dl4j when the sides take turns)
 * </pre>
 *
 * Side by side ({@link Sides#SIDE_BY_SIDE}) the two sides' own times overlap, so they add up to
 * more than {@code training}, and the line says so.
 *
 * @param startUp     from the JVM's start (or, in a test's long-lived JVM, the command's start) to
 *                    the first training step: class loading, ND4J's native start, reading the
 *                    data, building both nets, the header
 * @param training    wall time of the two sides' training steps (forward, backward, update)
 * @param handWritten the hand-written side's own training time
 * @param dl4j        DL4J's own training time, its {@code fit}
 * @param comparison  the harness's own work during training: reading both sides' numbers,
 *                    comparing them, the step table
 * @param evaluation  evaluating both nets (per epoch, and the predictions at the end)
 * @param other       the rest: the closing report
 * @param sides       whether the two sides took turns or trained at the same time
 */
public record TimeSplit(double startUp, double training, double handWritten, double dl4j, double comparison,
                        double evaluation, double other, Sides sides) {

    public TimeSplit {
        java.util.Objects.requireNonNull(sides, "sides");
    }

    /**
     * The split of a run whose whole wall time is {@code whole}: {@code other} is what the named
     * parts leave of it.
     */
    public static TimeSplit of(double whole, double startUp, double training, double handWritten, double dl4j,
                               double comparison, double evaluation, Sides sides) {
        return new TimeSplit(startUp, training, handWritten, dl4j, comparison, evaluation,
                whole - startUp - training - comparison - evaluation, sides);
    }

    /** The sum of the parts: the whole run. */
    public double whole() {
        return startUp + training + comparison + evaluation + other;
    }

    /** The harness's own cost as a fraction of the two sides' training: comparison / training (NaN without training). */
    public double comparisonShare() {
        return training > 0 ? comparison / training : Double.NaN;
    }

    /**
     * E.g. {@code time: start-up 1.90 s, training 8.00 s (hand-written 1.80 s, DL4J 6.20 s, DL4J/hand-written 3.4×),
     * comparison 0.400 s (5% of training), evaluation 2.10 s, other 0.0100 s; whole run 12.4 s}; side by side
     * {@code training 6.20 s side by side (…)}. The ratio has one decimal below 10, none from 10 on, and is
     * left out when the hand-written side took no time.
     */
    public String line() {
        double share = comparisonShare();
        return String.format(Locale.ROOT, "time: start-up %s, training %s%s (hand-written %s, DL4J %s%s), comparison %s%s,"
                        + " evaluation %s, other %s; whole run %s",
                Fmt.secs(startUp), Fmt.secs(training), sides == Sides.SIDE_BY_SIDE ? " side by side" : "",
                Fmt.secs(handWritten), Fmt.secs(dl4j), ratio(), Fmt.secs(comparison),
                Double.isNaN(share) ? "" : String.format(Locale.ROOT, " (%.0f%% of training)", 100 * share),
                Fmt.secs(evaluation), Fmt.secs(other), Fmt.secs(whole()));
    }

    /** {@code , DL4J/hand-written 3.4×}, or empty when the hand-written side took no time. */
    private String ratio() {
        if (!(handWritten > 0)) return "";
        double r = dl4j / handWritten;
        return String.format(Locale.ROOT, r < 10 ? ", DL4J/hand-written %.1f×" : ", DL4J/hand-written %.0f×", r);
    }

    /** The parts in seconds, keyed as the line names them, for {@code --report}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startUp", startUp);
        m.put("training", training);
        m.put("trainingHandWritten", handWritten);
        m.put("trainingDl4j", dl4j);
        m.put("comparison", comparison);
        m.put("evaluation", evaluation);
        m.put("other", other);
        m.put("whole", whole());
        m.put("sides", sides.id());
        return m;
    }
}
