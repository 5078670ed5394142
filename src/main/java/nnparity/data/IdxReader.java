package nnparity.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Reads MNIST's IDX files, plain or gzip-compressed, and checks them whole: a file either loads
 * completely and exactly as its header describes, or throws a {@link DataException} that names the
 * file, the problem and what was expected. There is never a silent partial load.
 *
 * <p>The two layouts (all integers 32-bit big-endian, as in LeCun's MNIST page):
 *
 * <pre>
 *   image file (idx3-ubyte):  magic 2051 = 0x00000803 | n | rows | cols | n·rows·cols pixel bytes
 *                             pixel (i, r, c) at offset 16 + i·rows·cols + r·cols + c, 0..255
 *   label file (idx1-ubyte):  magic 2049 = 0x00000801 | n | n label bytes, each in [0, nClasses)
 * </pre>
 *
 * The magic is {@code 0x00 0x00 type dims}: type 0x08 is unsigned byte, dims the number of
 * dimensions that follow. A file is gzip when it starts with the gzip magic {@code 0x1f 0x8b},
 * whatever its name; otherwise it is read as plain IDX.
 *
 * <p>What is checked: the magic (a label file given as images, or the reverse, is called that);
 * that {@code n ≥ 1} and {@code 1 ≤ rows, cols ≤} {@value #MAX_SIDE}; that the data fits one Java
 * array; that the (decompressed) byte count equals the header's exactly, so a truncated file and
 * one with trailing bytes are both errors; the gzip stream itself (a bad header, corrupt deflate
 * data, a CRC-32 or length that does not match, a cut-off .gz, or anything after the last gzip
 * member: see {@link StrictGzipInputStream}; several members in a row are one file, as for
 * {@code gzip -d}); and, for labels, that each value is a class index.
 *
 * <p>Reading is buffered and in bulk, and allocates in proportion to the bytes really there, never
 * to what a header claims: a plain file's size is checked against its header before a pixel is read
 * and its body read in one {@code readNBytes}; a gzip body (or a pipe's) is read into a buffer that
 * starts at 8 KiB and doubles as data arrives, up to and never beyond the size the header promises;
 * I/O buffers are no larger than a small file. Fashion-MNIST's 60000 training images load in about
 * 0.25 s from .gz and 0.03 s from a plain file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes in 3 dimensions: images. */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes in 1 dimension: labels. */
    public static final int LABEL_MAGIC = 0x00000801;
    /** Largest image side accepted; MNIST's is 28, so a larger one means a corrupt header. */
    public static final int MAX_SIDE = 4096;
    /** Largest payload accepted: the most bytes one Java array can hold on common JVMs. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;
    /** Smallest I/O buffer, used for files smaller than this. */
    private static final int MIN_BUFFER_BYTES = 512;
    /**
     * First size of the buffer a gzip body (or a pipe's) is read into; it doubles as data arrives,
     * up to the size the header promises, so a lying header costs only the bytes really there.
     */
    private static final int INITIAL_BODY_BYTES = 1 << 13;

    private IdxReader() {
    }

    /**
     * The pixels of an image file, row-major per image: image {@code i} is
     * {@code pixels[i·rows·cols .. (i+1)·rows·cols)}. The array is the reader's own, not a copy.
     */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {
        /** E.g. {@code 60000 images of 28×28}. */
        @Override
        public String toString() {
            return count + " images of " + rows + "×" + cols;
        }
    }

    /** The labels of a label file, each in {@code [0, nClasses)}. The array is not a copy. */
    public record Labels(Path file, int count, byte[] labels) {
        /** E.g. {@code 60000 labels}. */
        @Override
        public String toString() {
            return count + " labels";
        }
    }

    /**
     * Reads and checks an image file (magic 2051), plain or gzip.
     *
     * @throws DataException if the file is missing, unreadable, not an image file, or its size does
     *                       not match its header
     */
    public static Images readImages(Path file) {
        Parsed p = read(file, Kind.IMAGES);
        return new Images(file, p.dims[0], p.dims[1], p.dims[2], p.body);
    }

    /**
     * Reads and checks a label file (magic 2049), plain or gzip, whose labels are digits 0–9.
     *
     * @throws DataException as {@link #readLabels(Path, int)} with 10 classes
     */
    public static Labels readLabels(Path file) {
        return readLabels(file, 10);
    }

    /**
     * Reads and checks a label file (magic 2049), plain or gzip, whose labels are in
     * {@code [0, nClasses)}.
     *
     * @param nClasses number of classes, 1 to 256
     * @throws DataException if the file is missing, unreadable, not a label file, its size does not
     *                       match its header, or a label is out of range (the message gives the
     *                       first bad index and value, and how many are bad)
     */
    public static Labels readLabels(Path file, int nClasses) {
        if (nClasses < 1 || nClasses > 256)
            throw new IllegalArgumentException("nClasses " + nClasses + " is invalid; a byte label allows 1 to 256");
        Parsed p = read(file, Kind.LABELS);
        byte[] labels = p.body;
        int firstBad = -1;
        int nBad = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= nClasses) {
                if (firstBad < 0) firstBad = i;
                nBad++;
            }
        }
        if (firstBad >= 0) {
            throw DataException.in(file, String.format(Locale.ROOT,
                    "label %d at index %d is out of range (%s); labels must be 0 to %d",
                    labels[firstBad] & 0xFF, firstBad,
                    nBad == 1 ? "the only bad one" : "the first of " + nBad + " bad ones", nClasses - 1));
        }
        return new Labels(file, p.dims[0], labels);
    }

    /** The two file kinds; the magic's low byte is the number of dimensions in the header. */
    private enum Kind {
        IMAGES(IMAGE_MAGIC, "image", "images"),
        LABELS(LABEL_MAGIC, "label", "labels");

        final int magic;
        final String noun;
        final String plural;

        Kind(int magic, String noun, String plural) {
            this.magic = magic;
            this.noun = noun;
            this.plural = plural;
        }

        int nDims() {
            return magic & 0xFF;
        }

        int headerBytes() {
            return 4 + 4 * nDims();
        }

        Kind other() {
            return this == IMAGES ? LABELS : IMAGES;
        }

        /** {@code an image} or {@code a label}. */
        String article() {
            return this == IMAGES ? "an image" : "a label";
        }

        /** E.g. {@code an IDX image file starts with a 16-byte header whose magic number is 2051}. */
        String expectation() {
            return "an IDX " + noun + " file starts with a " + headerBytes() + "-byte header whose magic number is "
                    + magic;
        }
    }

    private record Parsed(int[] dims, byte[] body) {
    }

    private static Parsed read(Path file, Kind kind) {
        String expected = "expected an IDX " + kind.noun + " file";
        try (Source s = openChecked(file, expected)) {
            try {
                InputStream in = s.content();
                return parse(file, kind, in, s.gzip != null);
            } catch (IOException e) {
                throw failure(file, expected, s.gzip, e);
            }
        }
    }

    /**
     * An IDX file opened for reading; {@link #content()} gives its bytes, decompressed when it is gzip:
     * a file that starts with gzip's magic {@code 1f 8b}, whatever its name, read by
     * {@link StrictGzipInputStream}.
     */
    private static final class Source implements Closeable {
        private final BufferedInputStream raw;
        private final int bufferSize;
        /** The gzip decoder, once {@link #content()} has found a gzip file; else null. */
        StrictGzipInputStream gzip;

        Source(Path file) throws IOException {
            bufferSize = bufferSize(file);
            raw = new BufferedInputStream(IdxReader.open(file), bufferSize);
        }

        InputStream content() throws IOException {
            raw.mark(2);
            boolean isGzip = raw.read() == GZIP_MAGIC_0 && raw.read() == GZIP_MAGIC_1;
            raw.reset();
            if (!isGzip) return raw;
            gzip = new StrictGzipInputStream(raw, bufferSize);
            return gzip;
        }

        /** Closes quietly: the file was only read, so a failed close loses nothing. */
        @Override
        public void close() {
            try {
                if (gzip != null) gzip.close();
                raw.close();
            } catch (IOException e) {
                // nothing was written; the file's data has already been checked
            }
        }
    }

    /** I/O buffers no larger than a small regular file, so reading it allocates in proportion to it. */
    private static int bufferSize(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return BUFFER_BYTES;
        return (int) Math.max(MIN_BUFFER_BYTES, Math.min(BUFFER_BYTES, Files.size(file)));
    }

    /**
     * The one-line message for an I/O failure while reading {@code file}; {@code gzip} is its gzip
     * decoder, or null for a plain file or one that could not be opened.
     */
    private static DataException failure(Path file, String expected, StrictGzipInputStream gzip, IOException e) {
        long decoded = gzip == null ? 0 : gzip.produced();
        if (e instanceof NoSuchFileException) {
            String what = "no such file";
            try {
                what = "is a broken symbolic link (to " + Files.readSymbolicLink(file) + ")";
            } catch (IOException | UnsupportedOperationException notALink) {
                // simply missing
            }
            return DataException.in(file, what + "; " + expected, e);
        }
        if (e instanceof AccessDeniedException) return DataException.in(file, "cannot be read: permission denied", e);
        if (e instanceof StrictGzipInputStream.TrailingBytesException t) {
            return DataException.in(file, "trailing garbage after the gzip data: " + t.trailing
                    + (t.trailing == 1 ? " byte follows" : " bytes follow") + " the end of its last gzip member at byte "
                    + t.end + "; a .gz file must end with its last member's 8-byte trailer (gzip -t reports "
                    + "'trailing garbage ignored')", e);
        }
        if (e instanceof EOFException && gzip != null) {
            return DataException.in(file, "truncated gzip stream: it breaks off after " + decoded
                    + " decompressed bytes, without gzip's end marker; the .gz file is cut short (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            return DataException.in(file, "corrupt gzip data after " + decoded + " decompressed bytes ("
                    + e.getMessage() + ")", e);
        }
        return DataException.in(file, "read failed: " + e, e);
    }

    /**
     * Opens a regular file through NIO; anything else (a pipe such as {@code /dev/stdin} or
     * {@code <(zcat f.gz)}) through {@link FileInputStream}, whose {@code available()} does not seek.
     */
    private static InputStream open(Path file) throws IOException {
        if (Files.isRegularFile(file) || !Files.exists(file)) return Files.newInputStream(file);
        return new FileInputStream(file.toFile());
    }

    /**
     * Where the decompressed contents of two IDX files first differ: -1 if they are the same bytes,
     * else the offset of the first difference (the shorter one's length if one is a prefix of the other).
     *
     * @throws DataException if either cannot be read, or is a broken .gz file
     */
    static long firstDifference(Path a, Path b) {
        String expected = "expected an IDX file";
        try (Source x = openChecked(a, expected); Source y = openChecked(b, expected)) {
            InputStream ca = content(a, expected, x);
            InputStream cb = content(b, expected, y);
            byte[] ba = new byte[BUFFER_BYTES];
            byte[] bb = new byte[BUFFER_BYTES];
            for (long at = 0; ; at += ba.length) {
                int na = readChunk(a, expected, x, ca, ba);
                int nb = readChunk(b, expected, y, cb, bb);
                int m = Arrays.mismatch(ba, 0, na, bb, 0, nb);
                if (m >= 0) return at + m;
                if (na < ba.length) return -1;
            }
        }
    }

    private static Source openChecked(Path file, String expected) {
        if (Files.isDirectory(file)) throw DataException.in(file, "is a directory; " + expected);
        try {
            return new Source(file);
        } catch (IOException e) {
            throw failure(file, expected, null, e);
        }
    }

    private static InputStream content(Path file, String expected, Source s) {
        try {
            return s.content();
        } catch (IOException e) {
            throw failure(file, expected, s.gzip, e);
        }
    }

    /** Fills {@code buf} as far as the content allows; fewer bytes only at its end. */
    private static int readChunk(Path file, String expected, Source s, InputStream in, byte[] buf) {
        try {
            return in.readNBytes(buf, 0, buf.length);
        } catch (IOException e) {
            throw failure(file, expected, s.gzip, e);
        }
    }

    private static Parsed parse(Path file, Kind kind, InputStream in, boolean gzip) throws IOException {
        byte[] head = in.readNBytes(kind.headerBytes());
        String where = gzip ? "decompresses to" : "holds";
        if (head.length < 4) {
            String what = head.length == 0
                    ? (gzip ? "empty after gzip decompression" : "empty file (0 bytes)")
                    : "only " + head.length + (head.length == 1 ? " byte" : " bytes")
                            + (gzip ? " after gzip decompression" : "");
            throw DataException.in(file, what + "; " + kind.expectation());
        }
        int magic = beInt(head, 0);
        if (magic != kind.magic) throw DataException.in(file, describeMagic(magic, kind));
        if (head.length < kind.headerBytes()) {
            throw DataException.in(file, "truncated header: the file " + where + " " + head.length + " bytes; "
                    + kind.expectation());
        }
        int[] dims = new int[kind.nDims()];
        for (int d = 0; d < dims.length; d++) dims[d] = beInt(head, 4 + 4 * d);

        int n = dims[0];
        if (n < 1) {
            throw DataException.in(file, String.format(Locale.ROOT,
                    "header gives the %s count as %d (0x%08X); it must be at least 1", kind.noun, n, n));
        }
        long payload = n;
        String promise;
        if (kind == Kind.IMAGES) {
            int rows = dims[1];
            int cols = dims[2];
            if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
                throw DataException.in(file, String.format(Locale.ROOT,
                        "header gives the image size as %d×%d (0x%08X × 0x%08X); rows and columns must be 1 to %d",
                        rows, cols, rows, cols, MAX_SIDE));
            }
            payload = (long) n * rows * cols;
            promise = n + " images of " + rows + "×" + cols;
        } else {
            promise = n + " labels";
        }
        long expected = kind.headerBytes() + payload;
        if (payload > MAX_BYTES) {
            throw DataException.in(file, "header promises " + promise + " (" + expected
                    + " bytes), more than one Java array holds (" + MAX_BYTES + " bytes)");
        }
        String promised = "header promises " + promise + " (" + expected + " bytes)";

        byte[] body;
        if (!gzip && Files.isRegularFile(file)) {
            long size = Files.size(file);
            if (size != expected) throw sizeMismatch(file, promised, where, size, expected);
            body = new byte[(int) payload];
            int got = in.readNBytes(body, 0, body.length);
            if (got != body.length) {
                // Only if something truncates the file while it is read: its size was just right.
                throw DataException.in(file, "changed while being read: it held " + size + " bytes, as its header"
                        + " promises, but only " + got + " of its " + body.length + " data bytes could then be read;"
                        + " read it when nothing is writing to it");
            }
        } else {
            body = readUpTo(in, (int) payload);
            if (body.length < payload) {
                throw sizeMismatch(file, promised, where, kind.headerBytes() + body.length, expected);
            }
            long extra = drain(in);
            if (extra > 0) throw sizeMismatch(file, promised, where, expected + extra, expected);
        }
        return new Parsed(dims, body);
    }

    private static DataException sizeMismatch(Path file, String promised, String where, long actual, long expected) {
        if (actual < expected) {
            return DataException.in(file, "truncated: " + promised + " but the file " + where + " " + actual);
        }
        long extra = actual - expected;
        return DataException.in(file, "trailing data: " + promised + " but the file " + where + " " + actual
                + " (" + extra + (extra == 1 ? " byte" : " bytes") + " too many)");
    }

    /**
     * Reads up to {@code n} bytes from a stream of unknown length (gzip, or a pipe), growing the buffer
     * by doubling so that a header that lies costs only the bytes really there; shorter only at end
     * of stream.
     */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, INITIAL_BODY_BYTES)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) break;
            filled += r;
        }
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    /** Reads to the end (which also makes gzip check its CRC) and returns how many bytes there were. */
    private static long drain(InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long total = 0;
        for (int r; (r = in.read(scratch)) >= 0; ) total += r;
        return total;
    }

    private static int beInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    /** Says what a wrong magic number is, and what a file of this kind starts with. */
    static String describeMagic(int magic, Kind expected) {
        String want = String.format(Locale.ROOT, "%s file starts with %d", expected.article(), expected.magic);
        if (magic == expected.other().magic) {
            return String.format(Locale.ROOT, "magic number %d is %s file's; %s",
                    magic, expected.other().article(), want);
        }
        String wantHex = String.format(Locale.ROOT, "%s (0x%08X: unsigned bytes, %d dimension%s)",
                want, expected.magic, expected.nDims(), expected.nDims() == 1 ? "" : "s");
        if ((magic >>> 16) == 0 && typeName((magic >>> 8) & 0xFF) != null) {
            int dims = magic & 0xFF;
            return String.format(Locale.ROOT, "magic number %d (0x%08X) is an IDX file of %s in %d dimension%s; %s",
                    magic, magic, typeName((magic >>> 8) & 0xFF), dims, dims == 1 ? "" : "s", wantHex);
        }
        return String.format(Locale.ROOT, "magic number %d (0x%08X) is not an IDX file's; %s", magic, magic, wantHex);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "shorts";
            case 0x0C -> "ints";
            case 0x0D -> "floats";
            case 0x0E -> "doubles";
            default -> null;
        };
    }
}
