import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.BatchOrder;
import nnparity.data.QuadrantData;
import nnparity.dl4j.ConfigTranslator;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.parity.Dl4jSide;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.Tolerances;
import nnparity.report.ClassVector;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * examples/QuadrantDl4j is the DL4J side of nn-parity's default run, written as a learner writes
 * DL4J: same configuration, same training, and where its iterator batches otherwise, the test
 * says how and by how much.
 */
@Tag("slow")
class QuadrantDl4jTest {
    /** Same doubles, every bit: the example's fit and the lockstep's DL4J side do the same arithmetic. */
    static final double BIT_IDENTICAL = 0;
    /**
     * The same full batch summed in another row order: rounding only, a few ulps per step that
     * 1000 steps compound (measured 4.4e-16); the lockstep's own parameter bound.
     */
    static final double ROW_ORDER_BOUND = Tolerances.DEFAULT.paramScaled();

    static final TrainSpec DEFAULT_TRAINING = new TrainSpec(QuadrantDl4j.EPOCHS, QuadrantDl4j.BATCH_SIZE, QuadrantDl4j.SEED);
    static Lockstep lockstep;
    static LockstepResult result;

    @BeforeAll
    static void runTheDefaultLockstep() {
        Dl4jNets.useDoublePrecision();
        lockstep = new Lockstep(NetSpec.quadrant(), DEFAULT_TRAINING, QuadrantData.tutorial(), Tolerances.DEFAULT);
        result = lockstep.run();
    }

    /** The example's network, started from the lockstep's initial weights instead of drawing its own. */
    private static MultiLayerNetwork exampleFromLockstepStart() {
        MultiLayerNetwork net = new MultiLayerNetwork(QuadrantDl4j.configuration());
        net.init();
        ParamBridge.write(result.initial(), net);
        return net;
    }

    @Test
    void theExampleFedTheLockstepsBatchesEndsWithTheLockstepsDl4jParametersBitForBit() {
        MultiLayerNetwork net = exampleFromLockstepStart();
        net.fit(new LockstepBatches(QuadrantData.tutorial(), QuadrantDl4j.BATCH_SIZE, QuadrantDl4j.SEED), QuadrantDl4j.EPOCHS);

        ParamSet expected = lockstep.dl4j().params(), actual = ParamBridge.read(net);
        assertEquals(BIT_IDENTICAL, LockstepBatches.maxAbsDiff(expected, actual));
        assertTrue(LockstepBatches.bitIdentical(expected, actual), "every weight and bias the same double");
        assertEquals(QuadrantDl4j.EPOCHS, net.getIterationCount(), "one full batch per epoch");
    }

    @Test
    void listDataSetIteratorFeedsThePointsInFileOrderWhereTheLockstepShufflesThem() {
        DataSetIterator it = QuadrantDl4j.trainingData();
        DataSet first = it.next();
        assertTrue(!it.hasNext(), "one batch of all four points");
        assertArrayEquals(new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}}, first.getFeatures().toDoubleMatrix());
        it.reset();
        assertEquals(first.getFeatures(), it.next().getFeatures(), "the same order again in the next epoch");

        BatchOrder lockstepOrder = new BatchOrder(4, QuadrantDl4j.BATCH_SIZE, QuadrantDl4j.SEED);
        assertArrayEquals(new int[]{3, 0, 2, 1}, lockstepOrder.epoch(0)[0], "the lockstep's first epoch: the same four rows, shuffled");
        assertArrayEquals(new int[]{0, 2, 3, 1}, lockstepOrder.epoch(1)[0], "and shuffled anew in the next");
    }

    @Test
    void theExamplesOwnIteratorEndsWithinRoundingOfTheLockstepButNotOnTheSameBits() {
        MultiLayerNetwork net = exampleFromLockstepStart();
        net.fit(QuadrantDl4j.trainingData(), QuadrantDl4j.EPOCHS);

        double diff = LockstepBatches.maxAbsDiff(lockstep.dl4j().params(), ParamBridge.read(net));
        System.out.println("QuadrantDl4j's ListDataSetIterator vs the lockstep's shuffled rows, max |Δparam| after 1000 steps: " + diff);
        assertTrue(diff > BIT_IDENTICAL, "the row order changes the sums' rounding, so some bits differ: " + diff);
        assertTrue(diff <= ROW_ORDER_BOUND, "but only by rounding: " + diff);
    }

    @Test
    void theConfigurationIsTheTutorialsNetSettingBySetting() {
        MultiLayerConfiguration conf = QuadrantDl4j.configuration();
        assertEquals(NetSpec.quadrant().withInit(Init.DL4J), ConfigTranslator.toSpec(conf),
                "2→50→4, relu, softmax, MCXENT(clip 1e-10), Sgd(0.1), seed 42, miniBatch, DOUBLE (or refused)");
        for (int k = 0; k < 2; k++)
            assertEquals(new WeightInitDistribution(new NormalDistribution(0, 0.01)), ((BaseLayer) conf.getConf(k).getLayer()).getWeightInitFn(),
                    "layer " + k + ": the tutorial's 0.01·N(0,1), not DL4J's XAVIER");
    }

    @Test
    void runPrintsTheEvaluationTheRoundTripAndTheWholeProbabilityVectorOfTwoTwo(@TempDir Path dir) throws IOException {
        File model = dir.resolve("quadrant.zip").toFile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuadrantDl4j.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), model);
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.contains(" Accuracy:        1.0000"), out);
        assertTrue(out.contains("saved to " + model + ", loaded back: the same output on (2,2)"), out);
        assertTrue(model.length() > 0, "the model file is written");

        // The hand-written net, started from the weights DL4J drew for the example, predicts the same vector.
        MultiLayerNetwork fresh = new MultiLayerNetwork(QuadrantDl4j.configuration());
        fresh.init();
        Lockstep own = new Lockstep(ConfigTranslator.toSpec(fresh.getLayerWiseConfigurations()), DEFAULT_TRAINING,
                QuadrantData.tutorial(), Tolerances.DEFAULT, new Dl4jSide(fresh));
        own.run();
        Predictions p = own.predict(List.of(new double[]{2, 2}));
        double[] handWritten = new double[4];
        for (int k = 0; k < 4; k++) handWritten[k] = p.probScratch(0, k);
        String line = out.lines().filter(l -> l.startsWith("(2,2) → ")).findFirst().orElseThrow();
        assertEquals("(2,2) → " + ClassVector.of(Arrays.asList(QuadrantData.NAMES), handWritten, true), line);
    }

    @Test
    void probabilitiesPrintsEveryQuadrantAsAPercentageWithFourDecimals() {
        Dl4jNets.useDoublePrecision();
        assertEquals("I 90.0000%  II 5.0000%  III 2.0000%  IV 3.0000%",
                QuadrantDl4j.probabilities(Nd4j.create(new double[][]{{0.9, 0.05, 0.02, 0.03}})));
        assertEquals("I 99.9983%  II 0.0012%  III 0.0000%  IV 0.0006%",
                QuadrantDl4j.probabilities(Nd4j.create(new double[][]{{0.9999825625695326, 1.1519406837869e-05, 2.557587841812087e-08, 5.892447751344732e-06}})));
    }
}
