import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The tutorial's quadrant network, written the way DL4J's own examples write a network: which
 * quadrant does a point lie in, learned from the four points (1,1) (-1,1) (-1,-1) (1,-1).
 *
 * <pre>
 *   h = relu(x·W1 + b1)        [batch, 2]  → [batch, 50]     DenseLayer
 *   p = softmax(h·W2 + b2)     [batch, 50] → [batch, 4]      OutputLayer
 *   loss = mean over the batch of −ln p[true quadrant]      MCXENT
 *   θ ← θ − 0.1 · ∂loss/∂θ                                  Sgd(0.1), 1000 full-batch steps
 * </pre>
 *
 * It uses only DL4J, ND4J and the JDK: copy it into any project that depends on
 * {@code deeplearning4j-core} and {@code nd4j-native-platform} 1.0.0-M2.1. In this repository:
 *
 * <pre>
 *   mvn -q compile exec:java -Dexec.mainClass=QuadrantDl4j
 * </pre>
 *
 * It is the DL4J side of nn-parity's default run, {@code Compare}, written by hand: the same
 * configuration, trained by {@code fit(iterator, epochs)}. Two things differ, and
 * {@code QuadrantDl4jTest} shows what each changes: DL4J draws the initial weights itself (the
 * same distribution, other numbers), and {@link ListDataSetIterator} hands over the four points
 * in the same order every epoch, where the lockstep shuffles them (the same batch, summed in
 * another order, so the parameters differ in the last bits).
 */
public class QuadrantDl4j {
    static final long SEED = 42;
    static final int EPOCHS = 1000;
    /** All four points in one batch, as the tutorial trains. */
    static final int BATCH_SIZE = 4;
    static final double LEARNING_RATE = 0.1;
    static final String[] QUADRANTS = {"I", "II", "III", "IV"};

    public static void main(String[] args) throws IOException {
        File model = File.createTempFile("quadrant-dl4j", ".zip");
        model.deleteOnExit();
        run(System.out, model);
    }

    /** Trains, evaluates, saves and reloads the net, and predicts (2,2); writes the report to {@code out}. */
    static void run(PrintStream out, File modelFile) throws IOException {
        // Pitfall: ND4J makes FLOAT arrays unless told otherwise; the tutorial (and parity) need double.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);

        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        net.setListeners(new ScoreIterationListener(100));   // logs "Score at iteration i is …" (to stderr)

        DataSetIterator train = trainingData();
        net.fit(train, EPOCHS);

        Evaluation eval = net.evaluate(train);   // the tutorial's four points are all the data it has
        out.println(eval.stats());

        net.save(modelFile, true);
        MultiLayerNetwork restored = MultiLayerNetwork.load(modelFile, true);

        INDArray point = Nd4j.create(new double[][]{{2, 2}});
        INDArray p = net.output(point);
        boolean same = restored.output(point).equals(p);
        out.println("saved to " + modelFile + ", loaded back: " + (same ? "the same output on (2,2)" : "A DIFFERENT OUTPUT on (2,2)"));
        out.println("(2,2) → " + probabilities(p));
    }

    /**
     * The tutorial's net. Every setting whose DL4J default differs from the tutorial is set, with
     * the default it replaces.
     */
    static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.DOUBLE)                          // default FLOAT
                .updater(new Sgd(LEARNING_RATE))                    // default Sgd(1e-3)
                .weightInit(new NormalDistribution(0, 0.01))        // default XAVIER; the tutorial's 0.01·N(0,1)
                .miniBatch(true)                                    // the default: the mean over the batch (DL4J's XOR example turns it off, which drops the 1/N)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(50)
                        .activation(Activation.RELU)                // default SIGMOID
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(50).nOut(4)
                        .activation(Activation.SOFTMAX)             // default SIGMOID
                        .build())
                .build();
    }

    /** The four points and their quadrants, one-hot: features [4, 2], labels [4, 4]. */
    static DataSet tutorialPoints() {
        INDArray x = Nd4j.create(new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
        INDArray y = Nd4j.create(new double[][]{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        return new DataSet(x, y);
    }

    /** The four points in one batch per epoch, always in this order (ListDataSetIterator does not shuffle). */
    static DataSetIterator trainingData() {
        return new ListDataSetIterator<>(tutorialPoints().asList(), BATCH_SIZE);
    }

    /** The tutorial's way to read the output: e.g. {@code I 99.9983%  II 0.0012%  III 0.0000%  IV 0.0006%}. */
    static String probabilities(INDArray p) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < QUADRANTS.length; k++) {
            b.append(k == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s %.4f%%", QUADRANTS[k], 100 * p.getDouble(0, k)));
        }
        return b.toString();
    }
}
