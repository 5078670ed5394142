package nnparity.spec;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static nnparity.spec.UpdaterSetting.BETA1;
import static nnparity.spec.UpdaterSetting.BETA2;
import static nnparity.spec.UpdaterSetting.EPSILON;
import static nnparity.spec.UpdaterSetting.LEARNING_RATE;
import static nnparity.spec.UpdaterSetting.MOMENTUM;
import static nnparity.spec.UpdaterSetting.RHO;
import static nnparity.spec.UpdaterSetting.RMS_DECAY;

/**
 * DL4J's updaters ({@code org.nd4j.linalg.learning.config.*}), each with the settings it has and
 * DL4J 1.0.0-M2.1's defaults for them (the {@code DEFAULT_*} constants of each config class).
 * The formulas live with the hand-written updaters in {@code nnparity.scratch}.
 *
 * <pre>
 *   updater     settings (DL4J default)
 *   sgd         lr 1e-3
 *   nesterovs   lr 0.1, momentum 0.9
 *   adam        lr 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8      (adamax, nadam, amsgrad alike)
 *   adagrad     lr 0.1, epsilon 1e-6
 *   rmsprop     lr 0.1, rmsDecay 0.95, epsilon 1e-8
 *   adadelta    rho 0.95, epsilon 1e-6                              (no learning rate)
 *   noop        none                                                (the update is the gradient itself: θ −= g, SGD at lr 1)
 * </pre>
 */
public enum Updater {
    SGD("sgd", "SGD", Map.of(LEARNING_RATE, 1e-3)),
    NESTEROVS("nesterovs", "Nesterovs", Map.of(LEARNING_RATE, 0.1, MOMENTUM, 0.9)),
    ADAM("adam", "Adam", adamLike()),
    ADAMAX("adamax", "AdaMax", adamLike()),
    NADAM("nadam", "Nadam", adamLike()),
    AMSGRAD("amsgrad", "AMSGrad", adamLike()),
    ADAGRAD("adagrad", "AdaGrad", Map.of(LEARNING_RATE, 0.1, EPSILON, 1e-6)),
    RMSPROP("rmsprop", "RMSProp", Map.of(LEARNING_RATE, 0.1, RMS_DECAY, 0.95, EPSILON, 1e-8)),
    ADADELTA("adadelta", "AdaDelta", Map.of(RHO, 0.95, EPSILON, 1e-6)),
    NOOP("noop", "NoOp", Map.of());

    private final String id;
    private final String displayName;
    private final Map<UpdaterSetting, Double> defaults;

    Updater(String id, String displayName, Map<UpdaterSetting, Double> defaults) {
        this.id = id;
        this.displayName = displayName;
        this.defaults = defaults.isEmpty() ? Collections.unmodifiableMap(new EnumMap<>(UpdaterSetting.class))
                : Collections.unmodifiableMap(new EnumMap<>(defaults));
    }

    private static Map<UpdaterSetting, Double> adamLike() {
        return Map.of(LEARNING_RATE, 1e-3, BETA1, 0.9, BETA2, 0.999, EPSILON, 1e-8);
    }

    /** The command-line name, e.g. {@code rmsprop}. */
    public String id() {
        return id;
    }

    /** As DL4J's class is named, e.g. {@code RmsProp} is shown {@code RMSProp}; used by {@link UpdaterSpec#toString()}. */
    public String displayName() {
        return displayName;
    }

    /** The settings it has, in {@link UpdaterSetting} order. */
    public Set<UpdaterSetting> settings() {
        return defaults.isEmpty() ? EnumSet.noneOf(UpdaterSetting.class) : EnumSet.copyOf(defaults.keySet());
    }

    /** True when it keeps state between steps (momentum's velocity, Adam's moments, …); SGD and NoOp keep none. */
    public boolean hasState() {
        return this != SGD && this != NOOP;
    }

    public boolean has(UpdaterSetting s) {
        return defaults.containsKey(s);
    }

    /**
     * DL4J's default for {@code s}.
     *
     * @throws IllegalArgumentException if this updater has no such setting
     */
    public double defaultValue(UpdaterSetting s) {
        Double v = defaults.get(s);
        if (v == null) throw new IllegalArgumentException(noSuchSetting(s));
        return v;
    }

    /** E.g. {@code adam has no setting momentum; its settings: --lr, --beta1, --beta2, --epsilon}. */
    public String noSuchSetting(UpdaterSetting s) {
        return id + " has no setting " + s.id() + "; " + (defaults.isEmpty() ? "it has no settings"
                : "its settings: " + settings().stream().map(UpdaterSetting::flag).collect(Collectors.joining(", ")));
    }

    /**
     * @throws IllegalArgumentException naming the valid names if {@code id} is none of them
     */
    public static Updater fromId(String id) {
        for (Updater u : values()) if (u.id.equals(id)) return u;
        throw new IllegalArgumentException("updater '" + id + "' is unknown; valid: " + validNames());
    }

    /** {@code sgd, nesterovs, adam, …}. */
    public static String validNames() {
        return Arrays.stream(values()).map(Updater::id).collect(Collectors.joining(", "));
    }
}
