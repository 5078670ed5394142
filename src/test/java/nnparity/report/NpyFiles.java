package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's own .npy reader (format 1.0, float64, C order), written from numpy's format spec, not from {@link Npy}. */
public final class NpyFiles {
    private NpyFiles() {
    }

    /** Reads a float64 C-order .npy, checking its header says {@code shape}. */
    public static double[] read(Path file, int... shape) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int headerLen = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        String header = new String(all, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f8'") && header.contains("'fortran_order': False"), header);
        Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        assertTrue(m.find(), header);
        StringBuilder want = new StringBuilder();
        for (int d : shape) want.append(want.length() == 0 ? "" : ", ").append(d);
        if (shape.length == 1) want.append(',');
        assertEquals(want.toString(), m.group(1).strip(), file.getFileName() + " shape");
        ByteBuffer buf = ByteBuffer.wrap(all, 10 + headerLen, all.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[buf.remaining() / 8];
        for (int i = 0; i < v.length; i++) v[i] = buf.getDouble();
        return v;
    }
}
