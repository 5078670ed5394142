package nnparity.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the initial parameters come from. Both networks always start from the same numbers;
 * this chooses who draws them.
 *
 * <ul>
 *   <li>{@link #NORMAL}: the tutorial's book recipe, {@code W = 0.01 · N(0,1)}, {@code b = 0},
 *       drawn from the seed in the canonical layout ({@link ParamSet}).</li>
 *   <li>{@link #XAVIER}: {@code W ~ N(0, 2 / (nIn + nOut))}, {@code b = 0}, drawn from the seed
 *       in the canonical layout: the same distribution as DL4J's default {@code WeightInit.XAVIER}.</li>
 *   <li>{@link #DL4J}: DL4J draws its own XAVIER weights from the seed; they are copied across to
 *       the hand-written net through the parameter bridge.</li>
 * </ul>
 */
public enum Init {
    NORMAL, XAVIER, DL4J;

    /** The standard deviation of {@link #NORMAL}: the book's {@code weight_init_std = 0.01}. */
    public static final double NORMAL_STD = 0.01;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Init parse(String text) {
        for (Init i : values()) {
            if (i.id().equalsIgnoreCase(text.trim())) return i;
        }
        throw new IllegalArgumentException("init '" + text + "' is not known; valid: "
                + Arrays.stream(values()).map(Init::id).collect(Collectors.joining(" | ")));
    }
}
