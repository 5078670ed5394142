package nnparity.scratch;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The matrix-product kernel under {@link Matrix}: {@code c = op(a) · op(b)} for the three
 * products backprop needs, on row-major {@code double[]}. This is the one place that is tuned for
 * speed; the layers never see it. Each method <em>overwrites</em> {@code c}.
 *
 * <h2>What every element is</h2>
 * {@code c[i][j]} is the sum of {@code a(i,p) · b(p,j)} over p = 0, 1, …, k-1 in that order,
 * added one product at a time starting from 0, {@code c ← fma(a(i,p), b(p,j), c)}, skipping the p
 * where {@code a(i,p)} is exactly zero. That is the textbook triple loop written with
 * {@code Math.fma}, bit for bit, whatever the size, the blocking or the number of threads: the same
 * inputs always give the same bits. (Without fast FMA, see {@link #FMA}, it is {@code c + a·b}.)
 * Skipping zeros pays because ReLU outputs and image pixels are about half zeros; it changes
 * nothing for finite b, since {@code c + 0·b = c}. (For an infinite or NaN b the skipped
 * {@code 0·b} would have been NaN; a diverging run shows on its loss instead.)
 *
 * <h2>How it is fast</h2>
 * <ol>
 *   <li><b>A loop the JIT vectorises.</b> The innermost loop runs along a row of c and four rows
 *       of b at once, {@code c[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], c[j]))))},
 *       so that each load and store of c carries four multiply-adds. HotSpot's C2 (JDK 17) turns it into
 *       AVX2/AVX-512 code only when every array in the loop is indexed by the same {@code j}:
 *       with {@code c[ci + j]} and {@code b[bp + j]} it cannot rule out that the two overlap, and
 *       stays scalar. So the loop works on small arrays of their own, each starting at index 0:
 *       a block of b copied out row by row, and the rows of c being summed.</li>
 *   <li><b>Blocking for the cache.</b> Columns are cut into panels of at most {@link #NC}, the
 *       shared dimension into blocks of {@code kc} ≤ 64 rows, so that the block of b in use (at
 *       most {@link #BLOCK_BYTES}) stays in the L1 cache while the rows of a stream past it.</li>
 *   <li><b>Zeros cost nothing.</b> For each row of a and block, one branch-free pass sets a bit
 *       per nonzero a(i,p) in a {@code long}; the passes over c then take the set bits four at a
 *       time, lowest first, so the order above is kept.</li>
 *   <li><b>Both cores.</b> From {@link #PARALLEL_MIN_MACS} multiply-adds on, the rows of c (or,
 *       for a few rows, its column panels) are split between the caller and helper
 *       threads ({@link Team}); each part copies its own blocks of b. Every element is
 *       still computed by one thread in the order above, so the split never changes a bit.
 *       Where sharing a product of some size has lately cost more than it saved (a helper
 *       descheduled on a busy machine), the caller runs it alone for a while ({@link SplitPolicy}).</li>
 *   <li><b>Small products</b> (below {@link #SMALL_MACS}) run the plain loop, which gives the
 *       same bits without the copies.</li>
 * </ol>
 */
final class MatMul {
    /** Below this many multiply-adds (n·k·m), copying blocks costs more than it saves. */
    static final long SMALL_MACS = 8_192;
    /** From this many multiply-adds on (a few µs on one core), the work is split between threads. */
    static final long PARALLEL_MIN_MACS = 1L << 15;
    /** Widest column panel: the inner loop's length. */
    static final int NC = 128;
    /** The block of b reused by every row of a: kc rows of a panel, inside a 32–48 KiB L1 cache. */
    static final int BLOCK_BYTES = 32 * 1024;
    /** Multiply-adds are fused (one rounding) where that is fast; see {@link #fusedMultiplyAddIsFast}. */
    static final boolean FMA = fusedMultiplyAddIsFast();
    /** Threads that share one product, the caller included: every core, or {@code -Dnnparity.threads=N}. */
    static final int THREADS = Math.max(1, Integer.getInteger("nnparity.threads", Runtime.getRuntime().availableProcessors()));

    private MatMul() {
    }

    /** c[n,m] = a[n,k] · b[k,m]. */
    static void ab(int n, int k, int m, double[] a, double[] b, double[] c) {
        multiply(n, k, m, a, k, 1, b, m, 1, c);
    }

    /** c[n,m] = a[k,n]ᵀ · b[k,m]. */
    static void atb(int n, int k, int m, double[] a, double[] b, double[] c) {
        multiply(n, k, m, a, 1, n, b, m, 1, c);
    }

    /** c[n,m] = a[n,k] · b[m,k]ᵀ. */
    static void abt(int n, int k, int m, double[] a, double[] b, double[] c) {
        multiply(n, k, m, a, k, 1, b, 1, k, c);
    }

    /**
     * c = A · B with strides: A(i,p) = a[i·ars + p·acs], B(p,j) = b[p·brs + j·bcs]; the three
     * products differ only in these.
     */
    private static void multiply(int n, int k, int m, double[] a, int ars, int acs, double[] b, int brs, int bcs, double[] c) {
        long macs = (long) n * k * m;
        if (macs < SMALL_MACS) {
            plain(n, k, m, a, ars, acs, b, brs, bcs, c);
            return;
        }
        int nc = Math.min(m, NC);
        int kc = Math.max(4, Math.min(Math.min(k, Long.SIZE), BLOCK_BYTES / (Double.BYTES * nc)));
        int panels = (m + nc - 1) / nc;
        int threads = macs < PARALLEL_MIN_MACS ? 1 : THREADS;
        boolean byRows = n >= 4 * threads || panels < threads;
        // Threads claim parts as they go, so a few more parts than threads even out rows that cost
        // more than others (image regions differ in their zeros). A part of rows copies all of b
        // once, so only tall products are cut finer.
        int units = byRows ? n : panels;
        int p = threads == 1 ? 1 : Math.min(units, threads * (byRows ? Math.max(1, Math.min(4, n / 128)) : 4));
        inParallel(macs, p, t -> {
            int u0 = units * t / p, u1 = units * (t + 1) / p;
            if (byRows) tile(a, ars, acs, b, brs, bcs, c, m, k, u0, u1, 0, m, nc, kc);
            else tile(a, ars, acs, b, brs, bcs, c, m, k, 0, n, u0 * nc, Math.min(m, u1 * nc), nc, kc);
        });
    }

    /** The textbook loop, for small products. */
    private static void plain(int n, int k, int m, double[] a, int ars, int acs, double[] b, int brs, int bcs, double[] c) {
        Arrays.fill(c, 0, n * m, 0.0);
        for (int i = 0; i < n; i++) {
            int ci = i * m;
            for (int p = 0; p < k; p++) {
                double aip = a[i * ars + p * acs];
                if (aip == 0) continue;
                int bp = p * brs;
                for (int j = 0; j < m; j++) c[ci + j] = madd(aip, b[bp + j * bcs], c[ci + j]);
            }
        }
    }

    /** Rows [i0, i1) and columns [j0, j1) of c: panel by panel, block by block, row by row. */
    private static void tile(double[] a, int ars, int acs, double[] b, int brs, int bcs, double[] c, int m, int k,
                             int i0, int i1, int j0, int j1, int nc, int kc) {
        Workspace ws = WORKSPACE.get().fit(kc, nc, i1 - i0);
        double[][] block = ws.block, sums = ws.sums;
        for (int q0 = j0; q0 < j1; q0 += nc) {
            int w = Math.min(nc, j1 - q0);
            for (int i = i0; i < i1; i++) Arrays.fill(sums[i - i0], 0, w, 0.0);
            for (int p0 = 0; p0 < k; p0 += kc) {
                int p1 = Math.min(k, p0 + kc);
                copyBlock(b, brs, bcs, p0, p1, q0, w, block);
                for (int i = i0; i < i1; i++) {
                    // Bit s says a(i, p0 + s) ≠ 0: one pass without a branch, no stores.
                    int ai = i * ars + p0 * acs;
                    long nonzero = 0;
                    for (int s = 0; s < p1 - p0; s++) nonzero |= (a[ai + s * acs] != 0 ? 1L : 0L) << s;
                    rowTimesBlock(sums[i - i0], a, ai, acs, nonzero, block, w);
                }
            }
            for (int i = i0; i < i1; i++) System.arraycopy(sums[i - i0], 0, c, i * m + q0, w);
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * One thread's scratch arrays, kept between calls so that a training step allocates nothing
     * here: the copied block of b and the rows of c being summed.
     * They only grow, to the largest product the thread has computed.
     */
    private static final class Workspace {
        double[][] block = new double[0][];
        double[][] sums = new double[0][];

        Workspace fit(int kc, int nc, int rows) {
            if (block.length < kc || block[0].length < nc) block = new double[Math.max(kc, block.length)][Math.max(nc, width(block))];
            if (sums.length < rows || sums[0].length < nc) sums = new double[Math.max(rows, sums.length)][Math.max(nc, width(sums))];
            return this;
        }

        private static int width(double[][] rows) {
            return rows.length == 0 ? 0 : rows[0].length;
        }
    }

    /** block[p - p0][0 .. w) = B(p, q0 .. q0 + w) for p in [p0, p1). */
    private static void copyBlock(double[] b, int brs, int bcs, int p0, int p1, int q0, int w, double[][] block) {
        for (int p = p0; p < p1; p++) {
            double[] row = block[p - p0];
            if (bcs == 1) {
                System.arraycopy(b, p * brs + q0, row, 0, w);
            } else {
                for (int j = 0; j < w; j++) row[j] = b[p * brs + (q0 + j) * bcs];
            }
        }
    }

    /**
     * sum[0 .. w) += Σ_s a[ai + s·acs] · block[s][0 .. w) over the bits s of {@code nonzero},
     * lowest first.
     */
    private static void rowTimesBlock(double[] sum, double[] a, int ai, int acs, long nonzero, double[][] block, int w) {
        long left = nonzero;
        for (int n = Long.bitCount(left); n >= 4; n -= 4) {
            int s0 = Long.numberOfTrailingZeros(left);
            left &= left - 1;
            int s1 = Long.numberOfTrailingZeros(left);
            left &= left - 1;
            int s2 = Long.numberOfTrailingZeros(left);
            left &= left - 1;
            int s3 = Long.numberOfTrailingZeros(left);
            left &= left - 1;
            double a0 = a[ai + s0 * acs], a1 = a[ai + s1 * acs], a2 = a[ai + s2 * acs], a3 = a[ai + s3 * acs];
            double[] b0 = block[s0], b1 = block[s1], b2 = block[s2], b3 = block[s3];
            if (FMA) {
                for (int j = 0; j < w; j++) sum[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], sum[j]))));
            } else {
                for (int j = 0; j < w; j++) sum[j] = sum[j] + a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; left != 0; left &= left - 1) {
            int s0 = Long.numberOfTrailingZeros(left);
            double a0 = a[ai + s0 * acs];
            double[] b0 = block[s0];
            for (int j = 0; j < w; j++) sum[j] = madd(a0, b0[j], sum[j]);
        }
    }

    /** {@code c + a·b}: one fused multiply-add where the hardware has it, else a multiply and an add. */
    private static double madd(double a, double b, double c) {
        return FMA ? Math.fma(a, b, c) : c + a * b;
    }

    /**
     * Whether {@code Math.fma} is one instruction here (HotSpot's {@code UseFMA}: x86 since 2013,
     * every ARM64); elsewhere it is a slow exact software routine, and a multiply and an add are used.
     */
    private static boolean fusedMultiplyAddIsFast() {
        try {
            var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Runs part(0) … part(parts-1) on the caller and the {@link Team}'s helpers; returns when all are done. */
    private static void inParallel(long macs, int parts, IntConsumer part) {
        if (parts == 1 || !TEAM.tryRun(parts, part, POLICIES[Long.numberOfTrailingZeros(Long.highestOneBit(macs))])) {
            for (int t = 0; t < parts; t++) part.accept(t);
        }
    }

    private static final Team TEAM = new Team(THREADS - 1);
    /** One {@link SplitPolicy} per product size, by ⌊log2(n·k·m)⌋: products of a size fare alike. */
    private static final SplitPolicy[] POLICIES = new SplitPolicy[Long.SIZE];

    static {
        for (int i = 0; i < POLICIES.length; i++) POLICIES[i] = new SplitPolicy();
    }

    /**
     * Helper threads for {@link #inParallel}, started on first use. A helper that runs out of work
     * spins for {@link #SPIN_NANOS} before it parks, as an OpenMP runtime does: a training step has
     * two large products a few dozen microseconds apart, and waking a parked thread costs about as
     * much as half a product (measured with a {@code ForkJoinPool} on this 2-vCPU VM: a median
     * 70 µs). One caller at a time: a thread that asks while the team is busy runs its parts
     * itself, which gives the same bits.
     *
     * <p>Each run has a generation; a part is claimed by advancing {@code ticket}, which holds the
     * generation in its high bits and the next part in its low bits, so a helper that wakes late
     * can never claim a part of a run that is over.
     */
    static final class Team {
        static final long SPIN_NANOS = 2_000_000;
        private static final int PART_BITS = 20;

        private final int helpers;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicLong ticket = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private Thread[] threads;
        private volatile long generation;
        private volatile boolean parked;
        private volatile IntConsumer job;
        private volatile int parts;
        private volatile Throwable failure;

        Team(int helpers) {
            this.helpers = helpers;
        }

        /** Runs the parts with the helpers; false, having run nothing, if the team is in use. */
        boolean tryRun(int parts, IntConsumer part) {
            return tryRun(parts, part, null);
        }

        /**
         * As {@link #tryRun(int, IntConsumer)}, and also false, having run nothing, when the
         * policy says that sharing runs of this size has lately cost more than it saved; a shared
         * run is recorded with the policy.
         */
        boolean tryRun(int parts, IntConsumer part, SplitPolicy policy) {
            if (helpers == 0 || !busy.compareAndSet(false, true)) return false;
            try {
                if (policy != null && !policy.share()) return false;
                if (threads == null) start();
                long g = generation + 1;
                ticket.set(g << PART_BITS);       // from here on, only generation g can claim
                done.set(0);
                failure = null;
                this.job = part;
                this.parts = parts;
                generation = g;                    // wakes the spinning helpers
                if (parked) for (Thread t : threads) LockSupport.unpark(t);
                long start = System.nanoTime();
                int own = work(g, part, parts);
                long ownEnd = System.nanoTime();
                while (done.get() < parts) Thread.onSpinWait();
                if (policy != null) policy.record(ownEnd - start, own, parts - own, System.nanoTime() - ownEnd);
                job = null;
                Throwable f = failure;
                if (f instanceof RuntimeException r) throw r;
                if (f instanceof Error e) throw e;
                return true;
            } finally {
                busy.set(false);
            }
        }

        /** Claims and runs parts of generation g until none is left; returns how many it ran. */
        private int work(long g, IntConsumer j, int n) {
            int ran = 0;
            while (true) {
                long t = ticket.get();
                int next = (int) (t & ((1 << PART_BITS) - 1));
                if (t >>> PART_BITS != g || next >= n) return ran;
                if (!ticket.compareAndSet(t, t + 1)) continue;
                ran++;
                try {
                    j.accept(next);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        private void start() {
            threads = new Thread[helpers];
            for (int h = 0; h < helpers; h++) {
                threads[h] = new Thread(this::helperLoop, "nnparity-matmul-" + (h + 1));
                threads[h].setDaemon(true);
                threads[h].start();
            }
        }

        private void helperLoop() {
            long seen = 0;
            while (true) {
                long since = System.nanoTime();
                while (generation == seen) {
                    if (System.nanoTime() - since < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (generation == seen) LockSupport.park(this);
                        parked = false;
                        since = System.nanoTime();
                    }
                }
                seen = generation;
                IntConsumer j = job;
                int n = parts;
                if (j != null) work(seen, j, n);
            }
        }
    }
}
