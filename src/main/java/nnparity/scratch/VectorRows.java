package nnparity.scratch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatMul}'s register-blocked row kernel, written with JDK's Vector API
 * ({@code jdk.incubator.vector}): one row of c, up to eight vectors wide, is held in registers
 * while every nonzero a(i,p) of a block is broadcast and multiplied into the matching row of the
 * block of b.
 *
 * <p><b>Same bits as the textbook loop.</b> Each lane is one element c(i,j), and it is updated as
 * {@code c ← fma(a(i,p), b(p,j), c)} for the nonzero a(i,p) in the order p = 0, 1, …: the vector
 * {@code fma} is the scalar {@code Math.fma} lane by lane (one rounding), so nothing but the speed
 * changes. Only lanes past the product's width (padding, zeros in the block) are computed in vain.
 *
 * <p><b>Why it is faster than the loop it replaces.</b> The loop C2 vectorises by itself loads and
 * stores each element of c once per four products; here c stays in registers for a whole block,
 * so each multiply-add needs one load, of b. A strip of eight vectors keeps eight independent
 * chains of fused multiply-adds in flight, enough to cover the FMA latency on two pipes.
 *
 * <p>This class is loaded only when the module is present ({@link MatMul#vectorKernelAvailable}); without
 * {@code --add-modules jdk.incubator.vector} the kernel uses the plain-Java loop. It is opt-in
 * ({@code -Dnnparity.kernel=vector}): measured, it was not faster than the loop (benchmarks/README.md).
 */
final class VectorRows {
    /**
     * 256-bit vectors (4 doubles) even where the hardware has 512: a Java array's data starts 16
     * bytes into the object, so a 64-byte load from it almost always straddles two cache lines,
     * and on the AVX-512 machine measured (AMD EPYC, Zen 5) the 512-bit strip ran at 33 GFLOP per
     * CPU-second against 54 for the 256-bit one (58 when the 512-bit loads happened to be aligned).
     * Smaller where the hardware has less (then the JIT would not compile 256-bit vectors to
     * instructions).
     */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector: 4 with AVX2 or AVX-512, 2 with SSE or NEON. */
    static final int LANES = SPECIES.length();

    private VectorRows() {
    }

    /**
     * The row length the block and the sums use for a panel of w columns: w rounded up so that it
     * splits exactly into strips of 8, 4, 2 and 1 vectors (at most one of each below 8), with at
     * most three vectors of padding and none where w fills its vectors and a strip exactly.
     */
    static int paddedWidth(int w) {
        int nv = (w + LANES - 1) / LANES;
        int eights = nv / 8, rest = nv % 8;
        if (rest >= 5) {
            eights++;
            rest = 0;
        } else if (rest == 3) {
            rest = 4;
        }
        return (eights * 8 + rest) * LANES;
    }

    /**
     * sums[so .. so + wp) += Σ_t vals[t] · block[offs[t] .. offs[t] + wp) for t = 0 … count-1 in
     * order; wp is a {@link #paddedWidth}.
     */
    static void rowTimesBlock(double[] sums, int so, double[] vals, int[] offs, int count, double[] block, int wp) {
        int col = 0;
        int left = wp / LANES;
        for (; left >= 8; left -= 8, col += 8 * LANES) strip8(sums, so + col, vals, offs, count, block, col);
        if (left >= 4) {
            strip4(sums, so + col, vals, offs, count, block, col);
            left -= 4;
            col += 4 * LANES;
        }
        if (left >= 2) {
            strip2(sums, so + col, vals, offs, count, block, col);
            left -= 2;
            col += 2 * LANES;
        }
        if (left >= 1) strip1(sums, so + col, vals, offs, count, block, col);
    }

    private static void strip8(double[] sums, int so, double[] vals, int[] offs, int count, double[] block, int col) {
        final int l = LANES;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, sums, so);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, sums, so + l);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, sums, so + 2 * l);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, sums, so + 3 * l);
        DoubleVector c4 = DoubleVector.fromArray(SPECIES, sums, so + 4 * l);
        DoubleVector c5 = DoubleVector.fromArray(SPECIES, sums, so + 5 * l);
        DoubleVector c6 = DoubleVector.fromArray(SPECIES, sums, so + 6 * l);
        DoubleVector c7 = DoubleVector.fromArray(SPECIES, sums, so + 7 * l);
        for (int t = 0; t < count; t++) {
            DoubleVector a = DoubleVector.broadcast(SPECIES, vals[t]);
            int bo = offs[t] + col;
            c0 = a.fma(DoubleVector.fromArray(SPECIES, block, bo), c0);
            c1 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + l), c1);
            c2 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 2 * l), c2);
            c3 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 3 * l), c3);
            c4 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 4 * l), c4);
            c5 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 5 * l), c5);
            c6 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 6 * l), c6);
            c7 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 7 * l), c7);
        }
        c0.intoArray(sums, so);
        c1.intoArray(sums, so + l);
        c2.intoArray(sums, so + 2 * l);
        c3.intoArray(sums, so + 3 * l);
        c4.intoArray(sums, so + 4 * l);
        c5.intoArray(sums, so + 5 * l);
        c6.intoArray(sums, so + 6 * l);
        c7.intoArray(sums, so + 7 * l);
    }

    private static void strip4(double[] sums, int so, double[] vals, int[] offs, int count, double[] block, int col) {
        final int l = LANES;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, sums, so);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, sums, so + l);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, sums, so + 2 * l);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, sums, so + 3 * l);
        for (int t = 0; t < count; t++) {
            DoubleVector a = DoubleVector.broadcast(SPECIES, vals[t]);
            int bo = offs[t] + col;
            c0 = a.fma(DoubleVector.fromArray(SPECIES, block, bo), c0);
            c1 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + l), c1);
            c2 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 2 * l), c2);
            c3 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + 3 * l), c3);
        }
        c0.intoArray(sums, so);
        c1.intoArray(sums, so + l);
        c2.intoArray(sums, so + 2 * l);
        c3.intoArray(sums, so + 3 * l);
    }

    private static void strip2(double[] sums, int so, double[] vals, int[] offs, int count, double[] block, int col) {
        final int l = LANES;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, sums, so);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, sums, so + l);
        for (int t = 0; t < count; t++) {
            DoubleVector a = DoubleVector.broadcast(SPECIES, vals[t]);
            int bo = offs[t] + col;
            c0 = a.fma(DoubleVector.fromArray(SPECIES, block, bo), c0);
            c1 = a.fma(DoubleVector.fromArray(SPECIES, block, bo + l), c1);
        }
        c0.intoArray(sums, so);
        c1.intoArray(sums, so + l);
    }

    private static void strip1(double[] sums, int so, double[] vals, int[] offs, int count, double[] block, int col) {
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, sums, so);
        for (int t = 0; t < count; t++) {
            c0 = DoubleVector.broadcast(SPECIES, vals[t]).fma(DoubleVector.fromArray(SPECIES, block, offs[t] + col), c0);
        }
        c0.intoArray(sums, so);
    }
}
