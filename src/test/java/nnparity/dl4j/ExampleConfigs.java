package nnparity.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The configurations in {@code examples/}, written the way a DL4J user writes them (the same
 * lines are quoted in {@code examples/README.md}). {@code main} writes each as {@code conf.toJson()};
 * {@code ExamplesTest} checks that the stored files are exactly that.
 *
 * <pre>
 *   mvn -o -q test-compile
 *   java -cp target/test-classes:target/classes:$(cat cp.txt) nnparity.dl4j.ExampleConfigs examples
 * </pre>
 */
public final class ExampleConfigs {
    private ExampleConfigs() {
    }

    /** A deeper digits net: 784 → 256 → 128 → 10, ReLU, softmax + cross-entropy, SGD(0.1). */
    static MultiLayerConfiguration digitsDeep() {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
    }

    /**
     * The tutorial's digits net with penalties: l2 on every layer's weights (network-wide), and
     * weight decay set on each layer's builder (the network-wide weightDecay of DL4J 1.0.0-M2.1
     * would list it twice and decay twice).
     */
    static MultiLayerConfiguration digitsRegularized() {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER)
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(100).activation(Activation.RELU).weightDecay(5e-4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10).activation(Activation.SOFTMAX)
                        .weightDecay(5e-4).build())
                .build();
    }

    /**
     * DL4J's MNIST example (MLPMnistSingleLayerExample): 784 → 1000 ReLU → 10 softmax with
     * negative log-likelihood, {@code Nesterovs(0.006, 0.9)}, l2 1e-4, seed 123, in double.
     */
    static MultiLayerConfiguration mnistMlp() {
        return new NeuralNetConfiguration.Builder()
                .seed(123)
                .dataType(DataType.DOUBLE)
                .updater(new Nesterovs(0.006, 0.9))
                .l2(1e-4)
                .list()
                .layer(new DenseLayer.Builder().nIn(28 * 28).nOut(1000).activation(Activation.RELU).weightInit(WeightInit.XAVIER).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nIn(1000).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
    }

    /**
     * The book's chapter 6 in one digits net: 784 → 100 → 50 → 10 tanh, each hidden layer followed
     * by batch normalization, dropout keeping 80% of the hidden units, Adam(1e-3) with its rate
     * halved every 2 epochs.
     */
    static MultiLayerConfiguration digitsChapter6() {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(new StepSchedule(ScheduleType.EPOCH, 1e-3, 0.5, 2)))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(100).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(100).activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nIn(100).nOut(50).activation(Activation.TANH).dropOut(0.8).build())
                .layer(new BatchNormalization.Builder().nOut(50).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(50).nOut(10).activation(Activation.SOFTMAX)
                        .dropOut(0.8).build())
                .build();
    }

    /** A small quadrant classifier, 2 → 16 (relu) → 8 (tanh) → 4 softmax, Sgd(0.1), seed 7. */
    static MultiLayerConfiguration quadrant() {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(4).activation(Activation.SOFTMAX).build())
                .build();
    }

    /** {@link #quadrant()} trained by DL4J for 100 steps on the tutorial's 4 points: the saved model of {@code quadrant-model.zip}. */
    static MultiLayerNetwork quadrantModel() {
        MultiLayerNetwork net = new MultiLayerNetwork(quadrant());
        net.init();
        INDArray x = Nd4j.create(new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
        INDArray y = Nd4j.eye(4).castTo(DataType.DOUBLE);
        for (int i = 0; i < 100; i++) net.fit(x, y);
        return net;
    }

    /** File name → configuration. */
    static final Map<String, Supplier<MultiLayerConfiguration>> ALL = Map.of(
            "digits-deep.json", ExampleConfigs::digitsDeep,
            "digits-regularized.json", ExampleConfigs::digitsRegularized,
            "mnist-mlp.json", ExampleConfigs::mnistMlp,
            "digits-ch6.json", ExampleConfigs::digitsChapter6);

    /** Writes every example into the folder {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (Map.Entry<String, Supplier<MultiLayerConfiguration>> e : ALL.entrySet())
            Files.writeString(dir.resolve(e.getKey()), e.getValue().get().toJson());
        quadrantModel().save(dir.resolve("quadrant-model.zip").toFile());
    }
}
