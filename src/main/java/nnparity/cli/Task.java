package nnparity.cli;

import java.util.Locale;

/** What the nets learn: the tutorial's quadrants (built in) or MNIST-format digits. */
public enum Task {
    QUADRANT, DIGITS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
