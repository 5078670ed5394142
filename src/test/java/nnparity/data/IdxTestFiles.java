package nnparity.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small IDX files byte by byte, so the reader is tested against the format, not itself.
 * Public for the digits job's tests, which write whole small datasets.
 */
public final class IdxTestFiles {

    public static final int IMAGE_MAGIC = 2051;
    public static final int LABEL_MAGIC = 2049;

    private IdxTestFiles() {
    }

    /** A whole IDX file: the header of {@code magic} and {@code dims}, then {@code body}. */
    public static byte[] file(int magic, byte[] body, int... dims) {
        return concat(header(magic, dims), body);
    }

    /** A big-endian header: magic, then each dimension. */
    public static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** The pixel bytes used for image {@code i}, pixel {@code k}: {@code (7·i + 3·k) mod 256}. */
    static int pixelAt(int i, int k) {
        return (7 * i + 3 * k) % 256;
    }

    static byte[] pixels(int n, int rows, int cols) {
        int p = rows * cols;
        byte[] px = new byte[n * p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) px[i * p + k] = (byte) pixelAt(i, k);
        }
        return px;
    }

    /** A valid image file of {@code n} images with pixels from {@link #pixelAt}. */
    static byte[] imageFile(int n, int rows, int cols) {
        return concat(header(IMAGE_MAGIC, n, rows, cols), pixels(n, rows, cols));
    }

    /** The labels {@code i mod 10}. */
    static byte[] labelValues(int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) l[i] = (byte) (i % 10);
        return l;
    }

    /** A valid label file holding {@code labels} (any byte values: range is the reader's to check). */
    static byte[] labelFile(byte[] labels) {
        return concat(header(LABEL_MAGIC, labels.length), labels);
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the four files of a test dataset directory are named and stored. */
    enum Layout {
        PLAIN("", false, false),
        GZ(".gz", true, false),
        DOTTED("", false, true),
        DOTTED_GZ(".gz", true, true);

        final String suffix;
        final boolean gz;
        final boolean dotted;

        Layout(String suffix, boolean gz, boolean dotted) {
            this.suffix = suffix;
            this.gz = gz;
            this.dotted = dotted;
        }

        String name(String mnistName) {
            return (dotted ? mnistName.replace("-idx", ".idx") : mnistName) + suffix;
        }
    }

    /** Writes a valid dataset of {@code nTrain} and {@code nTest} images of rows×cols into {@code dir}. */
    static Path writeDataset(Path dir, Layout layout, int nTrain, int nTest, int rows, int cols) {
        put(dir, layout, "train-images-idx3-ubyte", imageFile(nTrain, rows, cols));
        put(dir, layout, "train-labels-idx1-ubyte", labelFile(labelValues(nTrain)));
        put(dir, layout, "t10k-images-idx3-ubyte", imageFile(nTest, rows, cols));
        put(dir, layout, "t10k-labels-idx1-ubyte", labelFile(labelValues(nTest)));
        return dir;
    }

    /** A small valid dataset: 3 train and 2 test images of 2×3, plain files. */
    static Path writeDataset(Path dir) {
        return writeDataset(dir, Layout.PLAIN, 3, 2, 2, 3);
    }

    private static void put(Path dir, Layout layout, String mnistName, byte[] content) {
        write(dir, layout.name(mnistName), layout.gz ? gzip(content) : content);
    }
}
