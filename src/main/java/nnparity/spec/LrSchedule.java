package nnparity.spec;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A learning rate that changes with training time, DL4J's {@code ISchedule}: {@code lr(t)} where
 * {@code t} is the 0-based iteration (update) count or the 0-based epoch count, by {@link Unit}.
 * Each formula is DL4J 1.0.0-M2.1's {@code valueAt} as the jar computes it (pinned against DL4J's
 * own objects at boundary steps in {@code Dl4jSchedulesTest}):
 *
 * <pre>
 *   STEP         lr(t) = initial · gamma^⌊t / step⌋                (StepSchedule, gamma = decayRate)
 *   EXPONENTIAL  lr(t) = initial · gamma^t                         (ExponentialSchedule)
 *   INVERSE      lr(t) = initial / (1 + gamma · t)^power           (InverseSchedule)
 *   POLY         lr(t) = initial · (1 + t / maxIter)^power  for t &lt; maxIter,  0 from maxIter on   (PolySchedule)
 *   SIGMOID      lr(t) = initial / (1 + e^(−gamma · (t − step)))   (SigmoidSchedule, step = stepSize, an integer)
 *   MAP          lr(t) = values[max{k ≤ t}]                        (MapSchedule; needs a value at 0)
 * </pre>
 *
 * <p>POLY is not the textbook's {@code (1 − t/maxIter)^power}: DL4J adds, so with a positive
 * power its rate <em>grows</em> until maxIter and then drops to 0 (its javadoc says
 * {@code (1 + i/maxIter)^(−power)}, but the code has no minus sign). A decaying POLY needs a
 * negative power here, as in DL4J.
 *
 * <p>How DL4J counts (pinned in {@code Dl4jScheduleCountingTest}): the first update of a fresh net
 * is iteration 0 in epoch 0; each minibatch {@code fit} adds one iteration after its update and
 * the count runs on across epochs; {@code fit(DataSetIterator)} adds one epoch after its last
 * minibatch; {@code fit(DataSet)} and {@code fit(x, y)} never move the epoch.
 *
 * <p>Fields a kind does not use must be 0 (or, for {@code values}, empty), so a spec has one spelling.
 *
 * @param kind    the formula
 * @param unit    what {@code t} counts
 * @param initial lr(0) (not used by MAP)
 * @param gamma   the decay (STEP's decayRate), EXPONENTIAL, INVERSE, SIGMOID, STEP
 * @param power   INVERSE, POLY (any finite number; negative for a decaying POLY)
 * @param step    STEP's period (any number &gt; 0), SIGMOID's centre (an integer: DL4J's stepSize is an int)
 * @param maxIter POLY's end, from where lr is 0
 * @param values  MAP's learning rate from each key on
 */
public record LrSchedule(Kind kind, Unit unit, double initial, double gamma, double power, double step,
                         int maxIter, SortedMap<Integer, Double> values) {

    public enum Kind {
        STEP, EXPONENTIAL, INVERSE, POLY, SIGMOID, MAP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the schedule's {@code t} counts: DL4J's {@code ScheduleType}. */
    public enum Unit {
        ITERATION, EPOCH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LrSchedule {
        if (kind == null) throw new IllegalArgumentException("schedule kind is missing; valid: step, exponential, inverse, poly, sigmoid, map");
        if (unit == null) throw new IllegalArgumentException("schedule unit is missing; valid: iteration, epoch");
        values = values == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(values));
        boolean usesGamma = kind == Kind.STEP || kind == Kind.EXPONENTIAL || kind == Kind.INVERSE || kind == Kind.SIGMOID;
        boolean usesPower = kind == Kind.INVERSE || kind == Kind.POLY;
        boolean usesStep = kind == Kind.STEP || kind == Kind.SIGMOID;
        if (kind != Kind.MAP) requirePositive(kind, "initial learning rate", initial);
        else if (initial != 0) unused(kind, "initial", initial);
        if (usesGamma) {
            if (kind == Kind.SIGMOID ? !Double.isFinite(gamma) : !(gamma > 0) || Double.isInfinite(gamma))
                throw new IllegalArgumentException(kind.id() + " schedule: gamma " + gamma + " is invalid; it must be a finite number"
                        + (kind == Kind.SIGMOID ? "" : " > 0"));
        } else if (gamma != 0) unused(kind, "gamma", gamma);
        if (usesPower) {
            if (!Double.isFinite(power)) throw new IllegalArgumentException(kind.id() + " schedule: power " + power + " is invalid; it must be finite");
        } else if (power != 0) unused(kind, "power", power);
        if (kind == Kind.STEP) requirePositive(kind, "step", step);
        else if (kind == Kind.SIGMOID) {
            if (step != Math.rint(step) || Math.abs(step) > Integer.MAX_VALUE)
                throw new IllegalArgumentException("sigmoid schedule: step " + step + " is invalid; it must be a whole number (DL4J's stepSize is an int)");
        } else if (step != 0) unused(kind, "step", step);
        if (kind == Kind.POLY) {
            if (maxIter < 1) throw new IllegalArgumentException("poly schedule: maxIter " + maxIter + " is invalid; it must be ≥ 1");
        } else if (maxIter != 0) unused(kind, "maxIter", maxIter);
        if (kind == Kind.MAP) {
            if (!values.containsKey(0))
                throw new IllegalArgumentException("map schedule " + values + " is invalid; it needs a learning rate at " + unit.id() + " 0");
            for (Map.Entry<Integer, Double> e : values.entrySet()) {
                if (e.getKey() < 0) throw new IllegalArgumentException("map schedule: " + unit.id() + " " + e.getKey() + " is invalid; it must be ≥ 0");
                requirePositive(kind, "learning rate at " + unit.id() + " " + e.getKey(), e.getValue());
            }
        } else if (!values.isEmpty()) throw new IllegalArgumentException(kind.id() + " schedule takes no map of values; got " + values);
    }

    private static void requirePositive(Kind kind, String what, double v) {
        if (!(v > 0) || Double.isInfinite(v))
            throw new IllegalArgumentException(kind.id() + " schedule: " + what + " " + v + " is invalid; it must be a finite number > 0");
    }

    private static void unused(Kind kind, String what, double v) {
        throw new IllegalArgumentException(kind.id() + " schedule has no " + what + "; got " + v + ", leave it 0");
    }

    public static LrSchedule step(Unit unit, double initial, double decayRate, double step) {
        return new LrSchedule(Kind.STEP, unit, initial, decayRate, 0, step, 0, null);
    }

    public static LrSchedule exponential(Unit unit, double initial, double gamma) {
        return new LrSchedule(Kind.EXPONENTIAL, unit, initial, gamma, 0, 0, 0, null);
    }

    public static LrSchedule inverse(Unit unit, double initial, double gamma, double power) {
        return new LrSchedule(Kind.INVERSE, unit, initial, gamma, power, 0, 0, null);
    }

    public static LrSchedule poly(Unit unit, double initial, double power, int maxIter) {
        return new LrSchedule(Kind.POLY, unit, initial, 0, power, 0, maxIter, null);
    }

    public static LrSchedule sigmoid(Unit unit, double initial, double gamma, double stepSize) {
        return new LrSchedule(Kind.SIGMOID, unit, initial, gamma, 0, stepSize, 0, null);
    }

    public static LrSchedule map(Unit unit, SortedMap<Integer, Double> values) {
        return new LrSchedule(Kind.MAP, unit, 0, 0, 0, 0, 0, values);
    }

    /** Where it starts from: {@code initial}, or a map's value at 0 (the updater's learning-rate setting while the schedule runs). */
    public double initialValue() {
        return kind == Kind.MAP ? values.get(0) : initial;
    }

    /** The learning rate for the update at 0-based {@code iteration} in 0-based {@code epoch}. */
    public double valueAt(int iteration, int epoch) {
        int t = unit == Unit.ITERATION ? iteration : epoch;
        return switch (kind) {
            case STEP -> initial * Math.pow(gamma, Math.floor(t / step));
            case EXPONENTIAL -> initial * Math.pow(gamma, t);
            case INVERSE -> initial / Math.pow(1 + gamma * t, power);
            case POLY -> t >= maxIter ? 0 : initial * Math.pow(1 + (double) t / maxIter, power);
            case SIGMOID -> initial / (1 + Math.exp(-gamma * (t - step)));
            case MAP -> values.containsKey(t) ? values.get(t) : values.get(values.headMap(t).lastKey());
        };
    }

    /** E.g. {@code step(0.1, gamma=0.5, step=100 iterations)} or {@code map(by epoch {0=0.1, 5=0.01})}. */
    @Override
    public String toString() {
        String per = unit == Unit.ITERATION ? "iterations" : "epochs";
        return switch (kind) {
            case STEP -> String.format(Locale.ROOT, "step(%s, gamma=%s, step=%s %s)", initial, gamma, brief(step), per);
            case EXPONENTIAL -> String.format(Locale.ROOT, "exponential(%s, gamma=%s, by %s)", initial, gamma, unit.id());
            case INVERSE -> String.format(Locale.ROOT, "inverse(%s, gamma=%s, power=%s, by %s)", initial, gamma, power, unit.id());
            case POLY -> String.format(Locale.ROOT, "poly(%s, power=%s, maxIter=%d %s)", initial, power, maxIter, per);
            case SIGMOID -> String.format(Locale.ROOT, "sigmoid(%s, gamma=%s, step=%s %s)", initial, gamma, brief(step), per);
            case MAP -> "map(by " + unit.id() + " " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}")) + ")";
        };
    }

    private static String brief(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
