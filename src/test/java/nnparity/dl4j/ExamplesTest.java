package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.GradNorm;
import nnparity.spec.LrSchedule;
import nnparity.spec.Regularization;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;
import nnparity.spec.UpdaterSpec;

/**
 * The configurations in {@code examples/} are what DL4J writes for the Java quoted in
 * {@code examples/README.md} ({@link ExampleConfigs}), and each reads back as the spec it describes.
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("examples");

    private static final Regularization L2_AND_DECAY = Regularization.NONE.withL2(1e-4).withWeightDecay(5e-4);
    private static final Regularization L2 = Regularization.NONE.withL2(1e-4);

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("digits-deep.json", (Supplier<MultiLayerConfiguration>) ExampleConfigs::digitsDeep,
                        new NetSpec(784, List.of(new LayerSpec(256, Activation.RELU), new LayerSpec(128, Activation.RELU)),
                                new LayerSpec(10, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1, Init.DL4J, 42, true)),
                Arguments.of("digits-regularized.json", (Supplier<MultiLayerConfiguration>) ExampleConfigs::digitsRegularized,
                        new NetSpec(784, List.of(new LayerSpec(100, Activation.RELU, L2_AND_DECAY)),
                                new LayerSpec(10, Activation.SOFTMAX, L2_AND_DECAY), Loss.MCXENT, 1e-10, 0.1, Init.DL4J, 42, true)),
                Arguments.of("mnist-mlp.json", (Supplier<MultiLayerConfiguration>) ExampleConfigs::mnistMlp,
                        new NetSpec(784, List.of(new LayerSpec(1000, Activation.RELU, L2)),
                                new LayerSpec(10, Activation.SOFTMAX, L2), Loss.NEGATIVELOGLIKELIHOOD, 1e-10,
                                UpdaterSpec.defaults(Updater.NESTEROVS).with(UpdaterSetting.LEARNING_RATE, 0.006), GradNorm.NONE, Init.DL4J, 123, true)),
                Arguments.of("digits-ch6.json", (Supplier<MultiLayerConfiguration>) ExampleConfigs::digitsChapter6,
                        new NetSpec(784, List.of(new LayerSpec(100, Activation.TANH).withBatchNorm(BatchNormSpec.DL4J_DEFAULT),
                                new LayerSpec(50, Activation.TANH).withKeepProb(0.8).withBatchNorm(BatchNormSpec.DL4J_DEFAULT)),
                                new LayerSpec(10, Activation.SOFTMAX).withKeepProb(0.8), Loss.MCXENT, 1e-10,
                                UpdaterSpec.defaults(Updater.ADAM).withSchedule(LrSchedule.step(LrSchedule.Unit.EPOCH, 1e-3, 0.5, 2)),
                                GradNorm.NONE, Init.DL4J, 42, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theStoredJsonIsExactlyWhatDl4jWritesForTheJavaInTheReadme(String file, Supplier<MultiLayerConfiguration> java, NetSpec spec) throws IOException {
        assertEquals(java.get().toJson(), Files.readString(EXAMPLES.resolve(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachExampleTranslatesToTheSpecItDescribes(String file, Supplier<MultiLayerConfiguration> java, NetSpec spec) {
        assertEquals(spec, ConfigTranslator.toSpec(Dl4jImport.readConfiguration(EXAMPLES.resolve(file))));
    }

    @Test
    void everyStoredExampleIsTested() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertEquals(List.of("digits-ch6.json", "digits-deep.json", "digits-regularized.json", "mnist-mlp.json"),
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList());
        }
        assertEquals(4, ExampleConfigs.ALL.size());
    }

    /**
     * The saved model was trained by DL4J on the tutorial's 4 points: it reads back as its
     * configuration's spec with its own (trained) weights, and classifies each point right.
     */
    @Test
    void theSavedQuadrantModelReadsBackWithItsTrainedWeights() {
        Dl4jImport.ImportedNet m = Dl4jImport.model(EXAMPLES.resolve("quadrant-model.zip"));
        assertEquals("2→16→8→4 relu,tanh, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init dl4j, seed 7, double", m.spec().toString());
        org.nd4j.linalg.api.ndarray.INDArray p = m.network().output(org.nd4j.linalg.factory.Nd4j.create(
                new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}}));
        for (int i = 0; i < 4; i++) assertEquals(i, p.getRow(i).argMax().getInt(0), "point " + i + " in quadrant " + (i + 1));
        assertEquals(m.params(), ParamBridge.read(m.network()));
    }
}
