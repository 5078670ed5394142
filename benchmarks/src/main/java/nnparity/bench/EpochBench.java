package nnparity.bench;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
import nnparity.data.BatchOrder;
import nnparity.data.MnistData;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.scratch.Sgd;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * One full Fashion-MNIST epoch, wall clock, single shot: 60,000 training images in a shuffled
 * order, 600 steps of batch 100 on the digits net 784-50-10 (ReLU, SGD lr 0.1). Each step
 * gathers its batch from the bytes ({@code Batch.of}: pixels / 255 into doubles, one-hot labels)
 * and trains on it, as the {@code compare} command does.
 *
 * <ul>
 *   <li>{@link #handWritten}: {@code Network.lossAndGradients} then {@code Sgd.step};</li>
 *   <li>{@link #dl4j}: the batch copied into INDArrays, then {@code fit(DataSet)}, one ND4J thread;</li>
 *   <li>{@link #baseline}: only the 600 {@code Batch.of} conversions.</li>
 * </ul>
 *
 * Each measured epoch starts from the same initial parameters and uses the same order.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar EpochBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class EpochBench {

    @Param({"100"})
    public int batch;

    /** DL4J's threads (ND4J's OpenMP and OpenBLAS); 1 is its fastest here, see {@link Dl4jBench#threads}. */
    @Param({"1"})
    public int dl4jThreads;

    private MnistData train;
    private int[][] order;
    private ParamSet initial;
    private Network net;
    private Sgd sgd;
    private MultiLayerNetwork dl4jNet;

    @Setup(Level.Trial)
    public void setUp() {
        train = Workload.fashionTrain();
        order = new BatchOrder(train.size(), batch, Workload.SEED).epoch(0);
        NetSpec spec = NetSpec.digits();
        initial = ParamSet.initial(spec);
        net = new Network(spec, initial);
        sgd = new Sgd(spec.learningRate());
        Nd4j.getEnvironment().setMaxThreads(dl4jThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(dl4jThreads);
        Nd4j.factory().blas().setMaxThreads(dl4jThreads);
        dl4jNet = Dl4jNets.network(spec);
    }

    @Setup(Level.Iteration)
    public void resetParameters() {
        net.setParams(initial);
        ParamBridge.write(initial, dl4jNet);
    }

    @Benchmark
    public double handWritten() {
        double loss = 0;
        for (int[] indices : order) {
            Batch b = Batch.of(train, indices);
            loss = net.lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
            sgd.step(net.parameters());
        }
        return loss;
    }

    @Benchmark
    public double dl4j() {
        for (int[] indices : order) {
            Batch b = Batch.of(train, indices);
            dl4jNet.fit(new DataSet(Nd4j.create(b.x(), new long[]{b.rows(), b.nIn()}, 'c'),
                    Nd4j.create(b.t(), new long[]{b.rows(), b.nOut()}, 'c')));
        }
        return dl4jNet.score();
    }

    @Benchmark
    public double baseline() {
        double sum = 0;
        for (int[] indices : order) sum += Batch.of(train, indices).x()[0];
        return sum;
    }
}
