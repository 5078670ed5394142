package nnparity.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import nnparity.data.Batch;
import nnparity.scratch.Matrix;
import nnparity.spec.ParamSet;

/**
 * "Is my hand-written loop slow?" The forward product {@code x · W1} ([B, nIn] · [nIn, H]), the
 * biggest of a step, three ways on the same numbers:
 *
 * <ul>
 *   <li>{@link #textbook}: the loop a learner writes first, {@code c[i][j] = Σ_p a[i][p]·b[p][j]}
 *       on row-major arrays (one thread, b read down its columns);</li>
 *   <li>{@link #kernel}: {@code Matrix.times}, the tuned kernel under the hand-written net
 *       (packed rows, a loop C2 vectorises, blocking, both cores; see {@code scratch.MatMul});</li>
 *   <li>{@link #baseline}: returns the result array, no work.</li>
 * </ul>
 *
 * Both give the same numbers up to summation order. GFLOP/s = 2·B·nIn·H / time.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar KernelBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KernelBench {

    @Param({"2-50-4x4", "784-50-10x100", "784-200-10x100", "784-800-10x100", "784-800-10x1000"})
    public String shape;

    @Param({"data"})
    public String input;

    /** {@code auto}: both cores; a number caps the kernel's threads ({@code -Dnnparity.threads}). */
    @Param({"auto"})
    public String threads;

    private Matrix x;
    private Matrix w;
    private double[] c;

    @Setup
    public void setUp() {
        if (!threads.equals("auto")) System.setProperty("nnparity.threads", String.valueOf(Integer.parseInt(threads)));
        Shape s = Shape.parse(shape);
        Batch b = Workload.batches(s, input)[0];
        x = new Matrix(b.rows(), s.nIn(), b.x());
        w = new Matrix(s.nIn(), s.hidden(), ParamSet.initial(s.spec()).layer(1).w());
        c = new double[b.rows() * s.hidden()];
    }

    @Benchmark
    public double[] textbook() {
        int n = x.rows, k = x.cols, m = w.cols;
        double[] a = x.data, b = w.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * m + j];
                c[i * m + j] = s;
            }
        }
        return c;
    }

    @Benchmark
    public Matrix kernel() {
        return x.times(w);
    }

    @Benchmark
    public double[] baseline() {
        return c;
    }
}
