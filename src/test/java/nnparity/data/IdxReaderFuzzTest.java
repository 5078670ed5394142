package nnparity.data;

import static nnparity.data.IdxTestFiles.IMAGE_MAGIC;
import static nnparity.data.IdxTestFiles.LABEL_MAGIC;
import static nnparity.data.IdxTestFiles.concat;
import static nnparity.data.IdxTestFiles.gzip;
import static nnparity.data.IdxTestFiles.gzipMember;
import static nnparity.data.IdxTestFiles.header;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Fuzzes the IDX reader: seeded mutations of small valid image and label files, plain and gzip
 * (bit flips, byte edits, truncations, extensions, deleted and repeated ranges, header fields set to
 * edge values, then gzip damage: flipped bits, cuts inside and between members, garbage after the
 * last member, wrong CRC-32 or length, reserved flags, another compression method). Every case must
 * end in one of two ways:
 *
 * <ul>
 *   <li>a loaded set equal to what an independent decoding says the bytes hold: the format's rules
 *       re-implemented here ({@link #decode}), applied to the plain bytes this test built or, after
 *       damage whose effect is unknown, to what {@link GZIPInputStream} makes of the file;</li>
 *   <li>or a {@link DataException} whose message is one line starting with the file's path; a file
 *       the rules call valid must load, one they call invalid, or with damage that must be caught,
 *       must not.</li>
 * </ul>
 *
 * Never any other exception, and never an allocation larger than the bytes there justify: the read
 * may allocate at most {@link #ALLOCATION_SLACK} plus {@link #ALLOCATION_PER_BYTE} per byte of the
 * file or of its real content, whatever its header promises (measured with the JVM's per-thread
 * allocation counter, where the JVM has one).
 *
 * <p>{@link #QUICK_CASES} cases run in {@code mvn test} (1 s on an idle 2-core machine, 4 s on a
 * busy one). The long run is on demand (200000 cases: 15 s idle, about a minute busy):
 *
 * <pre>
 *   mvn -q test -Dtest=IdxReaderFuzzTest -Dfuzz.cases=200000 [-Dfuzz.seed=N]
 * </pre>
 *
 * A failure names its case number K and the mutations made; {@code -Dfuzz.from=K -Dfuzz.cases=1}
 * (with the same seed) replays that case alone, since every case draws from its own seeded
 * {@link Random}.
 */
class IdxReaderFuzzTest {

    static final int QUICK_CASES = 4000;
    static final long DEFAULT_SEED = 8;

    /**
     * What any read may allocate regardless of size: two I/O buffers of at most 512 bytes for these
     * small files, the 8 KiB first body buffer and 8 KiB drain scratch, the gzip decoder's objects, the
     * header, and a DataException with its message and stack trace. Measured at most 16 KiB over the
     * quick run's cases (a read that first loads a class allocates more, hence the warm re-read).
     */
    static final long ALLOCATION_SLACK = 64 * 1024;
    /** Per byte really there: a body buffer that doubles as data arrives, plus its final trimmed copy. */
    static final long ALLOCATION_PER_BYTE = 4;

    /** Cases are written to a RAM disk where there is one: on disk, writing 4000 files takes longer than reading them. */
    @TempDir(factory = InMemoryIfAvailable.class)
    Path dir;

    static final class InMemoryIfAvailable implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path shm = Path.of("/dev/shm");
            if (Files.isDirectory(shm) && Files.isWritable(shm)) return Files.createTempDirectory(shm, "idx-fuzz");
            return Files.createTempDirectory("idx-fuzz");
        }
    }

    // ---------------------------------------------------------------- the independent decoding

    /** What a valid IDX file holds, by the format's rules; {@code rows = cols = 0} for labels. */
    record Content(int count, int rows, int cols, byte[] body) {
    }

    /**
     * The format's rules, written out again from the IDX layout rather than taken from the reader:
     * the magic, a count ≥ 1, sides 1..4096, the exact length, labels below 10. Null if invalid.
     */
    static Content decode(byte[] f, boolean images) {
        int head = images ? 16 : 8;
        if (f.length < head) return null;
        ByteBuffer b = ByteBuffer.wrap(f);
        if (b.getInt(0) != (images ? IMAGE_MAGIC : LABEL_MAGIC)) return null;
        int n = b.getInt(4);
        if (n < 1) return null;
        int rows = images ? b.getInt(8) : 0;
        int cols = images ? b.getInt(12) : 0;
        if (images && (rows < 1 || rows > 4096 || cols < 1 || cols > 4096)) return null;
        long size = images ? (long) n * rows * cols : n;
        if (f.length != head + size) return null;
        byte[] body = Arrays.copyOfRange(f, head, f.length);
        if (!images) {
            for (byte v : body) if ((v & 0xFF) >= 10) return null;
        }
        return new Content(n, rows, cols, body);
    }

    /** What java.util.zip makes of a gzip file: as many bytes as it decodes before it stops or fails. */
    static byte[] jdkGunzip(byte[] gz) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] chunk = new byte[4096];
            for (int r; (r = in.read(chunk)) >= 0; ) out.write(chunk, 0, r);
            return out.toByteArray();
        } catch (IOException e) {
            return null; // it failed; out holds a partial decoding
        }
    }

    /** How many bytes java.util.zip decodes from {@code gz} before it stops, for the allocation bound. */
    static int jdkGunzipLength(byte[] gz) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] chunk = new byte[4096];
            for (int r; (r = in.read(chunk)) >= 0 && out.size() < (1 << 24); ) out.write(chunk, 0, r);
        } catch (IOException e) {
            // counted as far as it got
        }
        return out.size();
    }

    // ---------------------------------------------------------------- the cases

    /** What must happen to a case. */
    enum Expect {
        /** Loads iff {@link #decode} accepts {@code content}, and then exactly that. */
        EXACT,
        /** Damage that must be caught: a DataException. */
        FAIL,
        /** Damage of unknown effect: a DataException, or what {@link GZIPInputStream} decodes, if valid. */
        EITHER
    }

    record Case(int number, byte[] file, boolean gz, boolean readAsImages, byte[] content, Expect expect,
            List<String> made) {
    }

    private static final int[] EDGE_INTS = {
        0, 1, 2, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, IMAGE_MAGIC, LABEL_MAGIC, 0x00000D03, 0x00000802,
        0x00000808, 4095, 4096, 4097, 65536, 46341, 1 << 20, 1 << 30, 0x7FFFFFF7, 0x80000001, 28, 60000,
    };
    private static final int[] EDGE_BYTES = {0, 1, 9, 10, 0x1f, 0x7F, 0x80, 0x8b, 0xFF};

    static Case make(int number, long seed) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + number);
        List<String> made = new ArrayList<>();
        boolean images = rnd.nextBoolean();
        byte[] plain = images ? randomImageFile(rnd, made) : randomLabelFile(rnd, made);
        int idxEdits = rnd.nextInt(4);
        for (int k = 0; k < idxEdits; k++) plain = mutateIdx(plain, images, rnd, made);
        boolean readAsImages = rnd.nextInt(10) == 0 ? !images : images;
        if (readAsImages != images) made.add("read as the other kind");
        if (rnd.nextInt(3) == 0) return new Case(number, plain, false, readAsImages, plain, Expect.EXACT, made);

        List<int[]> members = new ArrayList<>(); // {start, end} in the .gz, {plain end}
        List<Integer> plainEnds = new ArrayList<>();
        byte[] gz = buildGzip(plain, rnd, members, plainEnds, made);
        if (rnd.nextInt(3) == 0) return new Case(number, gz, true, readAsImages, plain, Expect.EXACT, made);
        return damageGzip(number, gz, plain, readAsImages, members, plainEnds, rnd, made);
    }

    private static byte[] randomImageFile(Random rnd, List<String> made) {
        int n = 1 + rnd.nextInt(4), rows = 1 + rnd.nextInt(5), cols = 1 + rnd.nextInt(5);
        byte[] px = new byte[n * rows * cols];
        rnd.nextBytes(px);
        made.add(n + " images of " + rows + "×" + cols);
        return concat(header(IMAGE_MAGIC, n, rows, cols), px);
    }

    private static byte[] randomLabelFile(Random rnd, List<String> made) {
        byte[] labels = new byte[1 + rnd.nextInt(12)];
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) rnd.nextInt(10);
        made.add(labels.length + " labels");
        return concat(header(LABEL_MAGIC, labels.length), labels);
    }

    private static byte[] mutateIdx(byte[] f, boolean images, Random rnd, List<String> made) {
        int op = rnd.nextInt(8);
        if (f.length == 0) op = 3;
        switch (op) {
            case 0 -> {
                int at = rnd.nextInt(f.length), bit = rnd.nextInt(8);
                f = f.clone();
                f[at] ^= (byte) (1 << bit);
                made.add("flip bit " + bit + " of byte " + at);
            }
            case 1 -> {
                int at = rnd.nextInt(f.length), v = EDGE_BYTES[rnd.nextInt(EDGE_BYTES.length)];
                f = f.clone();
                f[at] = (byte) v;
                made.add("byte " + at + " := " + v);
            }
            case 2 -> {
                int len = rnd.nextInt(f.length);
                f = Arrays.copyOf(f, len);
                made.add("cut to " + len + " bytes");
            }
            case 3 -> {
                byte[] more = new byte[1 + rnd.nextInt(20)];
                rnd.nextBytes(more);
                f = concat(f, more);
                made.add("append " + more.length + " bytes");
            }
            case 4 -> {
                int from = rnd.nextInt(f.length), to = from + rnd.nextInt(f.length - from) + 1;
                f = concat(Arrays.copyOf(f, from), Arrays.copyOfRange(f, to, f.length));
                made.add("delete bytes " + from + ".." + (to - 1));
            }
            case 5 -> {
                int from = rnd.nextInt(f.length), to = from + rnd.nextInt(f.length - from) + 1;
                f = concat(Arrays.copyOf(f, to), Arrays.copyOfRange(f, from, f.length));
                made.add("repeat bytes " + from + ".." + (to - 1));
            }
            default -> { // a header field set to an edge value: magic, count, rows or cols
                int fields = Math.min(images ? 4 : 2, f.length / 4);
                if (fields == 0) return mutateIdx(f, images, rnd, made);
                int field = rnd.nextInt(fields), v = EDGE_INTS[rnd.nextInt(EDGE_INTS.length)];
                f = f.clone();
                ByteBuffer.wrap(f).putInt(4 * field, v);
                made.add("header int " + field + " := " + v);
            }
        }
        return f;
    }

    /** The plain bytes as 1 to 3 gzip members, each written by GZIPOutputStream or by hand with random header fields. */
    private static byte[] buildGzip(byte[] plain, Random rnd, List<int[]> members, List<Integer> plainEnds,
            List<String> made) {
        int k = 1 + rnd.nextInt(3);
        int[] cuts = new int[k + 1];
        cuts[k] = plain.length;
        for (int i = 1; i < k; i++) cuts[i] = rnd.nextInt(plain.length + 1);
        Arrays.sort(cuts, 1, k);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        for (int i = 0; i < k; i++) {
            byte[] part = Arrays.copyOfRange(plain, cuts[i], cuts[i + 1]);
            int flags = rnd.nextInt(32);
            byte[] m = rnd.nextBoolean() ? gzip(part) : gzipMember(part, flags);
            members.add(new int[] {gz.size(), gz.size() + m.length});
            plainEnds.add(cuts[i + 1]);
            gz.writeBytes(m);
        }
        made.add("gzip as " + k + (k == 1 ? " member" : " members"));
        return gz.toByteArray();
    }

    private static Case damageGzip(int number, byte[] gz, byte[] plain, boolean readAsImages, List<int[]> members,
            List<Integer> plainEnds, Random rnd, List<String> made) {
        int[] m = members.get(rnd.nextInt(members.size()));
        int op = rnd.nextInt(9);
        byte[] f = gz.clone();
        switch (op) {
            case 0 -> {
                int at = rnd.nextInt(f.length), bit = rnd.nextInt(8);
                f[at] ^= (byte) (1 << bit);
                made.add("gz: flip bit " + bit + " of byte " + at);
                return new Case(number, f, true, readAsImages, null, Expect.EITHER, made);
            }
            case 1 -> {
                int at = rnd.nextInt(f.length), v = EDGE_BYTES[rnd.nextInt(EDGE_BYTES.length)];
                f[at] = (byte) v;
                made.add("gz: byte " + at + " := " + v);
                return new Case(number, f, true, readAsImages, null, Expect.EITHER, made);
            }
            case 2 -> {
                int len = rnd.nextInt(f.length);
                made.add("gz: cut to " + len + " bytes");
                for (int i = 0; i < members.size(); i++) {
                    if (len > 0 && members.get(i)[1] == len) { // a cut between members leaves a valid gzip file
                        byte[] kept = Arrays.copyOf(plain, plainEnds.get(i));
                        return new Case(number, Arrays.copyOf(f, len), true, readAsImages, kept, Expect.EXACT, made);
                    }
                }
                return new Case(number, Arrays.copyOf(f, len), true, readAsImages, null, Expect.FAIL, made);
            }
            case 3 -> {
                byte[] tail = switch (rnd.nextInt(4)) {
                    case 0 -> new byte[1 + rnd.nextInt(600)]; // zero padding
                    case 1 -> new byte[] {0x1f};
                    case 2 -> new byte[] {0x1f, (byte) 0x8b, 8, 0, 0};
                    default -> {
                        byte[] t = new byte[1 + rnd.nextInt(30)];
                        rnd.nextBytes(t);
                        yield t;
                    }
                };
                made.add("gz: append " + tail.length + " bytes");
                return new Case(number, concat(f, tail), true, readAsImages, null, Expect.FAIL, made);
            }
            case 4 -> {
                f[m[1] - 8 + rnd.nextInt(4)] ^= (byte) (1 + rnd.nextInt(255));
                made.add("gz: corrupt the CRC-32 of the member at " + m[0]);
                return new Case(number, f, true, readAsImages, null, Expect.FAIL, made);
            }
            case 5 -> {
                f[m[1] - 4 + rnd.nextInt(4)] ^= (byte) (1 + rnd.nextInt(255));
                made.add("gz: corrupt the length of the member at " + m[0]);
                return new Case(number, f, true, readAsImages, null, Expect.FAIL, made);
            }
            case 6 -> {
                f[m[0] + 3] |= (byte) (0x20 << rnd.nextInt(3));
                made.add("gz: set a reserved flag of the member at " + m[0]);
                return new Case(number, f, true, readAsImages, null, Expect.FAIL, made);
            }
            case 7 -> {
                f[m[0] + 2] = (byte) (9 + rnd.nextInt(247));
                made.add("gz: compression method " + (f[m[0] + 2] & 0xFF) + " in the member at " + m[0]);
                return new Case(number, f, true, readAsImages, null, Expect.FAIL, made);
            }
            default -> {
                made.add("gz: append an empty member");
                return new Case(number, concat(f, gzip(new byte[0])), true, readAsImages, plain, Expect.EXACT, made);
            }
        }
    }

    // ---------------------------------------------------------------- running them

    private static final com.sun.management.ThreadMXBean THREADS =
            ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled() ? t : null;

    /** The result of one read: what loaded (null on a DataException), the exception, and bytes allocated. */
    private record Outcome(Content loaded, DataException error, long allocated) {
    }

    private static Outcome read(Path f, boolean images) {
        long before = THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
        Content loaded = null;
        DataException error = null;
        try {
            if (images) {
                IdxReader.Images im = IdxReader.readImages(f);
                loaded = new Content(im.count(), im.rows(), im.cols(), im.pixels());
            } else {
                IdxReader.Labels l = IdxReader.readLabels(f);
                loaded = new Content(l.count(), 0, 0, l.labels());
            }
        } catch (DataException e) {
            error = e;
        }
        long allocated = THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes() - before;
        return new Outcome(loaded, error, allocated);
    }

    private static String describe(Case c, long seed) {
        return String.format(Locale.ROOT, "case %d (replay: -Dfuzz.seed=%d -Dfuzz.from=%d -Dfuzz.cases=1): %s, %d bytes%s",
                c.number(), seed, c.number(), String.join(", ", c.made()), c.file().length,
                c.file().length <= 64 ? " " + hex(c.file()) : "");
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format(Locale.ROOT, "%02x", x & 0xFF));
        return s.toString();
    }

    private static boolean same(Content a, Content b) {
        return a.count() == b.count() && a.rows() == b.rows() && a.cols() == b.cols() && Arrays.equals(a.body(), b.body());
    }

    /** Runs one case; returns true if it loaded, false if it was rejected; fails the test on anything else. */
    private boolean check(Case c, long seed) {
        Path f = dir.resolve(c.gz() ? "fuzz.gz" : "fuzz");
        try {
            Files.write(f, c.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Outcome o;
        try {
            o = read(f, c.readAsImages());
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            fail(describe(c, seed) + ": threw " + t + " instead of a DataException\n" + trace);
            return false;
        }

        long justified = Math.max(c.file().length, c.gz() ? jdkGunzipLength(c.file()) : 0);
        if (c.content() != null) justified = Math.max(justified, c.content().length);
        long bound = ALLOCATION_SLACK + ALLOCATION_PER_BYTE * justified;
        if (THREADS != null && o.allocated() > bound) {
            // A first use of some path can load classes; what counts is a second, warm read.
            long again = read(f, c.readAsImages()).allocated();
            if (again > bound) {
                fail(describe(c, seed) + ": allocated " + again + " bytes (bound " + bound + " for " + justified
                        + " bytes there)");
            }
        }

        if (o.error() != null) {
            String m = o.error().getMessage();
            if (m.contains("\n") || m.contains("\r")) fail(describe(c, seed) + ": message is not one line: " + m);
            if (!m.startsWith(f + ": ")) fail(describe(c, seed) + ": message does not start with the file: " + m);
            if (c.expect() == Expect.EXACT && decode(c.content(), c.readAsImages()) != null) {
                fail(describe(c, seed) + ": a valid file was rejected: " + m);
            }
            return false;
        }
        switch (c.expect()) {
            case FAIL -> fail(describe(c, seed) + ": damage that must be caught was loaded as " + o.loaded().count()
                    + " examples");
            case EXACT -> {
                Content want = decode(c.content(), c.readAsImages());
                if (want == null) fail(describe(c, seed) + ": an invalid file was loaded");
                if (!same(want, o.loaded())) fail(describe(c, seed) + ": loaded content differs from the file's");
            }
            case EITHER -> {
                byte[] jdk = jdkGunzip(c.file());
                Content want = jdk == null ? null : decode(jdk, c.readAsImages());
                if (want == null) fail(describe(c, seed) + ": loaded what java.util.zip cannot decode to a valid file");
                if (!same(want, o.loaded())) fail(describe(c, seed) + ": loaded content differs from java.util.zip's");
            }
        }
        return true;
    }

    @Test
    void everyMutatedFileLoadsExactlyOrFailsWithOneLineNamingIt() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int from = Integer.getInteger("fuzz.from", 0);
        int cases = Integer.getInteger("fuzz.cases", QUICK_CASES);
        long t0 = System.nanoTime();
        int loaded = 0;
        for (int k = from; k < from + cases; k++) {
            if (check(make(k, seed), seed)) loaded++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "IDX fuzz: %d cases from seed %d in %.1f s: %d loaded, %d rejected with a"
                + " DataException%s%n", cases, seed, seconds, loaded, cases - loaded,
                THREADS == null ? " (allocation not measured: this JVM has no per-thread counter)" : "");
        if (cases >= 1000) {
            // Guard against a fuzzer that only makes garbage, or only valid files.
            assertTrue(loaded >= cases / 10, "only " + loaded + " of " + cases + " cases loaded");
            assertTrue(cases - loaded >= cases / 2, "only " + (cases - loaded) + " of " + cases + " cases were rejected");
        }
    }
}
