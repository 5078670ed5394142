package nnparity.scratch;

/** Validation shared by the updater rules: the messages name the value and what is valid. */
final class Checks {
    private Checks() {
    }

    /** A decay rate (momentum, β, ρ): in [0, 1). */
    static void decay(String name, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(name + " " + v + " is invalid; it must be in [0, 1)");
    }

    /** ε and the like: finite and &gt; 0. */
    static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " " + v + " is invalid; it must be a finite number > 0");
    }
}
