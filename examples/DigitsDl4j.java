import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The book's digits network, written the way DL4J's own examples write one: 28×28 grey images
 * in, one of ten classes out.
 *
 * <pre>
 *   x = pixel / 255            [batch, 784]                 ImagePreProcessingScaler(0, 1)
 *   h = relu(x·W1 + b1)        [batch, 784] → [batch, 50]   DenseLayer
 *   p = softmax(h·W2 + b2)     [batch, 50]  → [batch, 10]   OutputLayer
 *   loss = mean over the batch of −ln p[true class]         MCXENT
 *   θ ← θ − 0.1 · ∂loss/∂θ                                  Sgd(0.1), batches of 100, 10 epochs
 * </pre>
 *
 * It reads MNIST-format IDX files (plain or .gz) from the directory given as its argument, else
 * from DL4J's MNIST cache {@code ~/.deeplearning4j/data/MNIST} (real handwritten digits), else
 * from {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist}:
 * Fashion-MNIST, ten kinds of clothing in the same format). It downloads nothing. It uses only
 * DL4J, ND4J and the JDK. In this repository:
 *
 * <pre>
 *   mvn -q compile exec:java -Dexec.mainClass=DigitsDl4j
 *   mvn -q compile exec:java -Dexec.mainClass=DigitsDl4j -Dexec.args="DIR"
 * </pre>
 *
 * It is the DL4J side of {@code Compare --task digits}, written by hand: the same configuration,
 * the same input values and the same batches ({@link IdxDataSetIterator} shuffles each epoch as
 * nn-parity's lockstep does). Only the initial weights differ: DL4J draws them itself, from the
 * same distribution. {@code DigitsDl4jTest} starts this net from the lockstep's weights and gets
 * the lockstep's DL4J parameters bit for bit.
 */
public class DigitsDl4j {
    static final long SEED = 42;
    static final int EPOCHS = 10;
    static final int BATCH_SIZE = 100;
    static final double LEARNING_RATE = 0.1;
    static final int N_CLASSES = 10;
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte", TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte", TEST_LABELS = "t10k-labels-idx1-ubyte";

    public static void main(String[] args) throws IOException {
        List<Path> places = args.length > 0 ? List.of(Path.of(args[0]))
                : List.of(Path.of(System.getProperty("user.home"), ".deeplearning4j", "data", "MNIST"),
                          Path.of("/usr/share/datasets/fashion-mnist"));
        Path dir = places.stream().filter(DigitsDl4j::holdsIdxFiles).findFirst().orElse(null);
        if (dir == null) {
            System.err.println("no MNIST-format data in " + places + "; give a directory holding " + TRAIN_IMAGES + ", " + TRAIN_LABELS
                    + ", " + TEST_IMAGES + " and " + TEST_LABELS + " (each plain or .gz), e.g. -Dexec.args=DIR");
            System.exit(2);
        }
        File model = File.createTempFile("digits-dl4j", ".zip");
        model.deleteOnExit();
        run(System.out, dir, Integer.MAX_VALUE, EPOCHS, model);
    }

    /** Trains on the first {@code limit} training images for {@code epochs}, evaluates on the test set, saves and reloads. */
    static void run(PrintStream out, Path dir, int limit, int epochs, File modelFile) throws IOException {
        // Pitfall: ND4J makes FLOAT arrays unless told otherwise; parity needs double.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);

        IdxDataSetIterator train = new IdxDataSetIterator(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS), BATCH_SIZE, SEED, limit);
        IdxDataSetIterator test = new IdxDataSetIterator(find(dir, TEST_IMAGES), find(dir, TEST_LABELS), BATCH_SIZE, null, Integer.MAX_VALUE);
        // Pixels 0..255 → x/255 in [0, 1], the book's normalize=True: one division by 255.0, as nn-parity's digits task.
        DataNormalization scaler = new ImagePreProcessingScaler(0, 1);
        train.setPreProcessor(scaler);
        test.setPreProcessor(scaler);
        out.printf(Locale.ROOT, "data: %s%s; training on %d images, testing on %d%n", dir,
                dir.toString().contains("fashion") ? " (Fashion-MNIST: clothes, not digits)" : "", train.numExamples(), test.numExamples());

        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        net.setListeners(new EpochLossListener(out));
        net.fit(train, epochs);

        Evaluation eval = net.evaluate(test);
        out.println(eval.stats());

        net.save(modelFile, true);
        MultiLayerNetwork restored = MultiLayerNetwork.load(modelFile, true);
        test.reset();   // output(iterator), unlike fit and evaluate, starts wherever the iterator stands: here, at its end
        INDArray p = net.output(test);
        test.reset();
        boolean same = restored.output(test).equals(p);
        out.println("saved to " + modelFile + ", loaded back: "
                + (same ? "the same output on all " : "A DIFFERENT OUTPUT on the ") + test.numExamples() + " test images");
    }

    /** The book's net; every setting whose DL4J default differs from the book is set, with the default it replaces. */
    static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.DOUBLE)                          // default FLOAT
                .updater(new Sgd(LEARNING_RATE))                    // default Sgd(1e-3)
                .weightInit(new NormalDistribution(0, 0.01))        // default XAVIER; the book's 0.01·N(0,1)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(50)
                        .activation(Activation.RELU)                // default SIGMOID
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(50).nOut(N_CLASSES)
                        .activation(Activation.SOFTMAX)             // default SIGMOID
                        .build())
                .build();
    }

    /**
     * Prints each epoch's mean training loss. Pitfall: inside {@code fit}, {@code model.score()} is
     * the loss of the batch just trained on <em>before</em> its update, so this is the mean loss
     * over the epoch as it went, not the loss of the net at its end.
     */
    static final class EpochLossListener extends BaseTrainingListener {
        private final PrintStream out;
        /** Every iteration's score, in order. */
        final List<Double> scores = new ArrayList<>();
        private double sum;
        private int count;

        EpochLossListener(PrintStream out) {
            this.out = out;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            scores.add(model.score());
            sum += model.score();
            count++;
        }

        @Override
        public void onEpochEnd(Model model) {
            out.printf(Locale.ROOT, "epoch %d: mean loss %.6f over %d batches%n", ((MultiLayerNetwork) model).getEpochCount() + 1, sum / count, count);
            sum = 0;
            count = 0;
        }
    }

    /**
     * MNIST-format images and labels from two IDX files, in batches of features [rows, 784]
     * (raw pixels 0..255, as doubles, then the preprocessor) and one-hot labels [rows, 10]. With a
     * seed, every epoch visits the examples in a new order, a Fisher–Yates shuffle by
     * {@code new Random(seed · 1000003 + epoch)}, which is the order nn-parity's lockstep uses, so
     * the two can be compared bit for bit; without one, in file order. {@link #reset()} starts the
     * next epoch, as {@code fit(iterator, epochs)} calls it.
     */
    static final class IdxDataSetIterator implements DataSetIterator {
        private final byte[] pixels;
        private final byte[] labels;
        private final int n;
        private final int nPixels;
        private final int batch;
        private final Long seed;
        private final int[] order;
        private int epoch;
        private int cursor;
        private DataSetPreProcessor preProcessor;

        /**
         * @param seed  shuffles each epoch from this seed, or null for file order
         * @param limit uses the first {@code limit} examples of the files (all if there are fewer)
         */
        IdxDataSetIterator(Path images, Path labelFile, int batch, Long seed, int limit) throws IOException {
            if (batch < 1) throw new IllegalArgumentException("batch size " + batch + " is invalid; it must be ≥ 1");
            if (limit < 1) throw new IllegalArgumentException("limit " + limit + " is invalid; it must be ≥ 1");
            int[] imageDims = new int[3], labelDims = new int[1];
            byte[] px = readIdx(images, 2051, imageDims);
            byte[] lb = readIdx(labelFile, 2049, labelDims);
            if (imageDims[0] != labelDims[0])
                throw new IOException(images + " holds " + imageDims[0] + " images but " + labelFile + " holds " + labelDims[0] + " labels");
            this.n = Math.min(limit, imageDims[0]);
            this.nPixels = imageDims[1] * imageDims[2];
            this.pixels = px;
            this.labels = lb;
            for (int i = 0; i < n; i++) {
                if ((lb[i] & 0xFF) >= N_CLASSES)
                    throw new IOException(labelFile + ": label " + (lb[i] & 0xFF) + " of example " + i + " is not a class 0.." + (N_CLASSES - 1));
            }
            this.batch = batch;
            this.seed = seed;
            this.order = new int[n];
            shuffle();
        }

        /** This epoch's order: 0 … n−1, shuffled when there is a seed. */
        private void shuffle() {
            for (int i = 0; i < n; i++) order[i] = i;
            if (seed == null) return;
            Random rnd = new Random(seed * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        int numExamples() {
            return n;
        }

        @Override
        public DataSet next(int num) {
            if (!hasNext()) throw new java.util.NoSuchElementException("epoch " + epoch + " is over; call reset()");
            int rows = Math.min(num, n - cursor);
            double[] x = new double[rows * nPixels], y = new double[rows * N_CLASSES];
            for (int r = 0; r < rows; r++) {
                int i = order[cursor + r];
                for (int k = 0; k < nPixels; k++) x[r * nPixels + k] = pixels[i * nPixels + k] & 0xFF;
                y[r * N_CLASSES + labels[i]] = 1;
            }
            cursor += rows;
            DataSet d = new DataSet(Nd4j.create(x, new long[]{rows, nPixels}, 'c'), Nd4j.create(y, new long[]{rows, N_CLASSES}, 'c'));
            if (preProcessor != null) preProcessor.preProcess(d);
            return d;
        }

        @Override public DataSet next() { return next(batch); }
        @Override public boolean hasNext() { return cursor < n; }
        @Override public int inputColumns() { return nPixels; }
        @Override public int totalOutcomes() { return N_CLASSES; }
        @Override public boolean resetSupported() { return true; }
        /** Already in memory: no background prefetch (as DL4J's ListDataSetIterator). */
        @Override public boolean asyncSupported() { return false; }
        @Override public int batch() { return batch; }
        @Override public void setPreProcessor(DataSetPreProcessor p) { this.preProcessor = p; }
        @Override public DataSetPreProcessor getPreProcessor() { return preProcessor; }
        @Override public List<String> getLabels() { return null; }

        @Override
        public void reset() {
            epoch++;
            cursor = 0;
            shuffle();
        }
    }

    /** {@code dir/name}, or {@code dir/name.gz} when only that exists. */
    static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        return Files.isRegularFile(plain) ? plain : dir.resolve(name + ".gz");
    }

    static boolean holdsIdxFiles(Path dir) {
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS))
            if (!Files.isRegularFile(find(dir, name))) return false;
        return true;
    }

    /**
     * The body of an IDX file (gzip when its name ends in .gz): a big-endian header (the magic
     * number, then one int per dimension, written into {@code dims}), then the bytes.
     */
    static byte[] readIdx(Path file, int magic, int[] dims) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int m = in.readInt();
            if (m != magic) throw new IOException(file + ": magic number " + m + " is not " + magic + "; not an IDX file of this kind");
            long size = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 1) throw new IOException(file + ": dimension " + d + " is " + dims[d] + "; it must be ≥ 1");
                size *= dims[d];
                if (size > Integer.MAX_VALUE - 8) throw new IOException(file + ": " + size + " bytes is too large for one array");
            }
            byte[] body = new byte[(int) size];
            in.readFully(body);
            return body;
        } catch (EOFException e) {
            throw new IOException(file + " ends early: it is shorter than its header says", e);
        }
    }
}
