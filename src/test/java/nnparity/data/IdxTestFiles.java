package nnparity.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
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

    /** gzip's FLG bits (RFC 1952, 2.3.1). */
    static final int FTEXT = 0x01, FHCRC = 0x02, FEXTRA = 0x04, FNAME = 0x08, FCOMMENT = 0x10;
    /** The optional fields {@link #gzipMember} writes: an extra field with one subfield, a name, a comment. */
    static final byte[] EXTRA = {'N', 'P', 3, 0, 'a', 'b', 'c'};
    static final String NAME = "train-images-idx3-ubyte";
    static final String COMMENT = "written byte by byte";

    /**
     * One gzip member built by hand from RFC 1952, independently of java.util.zip's gzip classes:
     * {@code 1f 8b 08 FLG MTIME(4) XFL OS}, then each optional field that {@code flags} selects
     * ({@link #EXTRA} with its length, {@link #NAME} and {@link #COMMENT} zero-terminated, the
     * header's CRC-16), the raw deflate data, and the trailer: CRC-32 and length, little-endian.
     */
    static byte[] gzipMember(byte[] content, int flags) {
        return gzipMember(content, flags, EXTRA);
    }

    /** As {@link #gzipMember(byte[], int)}, with {@code extra} as the extra field (XLEN little-endian). */
    static byte[] gzipMember(byte[] content, int flags, byte[] extra) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0x78, 0x56, 0x34, 0x12, 0, 3});
        if ((flags & FEXTRA) != 0) {
            h.write(extra.length);
            h.write(extra.length >>> 8);
            h.writeBytes(extra);
        }
        if ((flags & FNAME) != 0) {
            h.writeBytes(NAME.getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & FCOMMENT) != 0) {
            h.writeBytes(COMMENT.getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & FHCRC) != 0) {
            CRC32 hc = new CRC32();
            hc.update(h.toByteArray());
            h.write((int) hc.getValue());
            h.write((int) hc.getValue() >>> 8);
        }
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(content);
        d.finish();
        byte[] chunk = new byte[1024];
        while (!d.finished()) h.write(chunk, 0, d.deflate(chunk));
        d.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        h.writeBytes(littleEndian((int) crc.getValue()));
        h.writeBytes(littleEndian(content.length));
        return h.toByteArray();
    }

    static byte[] littleEndian(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
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
