package nnparity.data;

import java.nio.file.Path;

/**
 * A problem with the input data (a missing, truncated or mislabelled file, or no data found at all),
 * as opposed to a bug. The CLI prints {@link #getMessage()} as one line and exits with code 2, so
 * the message stands on its own: it names the file, says what is wrong, and says what was expected,
 * e.g.
 *
 * <pre>
 *   /data/train-images-idx3-ubyte.gz: magic number 2049 is a label file's; an image file starts with 2051
 * </pre>
 *
 * <p>The message never contains a line break.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(oneLine(message));
    }

    public DataException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code FILE: what}, the usual form of a problem found in one file. */
    public static DataException in(Path file, String what) {
        return new DataException(file + ": " + what);
    }

    /** {@code FILE: what}, keeping the low-level cause (an I/O or gzip error) for debugging. */
    public static DataException in(Path file, String what, Throwable cause) {
        return new DataException(file + ": " + what, cause);
    }

    private static String oneLine(String message) {
        return message == null ? "bad input data" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
