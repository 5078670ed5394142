package nnparity.report;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes numpy's {@code .npy} format, version 1.0, so {@code np.load("W1.npy")} reads the arrays:
 *
 * <pre>
 *   "\x93NUMPY" 0x01 0x00  uint16-LE header length  header  data
 *   header = "{'descr': '&lt;f8', 'fortran_order': False, 'shape': (2, 50), }" padded with spaces
 *            and ended by '\n' so that magic + header is a multiple of 64 bytes
 *   data   = the values in C (row-major) order, little-endian
 * </pre>
 */
public final class Npy {
    private Npy() {
    }

    /** Float64 array of the given shape; {@code values.length} must equal the product of the shape. */
    public static void writeDoubles(Path file, double[] values, int... shape) throws IOException {
        check(values.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            header(out, "<f8", shape);
            for (double v : values) {
                if (!buf.hasRemaining()) flush(buf, out);
                buf.putDouble(v);
            }
            flush(buf, out);
        }
    }

    /** Fills {@code row} (length cols) with row {@code i}'s values. */
    @FunctionalInterface
    public interface RowSource {
        void fill(int i, double[] row);
    }

    /** A float64 [rows, cols] array produced one row at a time, so it is never held whole. */
    public static void writeDoubleRows(Path file, int rows, int cols, RowSource source) throws IOException {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("shape [" + rows + ", " + cols + "] is negative");
        double[] row = new double[cols];
        ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            header(out, "<f8", new int[]{rows, cols});
            for (int i = 0; i < rows; i++) {
                source.fill(i, row);
                for (double v : row) {
                    if (!buf.hasRemaining()) flush(buf, out);
                    buf.putDouble(v);
                }
            }
            flush(buf, out);
        }
    }

    /** Int64 array of the given shape. */
    public static void writeLongs(Path file, long[] values, int... shape) throws IOException {
        check(values.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            header(out, "<i8", shape);
            for (long v : values) {
                if (!buf.hasRemaining()) flush(buf, out);
                buf.putLong(v);
            }
            flush(buf, out);
        }
    }

    private static void check(int n, int[] shape) {
        long product = 1;
        for (int d : shape) product *= d;
        if (product != n) throw new IllegalArgumentException(n + " values do not fill shape " + Arrays.toString(shape));
    }

    private static void header(OutputStream out, String descr, int[] shape) throws IOException {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) dims += ",";
        StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        int total = 10 + h.length() + 1;
        h.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        d.write(h.length() & 0xff);
        d.write((h.length() >> 8) & 0xff);
        d.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        d.flush();
    }

    private static void flush(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }
}
