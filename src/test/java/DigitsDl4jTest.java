import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

import nnparity.data.Batch;
import nnparity.data.BatchOrder;
import nnparity.data.IdxTestFiles;
import nnparity.data.MnistData;
import nnparity.data.MnistLocator;
import nnparity.dl4j.ConfigTranslator;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.StepRecord;
import nnparity.parity.Tolerances;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * examples/DigitsDl4j is the DL4J side of {@code Compare --task digits}, written as a learner
 * writes DL4J: its IDX iterator and ImagePreProcessingScaler give the lockstep's input values and
 * batches, and its fit gives the lockstep's DL4J parameters, bit for bit.
 */
class DigitsDl4jTest {
    private static final Path FASHION = MnistLocator.DEBIAN_FASHION_MNIST.dir();
    /** Same doubles, every bit. */
    static final double BIT_IDENTICAL = 0;
    /** {@code --task digits --limit 2000 --epochs 2}: 40 steps of 100, two shuffled epochs. */
    static final int LIMIT = 2000, EPOCHS = 2;
    /**
     * An untrained net with 0.01·N(0,1) weights gives each of 10 classes p ≈ 0.1, so its loss is
     * ln 10 = 2.302585 up to the logits' spread, about 0.01 on these images.
     */
    static final double UNTRAINED_LOSS_SPREAD = 0.05;

    static MnistLocator.MnistFiles fashion;

    @BeforeAll
    static void useDouble() {
        Dl4jNets.useDoublePrecision();
        fashion = MnistLocator.findFiles(FASHION).orElse(null);
    }

    private static void assumeFashion() {
        Assumptions.assumeTrue(fashion != null, "apt-get install dataset-fashion-mnist to run this test");
    }

    private static DigitsDl4j.IdxDataSetIterator exampleTrainingIterator() throws IOException {
        DigitsDl4j.IdxDataSetIterator it = new DigitsDl4j.IdxDataSetIterator(fashion.trainImages(), fashion.trainLabels(),
                DigitsDl4j.BATCH_SIZE, DigitsDl4j.SEED, LIMIT);
        it.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return it;
    }

    @Test
    void theIteratorAndScalerGiveTheLockstepsBatchesAndInputValues() throws IOException {
        assumeFashion();
        MnistData train = MnistData.load(fashion.trainImages(), fashion.trainLabels(), "Fashion-MNIST train").limit(LIMIT);
        DigitsDl4j.IdxDataSetIterator it = exampleTrainingIterator();
        BatchOrder order = new BatchOrder(LIMIT, DigitsDl4j.BATCH_SIZE, DigitsDl4j.SEED);
        for (int e = 0; e < EPOCHS; e++) {
            if (e > 0) it.reset();
            int s = 0;
            for (int[] indices : order.epoch(e)) {
                assertTrue(it.hasNext(), "epoch " + e + " batch " + s);
                DataSet d = it.next();
                Batch b = Batch.of(train, indices);
                assertArrayEquals(b.x(), d.getFeatures().dup('c').data().asDouble(), BIT_IDENTICAL, "epoch " + e + " batch " + s + " features");
                assertArrayEquals(b.t(), d.getLabels().dup('c').data().asDouble(), BIT_IDENTICAL, "epoch " + e + " batch " + s + " labels");
                s++;
            }
            assertFalse(it.hasNext(), "epoch " + e + " holds " + order.stepsPerEpoch() + " batches");
        }
    }

    @Test
    void theExampleTrainedOnItsOwnIteratorEndsWithTheLockstepsDl4jParametersBitForBit() throws IOException {
        assumeFashion();
        MnistData train = MnistData.load(fashion.trainImages(), fashion.trainLabels(), "Fashion-MNIST train").limit(LIMIT);
        Lockstep lockstep = new Lockstep(NetSpec.digits(), new TrainSpec(EPOCHS, DigitsDl4j.BATCH_SIZE, DigitsDl4j.SEED), train, Tolerances.DEFAULT);
        LockstepResult result = lockstep.run();

        MultiLayerNetwork net = new MultiLayerNetwork(DigitsDl4j.configuration());
        net.init();
        ParamBridge.write(result.initial(), net);
        DigitsDl4j.EpochLossListener losses = new DigitsDl4j.EpochLossListener(new PrintStream(OutputStream.nullOutputStream()));
        net.setListeners(losses);
        net.fit(exampleTrainingIterator(), EPOCHS);

        ParamSet expected = lockstep.dl4j().params(), actual = ParamBridge.read(net);
        assertEquals(BIT_IDENTICAL, LockstepBatches.maxAbsDiff(expected, actual));
        assertTrue(LockstepBatches.bitIdentical(expected, actual), "every weight and bias the same double");
        assertEquals(result.steps().size(), losses.scores.size(), "one score per step");
        for (StepRecord r : result.steps())
            assertEquals(r.lossDl4j(), losses.scores.get((int) r.step() - 1), BIT_IDENTICAL, "the score inside fit is the lockstep's loss at step " + r.step());
    }

    @Test
    void theScalerDividesEveryByteValueBy255(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[256];
        for (int v = 0; v < 256; v++) pixels[v] = (byte) v;
        Path images = Files.write(dir.resolve("images"), IdxTestFiles.file(IdxTestFiles.IMAGE_MAGIC, pixels, 1, 16, 16));
        Path labels = Files.write(dir.resolve("labels"), IdxTestFiles.file(IdxTestFiles.LABEL_MAGIC, new byte[]{7}, 1));
        DigitsDl4j.IdxDataSetIterator it = new DigitsDl4j.IdxDataSetIterator(images, labels, 1, null, 1);
        it.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        DataSet d = it.next();
        double[] x = d.getFeatures().dup('c').data().asDouble();
        for (int v = 0; v < 256; v++) assertEquals(v / 255.0, x[v], BIT_IDENTICAL, "pixel " + v);
        assertEquals(1.0, x[255], BIT_IDENTICAL, "255 → exactly 1");
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, d.getLabels().dup('c').data().asDouble(), BIT_IDENTICAL, "label 7, one-hot");
    }

    @Test
    void runOnSmallFilesPrintsEachEpochsLossTheEvaluationAndTheRoundTrip(@TempDir Path dir) throws IOException {
        writeSmallSet(dir, 30, 20);
        File model = dir.resolve("digits.zip").toFile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DigitsDl4j.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir, Integer.MAX_VALUE, 2, model);
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.startsWith("data: " + dir + "; training on 30 images, testing on 20\n"), out);
        Matcher first = Pattern.compile("(?m)^epoch 1: mean loss (\\d+\\.\\d{6}) over 1 batches$").matcher(out);
        assertTrue(first.find(), out);
        assertEquals(Math.log(10), Double.parseDouble(first.group(1)), UNTRAINED_LOSS_SPREAD, "the untrained net's loss is about ln 10");
        Matcher second = Pattern.compile("(?m)^epoch 2: mean loss (\\d+\\.\\d{6}) over 1 batches$").matcher(out);
        assertTrue(second.find(), out);
        assertEquals(Math.log(10), Double.parseDouble(second.group(1)), UNTRAINED_LOSS_SPREAD, "one step later, still about ln 10: each epoch's own mean");
        assertTrue(out.contains(" # of classes:    10"), out);
        assertTrue(out.contains(" Accuracy:        "), out);
        assertTrue(out.contains("saved to " + model + ", loaded back: the same output on all 20 test images"), out);
    }

    @Test
    void aLimitTrainsOnTheFirstImagesOnly(@TempDir Path dir) throws IOException {
        writeSmallSet(dir, 30, 20);
        DigitsDl4j.IdxDataSetIterator all = new DigitsDl4j.IdxDataSetIterator(DigitsDl4j.find(dir, DigitsDl4j.TRAIN_IMAGES),
                DigitsDl4j.find(dir, DigitsDl4j.TRAIN_LABELS), 7, null, 12);
        assertEquals(12, all.numExamples());
        assertEquals(7, all.next().getFeatures().rows());
        assertEquals(5, all.next().getFeatures().rows(), "the last batch holds the remainder");
        assertFalse(all.hasNext());
        all.reset();
        assertEquals(1.0, all.next().getLabels().getDouble(0, 0), BIT_IDENTICAL, "file order without a seed: image 0 (label 0) first again");
    }

    @Test
    void theIteratorRefusesABatchOrLimitBelowOneAndANextPastTheEpoch(@TempDir Path dir) throws IOException {
        writeSmallSet(dir, 3, 2);
        Path images = DigitsDl4j.find(dir, DigitsDl4j.TRAIN_IMAGES), labels = DigitsDl4j.find(dir, DigitsDl4j.TRAIN_LABELS);
        assertEquals("batch size 0 is invalid; it must be ≥ 1", assertThrows(IllegalArgumentException.class,
                () -> new DigitsDl4j.IdxDataSetIterator(images, labels, 0, null, 3)).getMessage());
        assertEquals("limit 0 is invalid; it must be ≥ 1", assertThrows(IllegalArgumentException.class,
                () -> new DigitsDl4j.IdxDataSetIterator(images, labels, 1, null, 0)).getMessage());
        DigitsDl4j.IdxDataSetIterator it = new DigitsDl4j.IdxDataSetIterator(images, labels, 5, 1L, 3);
        assertEquals(3, it.next().getFeatures().rows(), "a batch larger than the data holds all of it");
        assertEquals("epoch 0 is over; call reset()", assertThrows(java.util.NoSuchElementException.class, it::next).getMessage());
        assertEquals(784, it.inputColumns());
        assertEquals(10, it.totalOutcomes());
        assertEquals(5, it.batch());
    }

    @Test
    void findPrefersThePlainFileAndFallsBackToGzip(@TempDir Path dir) throws IOException {
        assertFalse(DigitsDl4j.holdsIdxFiles(dir), "an empty directory");
        writeSmallSet(dir, 3, 2);
        assertTrue(DigitsDl4j.holdsIdxFiles(dir));
        assertEquals(dir.resolve("train-images-idx3-ubyte"), DigitsDl4j.find(dir, DigitsDl4j.TRAIN_IMAGES));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz"), DigitsDl4j.find(dir, DigitsDl4j.TEST_IMAGES));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertFalse(DigitsDl4j.holdsIdxFiles(dir), "one file missing");
    }

    @Test
    void readIdxRefusesAnotherKindOfFileATruncatedOneAndMismatchedCounts(@TempDir Path dir) throws IOException {
        writeSmallSet(dir, 3, 2);
        Path labels = DigitsDl4j.find(dir, DigitsDl4j.TRAIN_LABELS), images = DigitsDl4j.find(dir, DigitsDl4j.TRAIN_IMAGES);
        IOException kind = assertThrows(IOException.class, () -> DigitsDl4j.readIdx(labels, 2051, new int[3]));
        assertEquals(labels + ": magic number 2049 is not 2051; not an IDX file of this kind", kind.getMessage());

        Path cut = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(Files.readAllBytes(images), 16 + 100));
        IOException shortFile = assertThrows(IOException.class, () -> DigitsDl4j.readIdx(cut, 2051, new int[3]));
        assertEquals(cut + " ends early: it is shorter than its header says", shortFile.getMessage());

        Path fewer = Files.write(dir.resolve("fewer"), IdxTestFiles.file(IdxTestFiles.LABEL_MAGIC, new byte[]{1, 2}, 2));
        IOException counts = assertThrows(IOException.class, () -> new DigitsDl4j.IdxDataSetIterator(images, fewer, 10, null, 100));
        assertEquals(images + " holds 3 images but " + fewer + " holds 2 labels", counts.getMessage());

        Path empty = Files.write(dir.resolve("empty"), IdxTestFiles.file(IdxTestFiles.IMAGE_MAGIC, new byte[0], 3, 0, 28));
        IOException zero = assertThrows(IOException.class, () -> DigitsDl4j.readIdx(empty, 2051, new int[3]));
        assertEquals(empty + ": dimension 1 is 0; it must be ≥ 1", zero.getMessage());

        Path huge = Files.write(dir.resolve("huge"), IdxTestFiles.file(IdxTestFiles.IMAGE_MAGIC, new byte[0], 70000, 70000, 1));
        IOException big = assertThrows(IOException.class, () -> DigitsDl4j.readIdx(huge, 2051, new int[3]));
        assertEquals(huge + ": 4900000000 bytes is too large for one array", big.getMessage());

        Path eleven = Files.write(dir.resolve("eleven"), IdxTestFiles.file(IdxTestFiles.LABEL_MAGIC, new byte[]{1, 11, 2}, 3));
        IOException label = assertThrows(IOException.class, () -> new DigitsDl4j.IdxDataSetIterator(images, eleven, 10, null, 100));
        assertEquals(eleven + ": label 11 of example 1 is not a class 0..9", label.getMessage());
    }

    @Test
    void theConfigurationIsTheBooksDigitsNet() {
        assertEquals(NetSpec.digits().withInit(Init.DL4J), ConfigTranslator.toSpec(DigitsDl4j.configuration()),
                "784→50→10, relu, softmax, MCXENT(clip 1e-10), Sgd(0.1), seed 42, miniBatch, DOUBLE (or refused)");
    }

    /** {@code nTrain} and {@code nTest} 28×28 images, pixels (7i + 3k) mod 256, labels i mod 10; train plain, test gzipped. */
    private static void writeSmallSet(Path dir, int nTrain, int nTest) throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxTestFiles.file(IdxTestFiles.IMAGE_MAGIC, pixels(nTrain), nTrain, 28, 28));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTestFiles.file(IdxTestFiles.LABEL_MAGIC, labels(nTrain), nTrain));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxTestFiles.gzip(IdxTestFiles.file(IdxTestFiles.IMAGE_MAGIC, pixels(nTest), nTest, 28, 28)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxTestFiles.gzip(IdxTestFiles.file(IdxTestFiles.LABEL_MAGIC, labels(nTest), nTest)));
    }

    private static byte[] pixels(int n) {
        byte[] p = new byte[n * 784];
        for (int i = 0; i < n; i++) for (int k = 0; k < 784; k++) p[i * 784 + k] = (byte) ((7 * i + 3 * k) % 256);
        return p;
    }

    private static byte[] labels(int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) l[i] = (byte) (i % 10);
        return l;
    }
}
