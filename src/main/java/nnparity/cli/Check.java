package nnparity.cli;

/** Flag checks that fail with a {@link UsageError} naming the flag, the value and what is valid. */
final class Check {
    private Check() {
    }

    static void atLeast(String flag, long value, long min) {
        if (value < min) throw new UsageError(flag + " " + value + " is invalid; it must be ≥ " + min);
    }
}
