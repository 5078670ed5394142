package nnparity.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import nnparity.scratch.Network;
import nnparity.scratch.Sgd;
import nnparity.spec.ParamSet;

/**
 * The hand-written net ({@code nnparity.scratch}): time per training step and per forward pass.
 *
 * <ul>
 *   <li>{@link #step}: one training step, {@code lossAndGradients} (forward and backward) then
 *       {@code Sgd.step}, exactly what {@code ScratchSide} does in the lockstep harness;</li>
 *   <li>{@link #infer}: class probabilities for one batch, {@code Network.predict};</li>
 *   <li>{@link #baseline}: the same batch selection, no work: the harness's own floor.</li>
 * </ul>
 *
 * Setup, as on the DL4J side ({@link Dl4jBench}): the net of {@link Shape#spec()}, the same
 * initial parameters, reset before every iteration, and {@link Workload#BATCHES} batches of
 * {@link Workload} cycled. The matrix kernel uses both cores by itself above its threshold.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar HandWrittenBench -p shape=784-50-10x100
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class HandWrittenBench {

    @Param({"2-50-4x4", "784-50-10x1", "784-50-10x100", "784-50-10x1000", "784-200-10x1", "784-200-10x100",
            "784-200-10x1000", "784-800-10x1", "784-800-10x100", "784-800-10x1000"})
    public String shape;

    /** {@code data} (quadrant points or Fashion-MNIST) or {@code dense} (noise without zeros). */
    @Param({"data"})
    public String input;

    /**
     * {@code auto}: the kernel uses every core; a number caps its threads ({@code -Dnnparity.threads},
     * read once, when the kernel is first used: every JMH fork is a fresh JVM).
     */
    @Param({"auto"})
    public String threads;

    private Network net;
    private Sgd sgd;
    private ParamSet initial;
    private Matrix[] xs;
    private Matrix[] ts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (!threads.equals("auto")) System.setProperty("nnparity.threads", String.valueOf(Integer.parseInt(threads)));
        Shape s = Shape.parse(shape);
        initial = ParamSet.initial(s.spec());
        net = new Network(s.spec(), initial);
        sgd = new Sgd(s.spec().learningRate());
        Batch[] batches = Workload.batches(s, input);
        xs = new Matrix[batches.length];
        ts = new Matrix[batches.length];
        for (int i = 0; i < batches.length; i++) {
            xs[i] = new Matrix(batches[i].rows(), s.nIn(), batches[i].x());
            ts[i] = new Matrix(batches[i].rows(), s.nOut(), batches[i].t());
        }
    }

    @Setup(Level.Iteration)
    public void resetParameters() {
        net.setParams(initial);
        next = 0;
    }

    @Benchmark
    public double step() {
        int i = next++ & (Workload.BATCHES - 1);
        double loss = net.lossAndGradients(xs[i], ts[i]);
        sgd.step(net.parameters());
        return loss;
    }

    @Benchmark
    public Matrix infer() {
        return net.predict(xs[next++ & (Workload.BATCHES - 1)]);
    }

    @Benchmark
    public Matrix baseline() {
        return xs[next++ & (Workload.BATCHES - 1)];
    }
}
