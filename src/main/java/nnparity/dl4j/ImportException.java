package nnparity.dl4j;

/**
 * Why a user's DL4J configuration or saved model cannot be compared: its file cannot be read
 * ({@link Kind#FILE}), or it holds a setting the spec cannot mirror exactly
 * ({@link Kind#UNSUPPORTED}). The message is one line meant for the user as it stands, e.g.
 * {@code layer 1 (DenseLayer): dropout 0.5 is not supported; supported: no dropout}; the command
 * line prints it without a stack trace and exits with code 2 (a usage error).
 */
public final class ImportException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The file is missing, unreadable, empty, or not a DL4J configuration or model. */
        FILE,
        /** The network uses a setting that the spec cannot express exactly; it is refused, never approximated. */
        UNSUPPORTED
    }

    private final Kind kind;

    public ImportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ImportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
