package nnparity.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An updater with all of its settings, and optionally a learning-rate schedule: what both sides
 * build their optimizer from. Settings left out take DL4J's defaults ({@link Updater#defaultValue}),
 * so a spec always holds every setting its updater has, and no other.
 *
 * <p>Validated when built: the learning rate, momentum-free settings and ε must be finite and
 * &gt; 0; the decays (momentum, β₁, β₂, rmsDecay, ρ) must lie in [0, 1).
 *
 * @param type     which updater
 * @param settings every setting {@code type} has (missing ones are filled with defaults)
 * @param schedule the learning rate over time, or null for the fixed {@link UpdaterSetting#LEARNING_RATE};
 *                 only for an updater with a learning rate, whose setting then reads the schedule's
 *                 {@link LrSchedule#initialValue()}
 */
public record UpdaterSpec(Updater type, Map<UpdaterSetting, Double> settings, LrSchedule schedule) {

    public UpdaterSpec {
        if (type == null) throw new IllegalArgumentException("updater is missing; valid: " + Updater.validNames());
        EnumMap<UpdaterSetting, Double> all = new EnumMap<>(UpdaterSetting.class);
        if (settings != null) {
            for (Map.Entry<UpdaterSetting, Double> e : settings.entrySet()) {
                if (!type.has(e.getKey())) throw new IllegalArgumentException(type.noSuchSetting(e.getKey()));
                all.put(e.getKey(), e.getValue());
            }
        }
        for (UpdaterSetting s : type.settings()) all.putIfAbsent(s, type.defaultValue(s));
        if (schedule != null && type.has(UpdaterSetting.LEARNING_RATE)) all.put(UpdaterSetting.LEARNING_RATE, schedule.initialValue());
        for (Map.Entry<UpdaterSetting, Double> e : all.entrySet()) validate(type, e.getKey(), e.getValue());
        if (schedule != null && !type.has(UpdaterSetting.LEARNING_RATE))
            throw new IllegalArgumentException(type.id() + " has no learning rate to schedule; schedules need one of: "
                    + java.util.Arrays.stream(Updater.values()).filter(u -> u.has(UpdaterSetting.LEARNING_RATE)).map(Updater::id).collect(Collectors.joining(", ")));
        settings = Collections.unmodifiableMap(all);
    }

    private static void validate(Updater type, UpdaterSetting s, double v) {
        boolean decay = s == UpdaterSetting.MOMENTUM || s == UpdaterSetting.BETA1 || s == UpdaterSetting.BETA2
                || s == UpdaterSetting.RMS_DECAY || s == UpdaterSetting.RHO;
        if (decay) {
            if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(type.id() + ": " + s.id() + " " + v + " is invalid; it must be in [0, 1)");
        } else if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException((s == UpdaterSetting.LEARNING_RATE ? "learning rate" : type.id() + ": " + s.id())
                    + " " + v + " is invalid; it must be a finite number > 0");
        }
    }

    /** {@code type} with DL4J's default settings and a fixed learning rate. */
    public static UpdaterSpec defaults(Updater type) {
        return new UpdaterSpec(type, Map.of(), null);
    }

    /** The tutorial's plain gradient descent, {@code θ ← θ − lr · g}. */
    public static UpdaterSpec sgd(double lr) {
        return new UpdaterSpec(Updater.SGD, Map.of(UpdaterSetting.LEARNING_RATE, lr), null);
    }

    public boolean has(UpdaterSetting s) {
        return settings.containsKey(s);
    }

    /**
     * @throws IllegalArgumentException if this updater has no such setting
     */
    public double get(UpdaterSetting s) {
        Double v = settings.get(s);
        if (v == null) throw new IllegalArgumentException(type.noSuchSetting(s));
        return v;
    }

    /** The fixed learning rate (a schedule's lr(0) lives in the schedule); NaN for AdaDelta and NoOp, which have none. */
    public double learningRate() {
        return has(UpdaterSetting.LEARNING_RATE) ? settings.get(UpdaterSetting.LEARNING_RATE) : Double.NaN;
    }

    /** The learning rate of the update at 0-based {@code iteration} in 0-based {@code epoch}: the schedule's, else the fixed one. */
    public double learningRateAt(int iteration, int epoch) {
        return schedule != null ? schedule.valueAt(iteration, epoch) : learningRate();
    }

    /** The same updater with {@code s} set to {@code v}. */
    public UpdaterSpec with(UpdaterSetting s, double v) {
        EnumMap<UpdaterSetting, Double> m = new EnumMap<>(settings);
        if (!type.has(s)) throw new IllegalArgumentException(type.noSuchSetting(s));
        m.put(s, v);
        return new UpdaterSpec(type, m, schedule);
    }

    public UpdaterSpec withSchedule(LrSchedule s) {
        return new UpdaterSpec(type, settings, s);
    }

    /**
     * E.g. {@code SGD(lr=0.1)}, {@code Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)},
     * {@code Nesterovs(lr=step(0.1, gamma=0.5, step=100 iterations), momentum=0.9)}, {@code NoOp()}.
     */
    @Override
    public String toString() {
        return type.displayName() + settings.entrySet().stream()
                .map(e -> e.getKey() == UpdaterSetting.LEARNING_RATE && schedule != null
                        ? "lr=" + schedule : e.getKey().id() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
