package nnparity.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import nnparity.parity.Sides;
import nnparity.spec.NetSpec;

/**
 * {@code --sides}: how the two nets share the machine within a step. The numbers are the same
 * bit for bit whichever is chosen; only the wall time differs.
 */
enum SidesChoice {
    /** {@link Sides#forStep}: side by side for steps large enough to pay for the hand-offs, else in turns. */
    AUTO,
    /** {@link Sides#TAKE_TURNS}. */
    TURNS,
    /** {@link Sides#SIDE_BY_SIDE}. */
    TOGETHER;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto | turns | together}, for help and error messages. */
    static String validIds() {
        return Arrays.stream(values()).map(SidesChoice::id).collect(Collectors.joining(" | "));
    }

    /** What this choice means for steps of {@code spec} over {@code batch} examples. */
    Sides resolve(NetSpec spec, int batch) {
        return switch (this) {
            case AUTO -> Sides.forStep(spec, batch);
            case TURNS -> Sides.TAKE_TURNS;
            case TOGETHER -> Sides.SIDE_BY_SIDE;
        };
    }
}
