package nnparity.bench;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
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
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.spec.ParamSet;

/**
 * The DL4J twin ({@code nnparity.dl4j.Dl4jNets}): time per training step and per forward pass.
 *
 * <ul>
 *   <li>{@link #step}: one {@code MultiLayerNetwork.fit} on a batch already held as INDArrays
 *       (as a {@code DataSetIterator} would hand it over): forward, backward and the Sgd update;</li>
 *   <li>{@link #infer}: {@code output(x, false)}, the class probabilities of one batch;</li>
 *   <li>{@link #baseline}: the same batch selection, no work.</li>
 * </ul>
 *
 * The knobs DL4J offers, each a {@code @Param} so that they can be compared (the defaults are the
 * fastest found; see the README): {@code dtype} double (the parity setting) or float;
 * {@code api} {@code fit(DataSet)} or {@code fit(features, labels)}; {@code workspaces} ENABLED
 * (DL4J's default) or NONE for training and inference; {@code threads} ND4J's default (OpenMP and
 * OpenBLAS each use every core) or a fixed count for both. Same net, initial parameters and
 * batches as {@link HandWrittenBench}.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar Dl4jBench -p shape=784-50-10x100 -p threads=1,2
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class Dl4jBench {

    @Param({"2-50-4x4", "784-50-10x1", "784-50-10x100", "784-50-10x1000", "784-200-10x1", "784-200-10x100",
            "784-200-10x1000", "784-800-10x1", "784-800-10x100", "784-800-10x1000"})
    public String shape;

    @Param({"data"})
    public String input;

    @Param({"double"})
    public String dtype;

    /** {@code dataset}: {@code fit(DataSet)}; {@code arrays}: {@code fit(INDArray, INDArray)}. */
    @Param({"dataset"})
    public String api;

    @Param({"ENABLED"})
    public String workspaces;

    /**
     * {@code default} (ND4J's: every core), or a thread count for ND4J's OpenMP loops and OpenBLAS.
     * One thread is DL4J's fastest setup on the 2-core machine measured (see the README), by 3–6×
     * for the small nets: two OpenMP threads spin against the JVM's own threads.
     */
    @Param({"1"})
    public String threads;

    /**
     * What the JVM's environment holds of {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE},
     * which ND4J's bundled OpenBLAS (0.3.19, built for every x86 core) reads when it loads, as
     * numpy's does: {@code env}, whatever they are, or {@code unset}, checked here (run the JMH
     * command under {@code env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE}).
     */
    @Param({"env"})
    public String openblas;

    private MultiLayerNetwork net;
    private INDArray initial;
    private INDArray[] xs;
    private INDArray[] ts;
    private DataSet[] sets;
    private boolean viaDataSet;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (openblas.equals("unset") && (System.getenv("OPENBLAS_CORETYPE") != null || System.getenv("OPENBLAS_L2_SIZE") != null))
            throw new IllegalStateException("openblas=unset, but the environment sets OPENBLAS_CORETYPE="
                    + System.getenv("OPENBLAS_CORETYPE") + " OPENBLAS_L2_SIZE=" + System.getenv("OPENBLAS_L2_SIZE"));
        Shape s = Shape.parse(shape);
        DataType type = switch (dtype) {
            case "double" -> DataType.DOUBLE;
            case "float" -> DataType.FLOAT;
            default -> throw new IllegalArgumentException("dtype '" + dtype + "' is not known; valid: double | float");
        };
        viaDataSet = switch (api) {
            case "dataset" -> true;
            case "arrays" -> false;
            default -> throw new IllegalArgumentException("api '" + api + "' is not known; valid: dataset | arrays");
        };
        if (!threads.equals("default")) {
            int t = Integer.parseInt(threads);
            Nd4j.getEnvironment().setMaxThreads(t);
            Nd4j.getEnvironment().setMaxMasterThreads(t);
            Nd4j.factory().blas().setMaxThreads(t);
        }
        MultiLayerConfiguration conf = Dl4jNets.configuration(s.spec());
        WorkspaceMode ws = WorkspaceMode.valueOf(workspaces);
        conf.setTrainingWorkspaceMode(ws);
        conf.setInferenceWorkspaceMode(ws);
        MultiLayerNetwork built = Dl4jNets.network(conf);
        ParamBridge.write(ParamSet.initial(s.spec()), built);
        net = type == DataType.DOUBLE ? built : built.convertDataType(type);
        Nd4j.setDefaultDataTypes(type, type);
        initial = net.params().dup();

        Batch[] batches = Workload.batches(s, input);
        xs = new INDArray[batches.length];
        ts = new INDArray[batches.length];
        sets = new DataSet[batches.length];
        for (int i = 0; i < batches.length; i++) {
            Batch b = batches[i];
            xs[i] = Nd4j.create(b.x(), new long[]{b.rows(), s.nIn()}, 'c').castTo(type);
            ts[i] = Nd4j.create(b.t(), new long[]{b.rows(), s.nOut()}, 'c').castTo(type);
            sets[i] = new DataSet(xs[i], ts[i]);
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
        if (viaDataSet) net.fit(sets[i]);
        else net.fit(xs[i], ts[i]);
        return net.score();
    }

    @Benchmark
    public INDArray infer() {
        return net.output(xs[next++ & (Workload.BATCHES - 1)], false);
    }

    @Benchmark
    public INDArray baseline() {
        return xs[next++ & (Workload.BATCHES - 1)];
    }
}
