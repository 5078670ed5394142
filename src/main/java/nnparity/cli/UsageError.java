package nnparity.cli;

/** A bad flag value or unusable path, reported as one line with exit code 2. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
