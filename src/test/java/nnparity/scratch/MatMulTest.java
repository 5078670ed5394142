package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MatMul} against the textbook loop its javadoc defines, <em>bit for bit</em>, on a table of
 * shapes that reaches every path of the kernel: the plain loop, the blocked loop on one thread, the
 * parallel split by rows and the parallel split by column panels; k at, below and across the block
 * size kc; every count of nonzeros per row and block modulo 4; zeros, signed zeros and zeros that
 * meet an infinity.
 *
 * <p>There is no tolerance: the kernel promises the same products added in the same order with the
 * same rounding, so the expected and actual doubles are compared by their raw bits. That is
 * stricter than {@code assertEquals(e, a, 0.0)}, which takes -0.0 for +0.0.
 *
 * <p>Each case names the path it claims, and {@link #everyCaseLandsOnThePathItNames} checks that
 * claim against the kernel's own thresholds, so the table cannot drift away from the paths.
 */
class MatMulTest {
    /** Entries of the output buffer past n·m: the kernel must leave them alone. */
    static final int TAIL = 5;
    /** What the output buffer holds before a product: a NaN with a payload no arithmetic makes. */
    static final double GARBAGE = Double.longBitsToDouble(0x7ff8_dead_beef_0001L);

    // ---------------------------------------------------------------- the definition

    /**
     * The textbook triple loop, written from the javadoc of {@link MatMul} and nothing else:
     * c[i][j] = Σ_p a(i,p)·b(p,j) over p = 0 … k-1 in order, from +0.0, one product at a time, by
     * {@code fma} where {@link MatMul#FMA} says the kernel fuses, else {@code c + a·b}.
     *
     * <p>It skips the p where a(i,p) == 0 (which includes -0.0), as the definition says. For finite
     * b and a c that is not a zero the skip changes nothing (fma(0, b, c) = c), but it does change
     * bits in two cases, and this test has inputs for both: (1) with fma a product that underflows
     * leaves c = -0.0 (fma(-1e-200, 1e-200, +0.0) = -0.0), and a later fma(0, b, -0.0) would turn it
     * into +0.0, since +0 + -0 = +0; (2) 0·∞ and 0·NaN are NaN. A row of zeros gives +0.0 either way,
     * since c starts at +0.0 and fma(±0, b, +0.0) = +0.0.
     */
    static double[] textbook(double[][] a, double[][] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double x = a[i][p];
                    if (x == 0) continue;
                    s = MatMul.FMA ? Math.fma(x, b[p][j], s) : s + x * b[p][j];
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- paths and the case table

    /** The four ways {@code MatMul.multiply} can go. */
    enum Path {
        PLAIN("plain loop"),
        BLOCKED("blocked, one thread"),
        ROWS("parallel by rows"),
        PANELS("parallel by column panels");

        final String label;

        Path(String label) {
            this.label = label;
        }

        boolean parallel() {
            return this == ROWS || this == PANELS;
        }
    }

    /** The path MatMul takes for n·k·m, from its thresholds. */
    static Path pathOf(int n, int k, int m) {
        long macs = (long) n * k * m;
        if (macs < MatMul.SMALL_MACS) return Path.PLAIN;
        int threads = macs < MatMul.PARALLEL_MIN_MACS ? 1 : MatMul.THREADS;
        if (threads == 1) return Path.BLOCKED;
        return n >= 4 * threads || panels(m) < threads ? Path.ROWS : Path.PANELS;
    }

    /** Column panels of at most NC columns (none for m = 0, which takes the plain loop). */
    static int panels(int m) {
        int nc = Math.max(1, Math.min(m, MatMul.NC));
        return (m + nc - 1) / nc;
    }

    /** Rows of b per block: kc = max(4, min(k, 64, BLOCK_BYTES / (8·nc))); m = 0 takes the plain loop, counted as nc = 1 here. */
    static int kcOf(int k, int m) {
        int nc = Math.max(1, Math.min(m, MatMul.NC));
        return Math.max(4, Math.min(Math.min(k, Long.SIZE), MatMul.BLOCK_BYTES / (Double.BYTES * nc)));
    }

    /** How the entries of a (and b) are drawn. Values of b are mixed in sign and magnitude unless said. */
    enum Fill {
        DENSE("dense a"),
        HALF_ZEROS("half of a zero, ReLU-like"),
        NONZEROS_BY_ROW("row i of a has i mod 10 nonzeros in each block of kc"),
        ALL_ZERO("a all zeros, +0.0 and -0.0"),
        UNDERFLOW("every product underflows: c is a signed zero"),
        ZERO_MEETS_INFINITY("zero columns of a meet ±∞ and NaN in b");

        final String label;

        Fill(String label) {
            this.label = label;
        }
    }

    /**
     * One shape: why it is in the table, the path it claims, its size, how it is filled, and the kc
     * it claims (0 when kc is not the point of the case).
     */
    record Case(String why, Path path, int n, int k, int m, Fill fill, int kc) {
        long macs() {
            return (long) n * k * m;
        }

        @Override
        public String toString() {
            return path.label + ": " + why + " [" + n + "x" + k + "·" + k + "x" + m + ", " + macs() + " macs, " + fill.label + "]";
        }
    }

    static final int T = MatMul.THREADS;

    /** m = 128·(THREADS-1) + extra: at least THREADS panels, so a few rows split by panels; 128 + extra on 2 cores. */
    static int panelWide(int extra) {
        return MatMul.NC * (Math.max(T, 2) - 1) + extra;
    }

    static final List<Case> CASES = List.of(
            // the plain loop: n·k·m < SMALL_MACS
            new Case("the tutorial's x·W1 on its four points", Path.PLAIN, 4, 2, 50, Fill.DENSE, 0),
            new Case("the tutorial's h·W2", Path.PLAIN, 4, 50, 4, Fill.HALF_ZEROS, 0),
            new Case("one element", Path.PLAIN, 1, 1, 1, Fill.DENSE, 0),
            new Case("just below SMALL_MACS, 8190", Path.PLAIN, 5, 39, 42, Fill.NONZEROS_BY_ROW, 0),
            new Case("zeros only", Path.PLAIN, 3, 8, 5, Fill.ALL_ZERO, 0),
            new Case("signed zeros from underflow", Path.PLAIN, 6, 20, 7, Fill.UNDERFLOW, 0),
            new Case("a zero times ∞ is skipped", Path.PLAIN, 5, 12, 9, Fill.ZERO_MEETS_INFINITY, 0),
            new Case("k = 0: every element an empty sum, +0.0", Path.PLAIN, 3, 0, 4, Fill.DENSE, 0),
            new Case("n = 0: an empty batch, nothing to write", Path.PLAIN, 0, 5, 4, Fill.DENSE, 0),
            new Case("m = 0: nothing to write", Path.PLAIN, 3, 5, 0, Fill.DENSE, 0),
            // blocked, one thread: SMALL_MACS <= n·k·m < PARALLEL_MIN_MACS
            new Case("exactly SMALL_MACS; kc = 64 uses bit 63 of the mask", Path.BLOCKED, 2, 64, 64, Fill.DENSE, 64),
            new Case("k = kc = 32: one full block, 128 columns wide", Path.BLOCKED, 2, 32, 128, Fill.DENSE, 32),
            new Case("k = 31: one row short of a full block", Path.BLOCKED, 3, 31, 128, Fill.HALF_ZEROS, 31),
            new Case("k = kc + 1 = 33: a second block of one row", Path.BLOCKED, 2, 33, 128, Fill.DENSE, 32),
            new Case("k = 65, m = 50: kc = 64, the bits of the mask, then a block of one row", Path.BLOCKED, 3, 65, 50, Fill.DENSE, 64),
            new Case("k = 3, below kc's floor of 4", Path.BLOCKED, 50, 3, 60, Fill.DENSE, 4),
            new Case("m = 129: panels 128 + 1; k = 40 = 32 + 8", Path.BLOCKED, 2, 40, 129, Fill.DENSE, 32),
            new Case("m = 200: panels 128 + 72; k = 100 = 3·32 + 4", Path.BLOCKED, 1, 100, 200, Fill.HALF_ZEROS, 32),
            new Case("m = 300: panels 128 + 128 + 44", Path.BLOCKED, 1, 64, 300, Fill.DENSE, 32),
            new Case("m = 385: panels 3·128 + 1", Path.BLOCKED, 1, 50, 385, Fill.HALF_ZEROS, 32),
            new Case("0–9 nonzeros per row and block: the 4-at-a-time loop and every tail; k = 64 + 36",
                    Path.BLOCKED, 20, 100, 16, Fill.NONZEROS_BY_ROW, 64),
            new Case("zeros only: every c is +0.0", Path.BLOCKED, 10, 64, 40, Fill.ALL_ZERO, 64),
            new Case("just below PARALLEL_MIN_MACS, 32704; kc = 32 KiB / (8·73) = 56", Path.BLOCKED, 7, 64, 73, Fill.HALF_ZEROS, 56),
            new Case("signed zeros from underflow, k = 64 + 6", Path.BLOCKED, 8, 70, 30, Fill.UNDERFLOW, 64),
            new Case("a zero times ∞ is skipped", Path.BLOCKED, 6, 40, 50, Fill.ZERO_MEETS_INFINITY, 40),
            // widths that are no multiple of a vector (4 or 8 doubles), tall and wide
            new Case("tall: one column, 3000 rows", Path.BLOCKED, 3000, 4, 1, Fill.HALF_ZEROS, 4),
            new Case("wide: one row, 1000 columns = 7·128 + 104", Path.BLOCKED, 1, 9, 1000, Fill.DENSE, 9),
            new Case("m = 9: one vector and a lane", Path.BLOCKED, 40, 30, 9, Fill.HALF_ZEROS, 30),
            new Case("m = 17: four vectors and a lane", Path.BLOCKED, 50, 20, 17, Fill.DENSE, 20),
            new Case("m = 127: the widest panel less one", Path.BLOCKED, 3, 70, 127, Fill.NONZEROS_BY_ROW, 32),
            new Case("m = 3: signed zeros from underflow in a narrow row", Path.BLOCKED, 100, 30, 3, Fill.UNDERFLOW, 30),
            new Case("m = 7: a zero times ∞ in a narrow row", Path.BLOCKED, 50, 30, 7, Fill.ZERO_MEETS_INFINITY, 30),
            // parallel by rows: n >= 4·THREADS
            new Case("at PARALLEL_MIN_MACS, n = 4·THREADS", Path.ROWS, 4 * T, 64,
                    (int) ((MatMul.PARALLEL_MIN_MACS + 4L * T * 64 - 1) / (4L * T * 64)), Fill.DENSE, 64),
            new Case("the tutorial's x·W1 on a batch of 100 digits; k = 12·64 + 16", Path.ROWS, 100, 784, 50, Fill.HALF_ZEROS, 64),
            new Case("the tutorial's xᵀ·dz1, [784x100]ᵀ·[100x50]", Path.ROWS, 784, 100, 50, Fill.HALF_ZEROS, 64),
            new Case("the tutorial's dz2·W2ᵀ, [100x10]·[50x10]ᵀ", Path.ROWS, 100, 10, 50, Fill.DENSE, 10),
            new Case("517 rows in 4·THREADS uneven parts", Path.ROWS, 517, 20, 30, Fill.NONZEROS_BY_ROW, 20),
            new Case("each part of rows does 3 panels, m = 300", Path.ROWS, 4 * T, 40, 300, Fill.HALF_ZEROS, 32),
            new Case("0–9 nonzeros per row and block, k = 64 + 64 + 22", Path.ROWS, 40, 150, 64, Fill.NONZEROS_BY_ROW, 64),
            new Case("signed zeros from underflow", Path.ROWS, 4 * T, 90, 60, Fill.UNDERFLOW, 64),
            new Case("tall: one column, 9000 rows", Path.ROWS, 9000, 5, 1, Fill.DENSE, 5),
            new Case("m = 33: eight vectors and a lane", Path.ROWS, 30, 40, 33, Fill.HALF_ZEROS, 40),
            new Case("m = 65: sixteen vectors and a lane", Path.ROWS, 10, 60, 65, Fill.DENSE, 60),
            // parallel by column panels: n < 4·THREADS and panels >= THREADS
            new Case("m = 128·(THREADS-1) + 1: the last panel one column wide", Path.PANELS, 1, 256, panelWide(1), Fill.DENSE, 32),
            new Case("m = 128·(THREADS-1) + 72", Path.PANELS, 2, 100, panelWide(72), Fill.HALF_ZEROS, 32),
            new Case("m = 128·(THREADS-1) + 172: a 44-column last panel", Path.PANELS, 3, 64, panelWide(172), Fill.NONZEROS_BY_ROW, 32),
            new Case("m = 128·(THREADS-1) + 257: the last panel one column wide", Path.PANELS, 4 * T - 1, 33, panelWide(257), Fill.DENSE, 32),
            new Case("a zero times ∞ is skipped", Path.PANELS, 2, 70, panelWide(150), Fill.ZERO_MEETS_INFINITY, 32));

    static Stream<Case> cases() {
        return CASES.stream();
    }

    static Stream<Arguments> productsOfCases() {
        return CASES.stream().flatMap(c -> Arrays.stream(Product.values()).map(p -> Arguments.of(p, c)));
    }

    // ---------------------------------------------------------------- inputs

    /** The three products, each with the layout of a and b it reads. */
    enum Product {
        AB("a·b") {
            void into(int n, int k, int m, double[] a, double[] b, double[] c) {
                MatMul.ab(n, k, m, a, b, c);
            }
        },
        ATB("aᵀ·b") {
            void into(int n, int k, int m, double[] a, double[] b, double[] c) {
                MatMul.atb(n, k, m, a, b, c);
            }
        },
        ABT("a·bᵀ") {
            void into(int n, int k, int m, double[] a, double[] b, double[] c) {
                MatMul.abt(n, k, m, a, b, c);
            }
        };

        final String label;

        Product(String label) {
            this.label = label;
        }

        abstract void into(int n, int k, int m, double[] a, double[] b, double[] c);

        /** A(i,p) as this product stores it: [n, k], or [k, n] for aᵀ·b. */
        double[] storeA(double[][] x, int k) {
            return this == ATB ? transposed(x, k) : rowMajor(x, k);
        }

        /** B(p,j) as this product stores it: [k, m], or [m, k] for a·bᵀ. */
        double[] storeB(double[][] y, int m) {
            return this == ABT ? transposed(y, m) : rowMajor(y, m);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** x [r, c] row-major. */
    static double[] rowMajor(double[][] x, int c) {
        int r = x.length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(x[i], 0, d, i * c, c);
        return d;
    }

    /** x [r, c] as its transpose [c, r], row-major. */
    static double[] transposed(double[][] x, int c) {
        int r = x.length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) d[j * r + i] = x[i][j];
        return d;
    }

    /** Logical A [n, k] and B [k, m], and the textbook product. */
    record Inputs(double[][] a, double[][] b, double[] expected) {
    }

    /** A nonzero of either sign, its magnitude anywhere in 2^-12 … 2^13, so that the order of the sum shows in its bits. */
    static double mixed(Random r) {
        double v = Math.scalb(1 + r.nextDouble(), r.nextInt(25) - 12);
        return r.nextBoolean() ? v : -v;
    }

    static double signedZero(Random r) {
        return r.nextBoolean() ? 0.0 : -0.0;
    }

    /** Products of these underflow below the smallest subnormal: (1e-180)² = 1e-360. */
    static double tiny(Random r) {
        double v = (1 + r.nextDouble()) * 1e-180;
        return r.nextBoolean() ? v : -v;
    }

    static Inputs inputs(Case c) {
        Random r = new Random(1_000_003L * c.n() + 1_009L * c.k() + 31L * c.m() + c.fill().ordinal());
        int n = c.n(), k = c.k(), m = c.m(), kc = kcOf(k, m);
        double[][] a = new double[n][k], b = new double[k][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                a[i][p] = switch (c.fill()) {
                    case DENSE -> mixed(r);
                    case HALF_ZEROS -> r.nextBoolean() ? signedZero(r) : mixed(r);
                    case NONZEROS_BY_ROW, ALL_ZERO -> signedZero(r);
                    case UNDERFLOW -> r.nextInt(3) == 0 ? signedZero(r) : tiny(r);
                    case ZERO_MEETS_INFINITY -> p % 3 == 1 || r.nextBoolean() ? signedZero(r) : mixed(r);
                };
            }
            if (c.fill() == Fill.NONZEROS_BY_ROW) {
                for (int p0 = 0; p0 < k; p0 += kc) {
                    int len = Math.min(kc, k - p0), count = Math.min(i % 10, len);
                    int[] at = new int[len];
                    for (int s = 0; s < len; s++) at[s] = s;
                    for (int s = 0; s < count; s++) {
                        int pick = s + r.nextInt(len - s);
                        int t = at[s];
                        at[s] = at[pick];
                        at[pick] = t;
                        a[i][p0 + at[s]] = mixed(r);
                    }
                }
            }
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < m; j++) {
                if (c.fill() == Fill.UNDERFLOW) {
                    b[p][j] = tiny(r);
                } else if (c.fill() == Fill.ZERO_MEETS_INFINITY && p % 3 == 1) {
                    int pick = r.nextInt(3);
                    b[p][j] = pick == 0 ? Double.POSITIVE_INFINITY : pick == 1 ? Double.NEGATIVE_INFINITY : Double.NaN;
                } else {
                    b[p][j] = r.nextInt(10) == 0 ? signedZero(r) : mixed(r);
                }
            }
        }
        return new Inputs(a, b, textbook(a, b, n, k, m));
    }

    // ---------------------------------------------------------------- checks

    /** c[0 .. n·m) has the bits of {@code expected}; c[n·m ..) still holds GARBAGE. */
    static void assertSameBits(double[] expected, double[] c, int n, int m, String what) {
        int differ = 0, first = -1;
        for (int e = 0; e < n * m; e++) {
            if (Double.doubleToRawLongBits(expected[e]) != Double.doubleToRawLongBits(c[e])) {
                if (first < 0) first = e;
                differ++;
            }
        }
        if (differ > 0) {
            fail(what + ": " + differ + " of " + n * m + " elements differ from the textbook loop; first c[" + first / m + "]["
                    + first % m + "] = " + show(c[first]) + ", expected " + show(expected[first]));
        }
        for (int e = n * m; e < c.length; e++) {
            if (Double.doubleToRawLongBits(c[e]) != Double.doubleToRawLongBits(GARBAGE))
                fail(what + ": wrote c[" + e + "] = " + show(c[e]) + ", past the n·m = " + n * m + " entries of the product");
        }
    }

    static String show(double v) {
        return v + " (0x" + Long.toHexString(Double.doubleToRawLongBits(v)) + ")";
    }

    /** The product through the kernel, into a buffer TAIL entries longer than n·m and full of GARBAGE. */
    static double[] run(Product op, Case c, Inputs in) {
        double[] out = new double[c.n() * c.m() + TAIL];
        Arrays.fill(out, GARBAGE);
        op.into(c.n(), c.k(), c.m(), op.storeA(in.a(), c.k()), op.storeB(in.b(), c.m()), out);
        return out;
    }

    // ---------------------------------------------------------------- the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCaseLandsOnThePathItNames(Case c) {
        if (c.path().parallel())
            assumeTrue(T > 1, "nnparity.threads = 1: this machine has no parallel path");
        assertEquals(c.path(), pathOf(c.n(), c.k(), c.m()), c + " does not take the path it names: " + c.macs()
                + " macs against SMALL_MACS " + MatMul.SMALL_MACS + ", PARALLEL_MIN_MACS " + MatMul.PARALLEL_MIN_MACS
                + ", THREADS " + T + ", " + panels(c.m()) + " panels");
        if (c.kc() != 0) assertEquals(c.kc(), kcOf(c.k(), c.m()), c + " claims kc = " + c.kc());
        if (c.why().contains("panels") || c.path() == Path.PANELS) assertTrue(c.m() > MatMul.NC, c + " claims column panels but m <= NC");
    }

    @ParameterizedTest(name = "{0} — {1}")
    @MethodSource("productsOfCases")
    void everyElementEqualsTheTextbookLoopBitForBit(Product op, Case c) {
        Inputs in = inputs(c);
        assertSameBits(in.expected(), run(op, c, in), c.n(), c.m(), op + " " + c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theInputsOfEachCaseShowWhatTheCaseIsFor(Case c) {
        Inputs in = inputs(c);
        double[] e = in.expected();
        switch (c.fill()) {
            case ALL_ZERO -> {
                for (double v : e) assertEquals(0L, Double.doubleToRawLongBits(v), c + ": a row of zeros must give +0.0");
            }
            case UNDERFLOW -> {
                long negativeZeros = Arrays.stream(e).filter(v -> Double.doubleToRawLongBits(v) == Long.MIN_VALUE).count();
                for (double v : e) assertTrue(v == 0, c + ": every product underflows, yet c = " + v);
                // only fma can leave -0.0: +0.0 + (-0.0) is +0.0
                if (MatMul.FMA) assertTrue(negativeZeros > 0 && negativeZeros < e.length, c + ": needs both signed zeros, has " + negativeZeros + " -0.0");
            }
            case ZERO_MEETS_INFINITY -> {
                for (double v : e) assertTrue(Double.isFinite(v), c + ": every ∞ and NaN of b meets a zero of a");
                assertTrue(Arrays.stream(in.b()).flatMapToDouble(Arrays::stream).anyMatch(v -> !Double.isFinite(v)), c + ": b has no ∞");
            }
            case NONZEROS_BY_ROW -> {
                int kc = kcOf(c.k(), c.m());
                for (int i = 0; i < c.n(); i++) {
                    long nonzero = Arrays.stream(in.a()[i], 0, Math.min(kc, c.k())).filter(v -> v != 0).count();
                    assertEquals(Math.min(i % 10, Math.min(kc, c.k())), nonzero, c + ": row " + i + " of the first block");
                }
            }
            case DENSE -> {
                for (double[] row : in.a()) for (double v : row) assertTrue(v != 0, c + ": dense a has a zero");
            }
            case HALF_ZEROS -> {
                long zeros = Arrays.stream(in.a()).flatMapToDouble(Arrays::stream).filter(v -> v == 0).count();
                long all = (long) c.n() * c.k();
                assertTrue(zeros > all / 4 && zeros < 3 * all / 4, c + ": " + zeros + " zeros of " + all);
            }
        }
    }

    /**
     * The q0 offset of each panel: a bug that writes every panel at column 0 passes every shape of
     * at most 128 columns. Here each column is its own recognisable number.
     */
    @Test
    void columnPanelsBeyond128AreEachWrittenAtTheirOwnOffset() {
        int n = 2, k = 64, m = 3 * MatMul.NC + 1;
        double[][] a = new double[n][k], b = new double[k][m];
        for (double[] row : a) row[0] = 1;
        for (int j = 0; j < m; j++) b[0][j] = j + 1;
        double[] columnNumbers = new double[n * m];
        for (int e = 0; e < n * m; e++) columnNumbers[e] = e % m + 1;   // fma(1, j + 1, +0.0) is exact
        assertTrue(pathOf(n, k, m) != Path.PLAIN, "the shape must reach the blocked loop");
        for (Product op : Product.values()) {
            double[] c = new double[n * m + TAIL];
            Arrays.fill(c, GARBAGE);
            op.into(n, k, m, op.storeA(a, k), op.storeB(b, m), c);
            assertSameBits(columnNumbers, c, n, m, op + " with c[i][j] = j + 1");
        }
    }

    /**
     * The same buffer reused, as {@link Matrix#transposeTimesInto} reuses a gradient: the second
     * product leaves nothing of the first, on every path.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onePerPath")
    void aReusedOutputBufferHoldsOnlyTheNewProduct(Case c) {
        Inputs first = inputs(c), second = inputs(new Case(c.why(), c.path(), c.n(), c.k(), c.m(), Fill.HALF_ZEROS, c.kc()));
        for (Product op : Product.values()) {
            double[] out = new double[c.n() * c.m() + TAIL];
            Arrays.fill(out, GARBAGE);
            op.into(c.n(), c.k(), c.m(), op.storeA(first.a(), c.k()), op.storeB(first.b(), c.m()), out);
            op.into(c.n(), c.k(), c.m(), op.storeA(second.a(), c.k()), op.storeB(second.b(), c.m()), out);
            assertSameBits(second.expected(), out, c.n(), c.m(), op + " " + c + ", second product");
        }
    }

    static Stream<Case> onePerPath() {
        return Stream.of(Path.values()).map(p -> CASES.stream().filter(c -> c.path() == p && c.fill() == Fill.DENSE).findFirst().orElseThrow());
    }

    /**
     * Two threads multiply at once, again and again: one of them finds the {@link MatMul.Team}
     * busy and runs all its parts itself. Both must still get the textbook's bits.
     */
    @Test
    void twoCallersAtOnceEachGetTheirOwnExactProduct() throws Exception {
        Case rows = CASES.stream().filter(c -> c.n() == 100 && c.k() == 784).findFirst().orElseThrow();
        Case tall = CASES.stream().filter(c -> c.n() == 784).findFirst().orElseThrow();
        Inputs x = inputs(rows), y = inputs(tall);
        int rounds = 25;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = callers.submit(() -> repeat(rounds, together, Product.AB, rows, x));
            Future<?> two = callers.submit(() -> repeat(rounds, together, Product.ATB, tall, y));
            one.get(60, TimeUnit.SECONDS);
            two.get(60, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }
    }

    private static Void repeat(int rounds, CyclicBarrier together, Product op, Case c, Inputs in) throws Exception {
        double[] a = op.storeA(in.a(), c.k()), b = op.storeB(in.b(), c.m());
        for (int round = 0; round < rounds; round++) {
            double[] out = new double[c.n() * c.m() + TAIL];
            Arrays.fill(out, GARBAGE);
            together.await(30, TimeUnit.SECONDS);
            op.into(c.n(), c.k(), c.m(), a, b, out);
            assertSameBits(in.expected(), out, c.n(), c.m(), op + " " + c + ", round " + round + " of two callers at once");
        }
        return null;
    }

    /**
     * Each thread keeps its scratch arrays between products and grows them when a product needs
     * more: more rows of b per block, wider panels, more rows of c. Each sequence runs in a fresh
     * thread, so it starts from empty arrays; the first starts with empty products (an empty
     * batch), which must not trip over scratch arrays that do not exist yet.
     */
    @Test
    void aThreadsScratchArraysGrowForEachLargerProduct() throws Exception {
        List<List<Case>> sequences = List.of(
                List.of(new Case("n = 0 first", Path.PLAIN, 0, 64, 200, Fill.DENSE, 0),
                        new Case("k = 0", Path.PLAIN, 64, 0, 200, Fill.DENSE, 0),
                        new Case("m = 0", Path.PLAIN, 64, 200, 0, Fill.DENSE, 0)),
                List.of(new Case("block 64x64, sums 2x64", Path.BLOCKED, 2, 64, 64, Fill.DENSE, 64),
                        new Case("block and sums wider: 128", Path.BLOCKED, 2, 32, 128, Fill.DENSE, 32),
                        new Case("more rows of sums: 64", Path.BLOCKED, 64, 4, 40, Fill.HALF_ZEROS, 4)),
                List.of(new Case("block 4x128, sums 16x128", Path.BLOCKED, 16, 4, 128, Fill.DENSE, 4),
                        new Case("more rows of block: 64", Path.BLOCKED, 2, 64, 64, Fill.HALF_ZEROS, 64)));
        for (List<Case> sequence : sequences) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread fresh = new Thread(() -> {
                try {
                    checkAll(sequence);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            fresh.start();
            fresh.join(PATIENCE_SECONDS * 1000);
            assertFalse(fresh.isAlive(), "the products did not finish");
            if (failure.get() != null) throw new AssertionError("in a fresh thread, " + sequence, failure.get());
        }
    }

    private static void checkAll(List<Case> sequence) {
        for (Case c : sequence) {
            assertEquals(c.path(), pathOf(c.n(), c.k(), c.m()), c + " must stay on the caller's thread");
            Inputs in = inputs(c);
            for (Product op : Product.values()) assertSameBits(in.expected(), run(op, c, in), c.n(), c.m(), op + " " + c);
        }
    }

    /** A part that throws inside a parallel product (here: c one element short) throws in the caller. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("parallelCases")
    void anExceptionInAPartOfAParallelProductReachesTheCaller(Case c) {
        assumeTrue(T > 1, "nnparity.threads = 1: this machine has no parallel path");
        Inputs in = inputs(c);
        for (Product op : Product.values()) {
            double[] a = op.storeA(in.a(), c.k()), b = op.storeB(in.b(), c.m()), shortC = new double[c.n() * c.m() - 1];
            assertThrows(IndexOutOfBoundsException.class, () -> op.into(c.n(), c.k(), c.m(), a, b, shortC), op + " " + c);
        }
    }

    static Stream<Case> parallelCases() {
        return Stream.of(Path.ROWS, Path.PANELS).map(p -> CASES.stream().filter(c -> c.path() == p).findFirst().orElseThrow());
    }

    // ---------------------------------------------------------------- the team of helper threads

    /** How long a test waits for the other thread before it calls the team broken. */
    static final long PATIENCE_SECONDS = 10;

    /**
     * A part for two threads at once: it returns only when a second thread has entered a part too,
     * so part 0 and part 1 run on different threads.
     */
    static IntConsumer rendezvous(CountDownLatch both, IntConsumer then) {
        return t -> {
            both.countDown();
            try {
                if (!both.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) throw new AssertionError("part " + t + " waited alone: no helper took a part");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            then.accept(t);
        };
    }

    static final class PartError extends Error {
    }

    @Test
    void theTeamRunsEveryPartExactlyOnce() {
        MatMul.Team team = new MatMul.Team(1);
        for (int parts : new int[]{1, 2, 3, 37}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            assertTrue(team.tryRun(parts, runs::incrementAndGet), "an idle team takes the run");
            for (int t = 0; t < parts; t++) assertEquals(1, runs.get(t), "part " + t + " of " + parts);
        }
    }

    @Test
    void aPartThatThrowsOnAHelperThrowsInTheCallerAndTheTeamStaysUsable() {
        MatMul.Team team = new MatMul.Team(1);
        Thread caller = Thread.currentThread();
        CountDownLatch both = new CountDownLatch(2);
        var e = assertThrows(IllegalStateException.class, () -> team.tryRun(2, rendezvous(both, t -> {
            if (Thread.currentThread() != caller) throw new IllegalStateException("part " + t + " failed on a helper");
        })));
        assertTrue(e.getMessage().endsWith("failed on a helper"), e.getMessage());
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        assertTrue(team.tryRun(3, runs::incrementAndGet), "the team is free again after a failure");
        for (int t = 0; t < 3; t++) assertEquals(1, runs.get(t), "part " + t + " after the failure");
    }

    @Test
    void anErrorInAPartIsRethrownAsItself() {
        MatMul.Team team = new MatMul.Team(1);
        Error error = new PartError();
        Error thrown = assertThrows(PartError.class, () -> team.tryRun(3, t -> {
            if (t == 1) throw error;
        }));
        assertSame(error, thrown);
    }

    @Test
    void aRunReturnsOnlyWhenTheHelpersPartIsDone() {
        MatMul.Team team = new MatMul.Team(1);
        Thread caller = Thread.currentThread();
        AtomicBoolean helperDone = new AtomicBoolean();
        assertTrue(team.tryRun(2, rendezvous(new CountDownLatch(2), t -> {
            if (Thread.currentThread() == caller) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            helperDone.set(true);
        })));
        assertTrue(helperDone.get(), "tryRun returned while the helper's part was still running");
    }

    /** After SPIN_NANOS without work a helper parks; the next run must wake it. */
    @Test
    void aParkedHelperIsWokenForTheNextRun() throws InterruptedException {
        MatMul.Team team = new MatMul.Team(1);
        assertTrue(team.tryRun(2, t -> { }), "first run starts the helper");
        for (int run = 0; run < 3; run++) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(5 * MatMul.Team.SPIN_NANOS));
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            assertTrue(team.tryRun(2, rendezvous(new CountDownLatch(2), runs::incrementAndGet)), "run " + run);
            assertEquals(1, runs.get(0) * runs.get(1), "run " + run + ": both parts ran once");
        }
    }

    /** One caller at a time: a second caller, while the first one's parts run, is told no and nothing of its runs. */
    @Test
    void aBusyTeamDeclinesASecondCallerWithoutRunningAnything() throws Exception {
        MatMul.Team team = new MatMul.Team(1);
        CountDownLatch inside = new CountDownLatch(2), release = new CountDownLatch(1);
        AtomicReference<Boolean> firstTaken = new AtomicReference<>();
        Thread first = new Thread(() -> firstTaken.set(team.tryRun(2, t -> {
            inside.countDown();
            try {
                release.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        })));
        first.start();
        try {
            assertTrue(inside.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first run's two parts never both started");
            AtomicBoolean ran = new AtomicBoolean();
            assertFalse(team.tryRun(1, t -> ran.set(true)), "a busy team took a second run");
            assertFalse(ran.get(), "a declined run ran a part");
        } finally {
            release.countDown();
            first.join(PATIENCE_SECONDS * 1000);
        }
        assertEquals(Boolean.TRUE, firstTaken.get(), "the first caller's run");
        AtomicBoolean ran = new AtomicBoolean();
        assertTrue(team.tryRun(1, t -> ran.set(true)) && ran.get(), "the team is free once the first run is over");
    }

    /** The helpers never keep the JVM alive (a run that returns from main must exit), and a thread dump names them. */
    @Test
    void helpersAreDaemonThreadsNamedAfterTheKernel() {
        MatMul.Team team = new MatMul.Team(1);
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> helper = new AtomicReference<>();
        assertTrue(team.tryRun(2, rendezvous(new CountDownLatch(2), t -> {
            if (Thread.currentThread() != caller) helper.set(Thread.currentThread());
        })));
        assertTrue(helper.get().isDaemon(), helper.get() + " is not a daemon");
        assertEquals("nnparity-matmul-1", helper.get().getName());
    }

    /**
     * Without fast FMA ({@link MatMul#FMA} false) the kernel takes other branches: {@code c + a·b}
     * in the plain loop and the tail, and a sum of four products in the 4-at-a-time loop, which
     * must add them one at a time, left to right. This JVM decided FMA at start-up, so the table
     * runs again in a child JVM started with {@code -XX:-UseFMA}: every case but the two largest
     * (3.9 M multiply-adds each, which take a cold JVM seconds and reach no other branch).
     * Tagged slow: PIT's mutants live in this JVM only, so under mutation testing the child
     * would run the unmutated kernel, once per mutant, and prove nothing.
     */
    @Tag("slow")
    @Test
    void withoutFmaEveryElementEqualsTheTextbookLoopOfMultiplyThenAdd() throws Exception {
        assumeTrue(MatMul.FMA, "this JVM runs without FMA already, so the table above covered it");
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(javaBin, "-XX:-UseFMA", "-Xmx512m", "-Dnnparity.threads=" + T,
                "-cp", System.getProperty("java.class.path"), WithoutFma.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(PATIENCE_SECONDS * 6, TimeUnit.SECONDS), "the child JVM did not finish:\n" + out);
        assertEquals(0, child.exitValue(), "the child JVM without FMA:\n" + out);
        assertTrue(out.contains("FMA false, " + WithoutFma.cases().size() * Product.values().length + " products bit for bit"), out);
    }

    /** The child JVM of {@link #withoutFmaEveryElementEqualsTheTextbookLoopOfMultiplyThenAdd}: exit 0 when every product matches. */
    static final class WithoutFma {
        static List<Case> cases() {
            return CASES.stream().filter(c -> c.macs() < 1_000_000).toList();
        }

        public static void main(String[] args) {
            int same = 0;
            for (Case c : cases()) {
                Inputs in = inputs(c);
                for (Product op : Product.values()) {
                    try {
                        assertSameBits(in.expected(), run(op, c, in), c.n(), c.m(), op + " " + c);
                        same++;
                    } catch (AssertionError e) {
                        System.out.println(e.getMessage());
                    }
                }
            }
            System.out.println("FMA " + MatMul.FMA + ", " + same + " products bit for bit");
            System.exit(same == cases().size() * Product.values().length && !MatMul.FMA ? 0 : 1);
        }
    }

    /** Guards the table: it reaches every path, and panels beyond NC on the one-thread and the panel paths. */
    @Test
    void theTableReachesEveryPath() {
        for (Path p : Path.values()) {
            if (p.parallel() && T == 1) continue;
            assertTrue(CASES.stream().anyMatch(c -> pathOf(c.n(), c.k(), c.m()) == p), "no case takes the " + p.label);
        }
        List<Integer> remainders = new ArrayList<>();
        for (Case c : CASES) if (c.m() > MatMul.NC && c.m() % MatMul.NC != 0) remainders.add(c.m() % MatMul.NC);
        assertTrue(remainders.contains(1), "no last panel one column wide: " + remainders);
    }
}
