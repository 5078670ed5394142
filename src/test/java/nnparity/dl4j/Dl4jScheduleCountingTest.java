package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How DL4J 1.0.0-M2.1 counts iterations and epochs for a learning-rate schedule, read off DL4J
 * itself: a schedule that records every {@code (iteration, epoch)} its updater asks it about.
 * What these tests pin (and the hand-written side must copy):
 *
 * <ul>
 *   <li>the first update of a fresh net sees iteration 0, epoch 0; each {@code fit} of one
 *       minibatch asks with the iteration count, then adds one to it
 *       ({@code StochasticGradientDescent.optimize}: {@code BaseOptimizer.gradientAndScore}
 *       updates with the count, then {@code incrementIterationCount});</li>
 *   <li>{@code fit(DataSet)} and {@code fit(x, y)} never change the epoch;</li>
 *   <li>{@code fit(iterator)} adds one to the epoch after its last minibatch
 *       ({@code MultiLayerNetwork.fitHelper} ends with {@code incrementEpochCount()}), and
 *       {@code fit(iterator, n)} is n such calls: the iteration count runs on across epochs;</li>
 *   <li>{@code computeGradientAndScore()} asks nothing and counts nothing.</li>
 * </ul>
 */
class Dl4jScheduleCountingTest {

    /** Every (iteration, epoch) asked of the schedule, in order, with repeats within one update removed. */
    static final class Recorder {
        final List<String> asked = new ArrayList<>();

        void record(int iteration, int epoch) {
            String s = iteration + "/" + epoch;
            if (asked.isEmpty() || !asked.get(asked.size() - 1).equals(s)) asked.add(s);
        }
    }

    /** A fixed learning rate that tells the recorder when DL4J asks for it; clones share the recorder. */
    static final class RecordingSchedule implements ISchedule {
        private final Recorder recorder;

        RecordingSchedule(Recorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            recorder.record(iteration, epoch);
            return 0.1;
        }

        @Override
        public ISchedule clone() {
            return new RecordingSchedule(recorder);
        }
    }

    private static MultiLayerNetwork net(Recorder r) {
        Dl4jNets.useDoublePrecision();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).updater(new Sgd(new RecordingSchedule(r)))
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int i) {
        return new DataSet(Nd4j.create(new double[][]{{0.1 * i, -0.2}, {0.3, 0.4 * i}}),
                Nd4j.create(new double[][]{{1, 0}, {0, 1}}));
    }

    @Test
    void fitOfOneBatchAsksWithTheIterationCountFromZeroAndNeverMovesTheEpoch() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = net(r);
        for (int i = 0; i < 3; i++) net.fit(batch(i));
        assertEquals(List.of("0/0", "1/0", "2/0"), r.asked);
        assertEquals(3, net.getIterationCount());
        assertEquals(0, net.getEpochCount());
    }

    @Test
    void fitOfAnIteratorForSeveralEpochsMovesTheEpochAfterEachPassAndKeepsCountingIterations() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = net(r);
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(List.of(batch(1), batch(2), batch(3)), 1);
        net.fit(it, 2);
        assertEquals(List.of("0/0", "1/0", "2/0", "3/1", "4/1", "5/1"), r.asked);
        assertEquals(6, net.getIterationCount());
        assertEquals(2, net.getEpochCount());
    }

    @Test
    void incrementEpochCountBetweenSingleBatchFitsIsWhatAnEpochLoopMustCall() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = net(r);
        net.fit(batch(1));
        net.fit(batch(2));
        net.incrementEpochCount();
        net.fit(batch(3));
        assertEquals(List.of("0/0", "1/0", "2/1"), r.asked);
    }

    @Test
    void computeGradientAndScoreAsksTheScheduleNothingAndCountsNothing() {
        Recorder r = new Recorder();
        MultiLayerNetwork net = net(r);
        DataSet b = batch(1);
        net.setInput(b.getFeatures());
        net.setLabels(b.getLabels());
        net.computeGradientAndScore();
        assertEquals(List.of(), r.asked);
        assertEquals(0, net.getIterationCount());
        net.fit(b);
        assertEquals(List.of("0/0"), r.asked);
    }
}
