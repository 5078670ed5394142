package nnparity.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the initial parameters come from. Both networks always start from the same numbers;
 * this chooses who draws them and from which distribution. Every scheme but {@link #DL4J} is
 * drawn by the hand-written side from the seed, in the canonical layout ({@link ParamSet}), with
 * DL4J's definition of the distribution (fanIn = nIn, fanOut = nOut of the layer); biases are 0.
 *
 * <pre>
 *   NORMAL          0.01 · N(0, 1)                          the tutorial's weight_init_std = 0.01
 *   XAVIER          N(0, 2 / (fanIn + fanOut))              DL4J's default
 *   XAVIER_UNIFORM  U(−s, s),  s = √(6 / (fanIn + fanOut))
 *   RELU            N(0, 2 / fanIn)                         He et al.
 *   RELU_UNIFORM    U(−s, s),  s = √(6 / fanIn)
 *   LECUN_NORMAL    N(0, 1 / fanIn)
 *   UNIFORM         U(−a, a),  a = 1 / √fanIn
 *   ZERO            0
 *   DL4J            DL4J draws its own (its configured WeightInit) and they are copied across
 * </pre>
 */
public enum Init {
    NORMAL, XAVIER, XAVIER_UNIFORM, RELU, RELU_UNIFORM, LECUN_NORMAL, UNIFORM, ZERO, DL4J;

    /** The standard deviation of {@link #NORMAL}: the book's {@code weight_init_std = 0.01}. */
    public static final double NORMAL_STD = 0.01;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Init parse(String text) {
        for (Init i : values()) {
            if (i.id().equalsIgnoreCase(text.trim())) return i;
        }
        throw new IllegalArgumentException("init '" + text + "' is not known; valid: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Init::id).collect(Collectors.joining(" | "));
    }
}
