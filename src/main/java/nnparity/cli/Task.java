package nnparity.cli;

import java.util.Locale;

/** What the nets learn: the tutorial's quadrants (built in), MNIST-format digits, or xor (built in, needs a nonlinearity). */
public enum Task {
    QUADRANT, DIGITS, XOR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code quadrant | digits | xor}: every task's id, for help and error messages. */
    public static String validIds() {
        return java.util.Arrays.stream(values()).map(Task::id).collect(java.util.stream.Collectors.joining(" | "));
    }
}
