package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static nnparity.data.IdxTestFiles.IMAGE_MAGIC;
import static nnparity.data.IdxTestFiles.LABEL_MAGIC;
import static nnparity.data.IdxTestFiles.file;
import static nnparity.data.IdxTestFiles.gzip;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import nnparity.data.DataException;
import nnparity.data.MnistLocator;
import picocli.CommandLine;

/**
 * The digits job end to end through {@link Main}: a short lockstep on MNIST-format files the test
 * writes itself, the bad inputs it must refuse with exit code 2, and (when Debian's
 * {@code dataset-fashion-mnist} is installed) one full epoch on the real 60,000 training images.
 */
class DigitsJobTest {

    /** The bar for "the same": loss and parameter differences scaled by max(1, |a|, |b|), every step. */
    static final double PARITY_TOL = 1e-12;
    /** Debian's Fashion-MNIST, present on the CI machine and (optionally) a developer's. */
    static final Path FASHION = MnistLocator.DEBIAN_FASHION_MNIST.dir();
    /**
     * After one epoch of the default recipe on all of Fashion-MNIST both nets reach 0.8011 test
     * accuracy (measured; 0.8649 after ten); a lockstep that trains but learns nothing would stay
     * near 0.10. Another machine's rounding (FMA or not) may flip a few borderline images.
     */
    static final double ONE_EPOCH_TEST_ACCURACY = 0.8011;
    /** Ten of the 10,000 test images. */
    static final double TEN_IMAGES_OF_10000 = 0.001;
    /** One of the 120 test images of the written set. */
    static final double ONE_IMAGE_OF_120 = 1 / 120.0;

    @TempDir
    Path tmp;

    // ----- a small MNIST-format set, written byte by byte -----

    /**
     * {@code n} 28×28 images whose class is legible: class c has a bright 2-pixel bar at rows
     * 4+2c and 5+2c, over sparse faint noise. Labels are seeded-random; pixels seeded from the same.
     */
    static byte[][] synthetic(int n, long seed) {
        Random rnd = new Random(seed);
        byte[] px = new byte[n * 784], labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(10);
            labels[i] = (byte) c;
            for (int k = 0; k < 784; k++) {
                int r = k / 28, col = k % 28;
                int v = rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(60);
                if ((r == 4 + 2 * c || r == 5 + 2 * c) && col >= 4 && col < 24) v = 180 + rnd.nextInt(76);
                px[i * 784 + k] = (byte) v;
            }
        }
        return new byte[][]{px, labels};
    }

    /** A dataset directory: training images gzip-compressed, the other three files plain. */
    Path writeDataset(String name, int nTrain, int nTest) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        byte[][] train = synthetic(nTrain, 1), test = synthetic(nTest, 2);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(file(IMAGE_MAGIC, train[0], nTrain, 28, 28)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), file(LABEL_MAGIC, train[1], nTrain));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), file(IMAGE_MAGIC, test[0], nTest, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), file(LABEL_MAGIC, test[1], nTest));
        return dir;
    }

    // ----- running the CLI -----

    record Run(int code, String out, String err) {
    }

    static Run compare(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String[] args(Object... parts) {
        List<String> a = new ArrayList<>(List.of("--task", "digits"));
        for (Object p : parts) a.add(p.toString());
        return a.toArray(new String[0]);
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(Files.readString(file));
    }

    // ----- behaviour -----

    @Test
    void shortLockstepOnWrittenFilesAgreesAndReportsEveryDigitsKey() throws IOException {
        Path dir = writeDataset("tiny-digits", 300, 120);
        Path report = tmp.resolve("report.json");

        Run r = compare(args("--data", dir, "--limit", 200, "--epochs", 2, "--batch", 20, "--lr", 0.5, "--report", report));

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("AGREE: "), r.out());
        assertTrue(r.out().contains("training on the first 200 of 300 training images"), r.out());
        assertTrue(r.out().contains("identical confusion matrix"), r.out());
        JsonNode j = json(report);
        assertEquals("AGREE", j.get("verdict").asText());
        assertEquals(20, j.get("steps").asInt());
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? "together" : "turns", j.get("timeSplit").get("sides").asText(),
                "batch 20 of 784→50→10 is 794,000 multiply-adds: side by side wherever there are two cores");
        assertTrue(j.get("maxScaledLossDiff").asDouble() <= PARITY_TOL);
        assertTrue(j.get("maxAbsGradDiff").asDouble() <= PARITY_TOL);
        assertTrue(j.get("maxAbsParamDiff").asDouble() <= PARITY_TOL);

        JsonNode ds = j.get("dataset");
        assertEquals("tiny-digits", ds.get("name").asText());
        assertEquals(dir.toAbsolutePath().normalize().toString(), ds.get("path").asText());
        assertEquals(200, ds.get("train").asInt());
        assertEquals(300, ds.get("trainAvailable").asInt());
        assertEquals(120, ds.get("test").asInt());

        JsonNode acc = j.get("accuracy");
        assertEquals("[1,2]", acc.get("epochs").toString());
        for (String set : new String[]{"train", "test"}) {
            assertEquals(2, acc.get("handWritten").get(set).size());
            assertEquals(acc.get("handWritten").get(set), acc.get("dl4j").get(set), set + " accuracy differs between the nets");
        }
        // The bars are easy: measured, 68 of the 120 unseen images right after epoch 1 and all 120 after epoch 2
        // (chance is 12). The same seed gives the same bits here; another machine's rounding may move an image.
        assertEquals(68 / 120.0, acc.get("dl4j").get("test").get(0).asDouble(), ONE_IMAGE_OF_120, acc.toString());
        assertEquals(1.0, acc.get("dl4j").get("test").get(1).asDouble(), ONE_IMAGE_OF_120, acc.toString());
        assertEquals(1.0, j.get("testAgreement").asDouble());
        assertEquals("[1.0,1.0]", j.get("testAgreementPerEpoch").toString());
        assertEquals(2, j.get("secondsPerEpoch").get("handWritten").size());
        assertEquals(2, j.get("secondsPerEpoch").get("dl4j").size());
        assertEquals(j.get("testConfusionMatrix").get("handWritten"), j.get("testConfusionMatrix").get("dl4j"));
        int total = 0;
        for (JsonNode row : j.get("testConfusionMatrix").get("dl4j")) for (JsonNode v : row) total += v.asInt();
        assertEquals(120, total, "the confusion matrix counts every test image once");
    }

    @Test
    void anEpochOfManyStepsPrintsSeveralProgressRows() throws IOException {
        Path dir = writeDataset("progress", 300, 50);

        Run r = compare(args("--data", dir, "--epochs", 1, "--batch", 10));

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        Pattern stepRow = Pattern.compile("(?m)^\\s+\\d+\\s+1\\s+\\d\\.\\d+");
        long rows = stepRow.matcher(r.out()).results().count();
        assertTrue(rows >= ROWS_AT_LEAST, rows + " step rows for a 30-step epoch:\n" + r.out());
        assertTrue(r.out().contains("── epoch 1/1: accuracy train"), r.out());
    }

    static final int ROWS_AT_LEAST = 5;

    /** 14×14 images: the built-in net's input layer takes their 196 pixels, with a note, and the run agrees. */
    @Test
    void imagesOfAnotherSizeResizeTheInputLayerOfTheBuiltInNet() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("small-images"));
        byte[][] train = synthetic(60, 1), test = synthetic(20, 2);
        Files.write(dir.resolve("train-images-idx3-ubyte"), file(IMAGE_MAGIC, java.util.Arrays.copyOf(train[0], 60 * 196), 60, 14, 14));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), file(LABEL_MAGIC, train[1], 60));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), file(IMAGE_MAGIC, java.util.Arrays.copyOf(test[0], 20 * 196), 20, 14, 14));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), file(LABEL_MAGIC, test[1], 20));

        Run r = compare(args("--data", dir, "--epochs", 1, "--batch", 20, "--hidden", "16,8"));

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  note          the images are 14×14, so the input layer has 196 units, not 784"), r.out());
        assertTrue(r.out().contains("  spec          196→16→8→10 relu,"), r.out());
    }

    @Test
    void zeroEpochsComparesTheUntrainedNetsOnTheTestSet() throws IOException {
        Path dir = writeDataset("untrained", 50, 40);
        Path report = tmp.resolve("zero.json");

        Run r = compare(args("--data", dir, "--epochs", 0, "--report", report));

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        JsonNode j = json(report);
        assertEquals(0, j.get("steps").asInt());
        assertEquals("[0]", j.get("accuracy").get("epochs").toString());
        assertEquals(1.0, j.get("testAgreement").asDouble());
    }

    @Test
    void aMissingDataDirectoryExitsTwoAndSaysSo() {
        Path none = tmp.resolve("no-such-dir");

        Run r = compare(args("--data", none));

        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains(none.toString()) && r.err().contains("does not exist"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aDirectoryWithoutTheTestFilesNamesThem() throws IOException {
        Path dir = writeDataset("half", 20, 10);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));

        Run r = compare(args("--data", dir));

        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("lacks t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]"), r.err());
    }

    @Test
    void aCorruptLabelFileExitsTwoNamingTheFile() throws IOException {
        Path dir = writeDataset("corrupt", 20, 10);
        byte[] labels = new byte[10];
        labels[3] = 12;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), file(LABEL_MAGIC, labels, 10));

        Run r = compare(args("--data", dir));

        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("t10k-labels-idx1-ubyte") && r.err().contains("label 12 at index 3 is out of range"), r.err());
    }

    @Test
    void aBatchLargerThanTheImagesIsCappedWithANote() throws IOException {
        Path dir = writeDataset("capped", 30, 10);

        Run r = compare(args("--data", dir, "--epochs", 1, "--batch", 2147483647));

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  batch         --batch 2147483647 is more than the 30 training images; using 30"), r.out());
        assertTrue(r.out().contains("1 epoch × 1 step of batch 30 = 1 step,"), r.out());
    }

    @Test
    void aHiddenLayerNoJavaArrayCanHoldIsRefusedBeforeAllocating() throws IOException {
        Path dir = writeDataset("too-wide", 20, 10);

        Run r = compare(args("--data", dir, "--hidden", 5478275, "--epochs", 1));

        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("W1 would be 784×5478275 = 4,294,967,600 doubles, more than a Java array holds"), r.err());
        assertFalse(r.out().contains("|Δloss|"), r.out());
    }

    @Test
    void aReportPointedAtAnInputFileIsRefusedBeforeTrainingAndTheFileKept() throws IOException {
        Path dir = writeDataset("precious", 20, 10);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] before = Files.readAllBytes(labels);

        Run r = compare(args("--data", dir, "--epochs", 1, "--report", labels));

        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("an input of this run; it would be overwritten"), r.err());
        assertFalse(r.out().contains("|Δloss|"), "nothing trained: " + r.out());
        assertArrayEquals(before, Files.readAllBytes(labels));
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "no temporary file is left beside the inputs");
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "--points 10                  | --points and --predict belong to --task quadrant",
            "--predict 1,1                | --points and --predict belong to --task quadrant",
            "--limit 0                    | --limit 0 is invalid",
            "--batch 0                    | --batch 0 is invalid",
            "--epochs -1                  | --epochs -1 is invalid",
            "--every 0                    | --every 0 is invalid",
            "--activation step            | step",
            "--report /no/such/dir/r.json | directory /no/such/dir does not exist",
    })
    void badFlagsExitTwoBeforeAnyData(String flags, String message) {
        List<String> a = new ArrayList<>(List.of("--task", "digits", "--data", tmp.resolve("never-read").toString()));
        a.addAll(List.of(flags.trim().split("\\s+")));

        Run r = compare(a.toArray(new String[0]));

        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("never-read"), "flags are checked before the data is looked for: " + r.err());
    }

    @Test
    void withNoDataAnywhereItSaysWhereItLookedAndHowToGetData() {
        CompareCommand cmd = new CompareCommand();
        new CommandLine(cmd).parseArgs("--task", "digits");
        Path absent = tmp.resolve("datasets/fashion-mnist");
        MnistLocator nowhere = new MnistLocator(name -> null, tmp.resolve("home"),
                List.of(new MnistLocator.SystemDir(absent, "Fashion-MNIST", "Debian package dataset-fashion-mnist")));

        DataException e = assertThrows(DataException.class,
                () -> new DigitsJob(cmd, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), nowhere).run());

        String m = e.getMessage();
        assertTrue(m.contains("$MNIST_DIR (not set)"), m);
        assertTrue(m.contains(tmp.resolve("home/.deeplearning4j/data/MNIST").toString()), m);
        assertTrue(m.contains(absent.toString()), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("nothing is downloaded"), m);
    }

    /**
     * The CI check: one full epoch (600 steps of 100) on all 60,000 Fashion-MNIST training
     * images, every step compared, then both nets on all 10,000 test images. Skipped where Debian's
     * {@code dataset-fashion-mnist} is not installed.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void oneFullEpochOnFashionMnistAgrees() throws IOException {
        Assumptions.assumeTrue(MnistLocator.findFiles(FASHION).isPresent(),
                FASHION + " lacks Fashion-MNIST; apt-get install dataset-fashion-mnist to run this test");
        Path report = tmp.resolve("fashion.json");
        long t0 = System.nanoTime();

        Run r = compare(args("--data", FASHION, "--epochs", 1, "--report", report));

        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "one full Fashion-MNIST epoch in lockstep: %.1f s wall%n", seconds);
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        JsonNode j = json(report);
        assertEquals("AGREE", j.get("verdict").asText());
        assertEquals(600, j.get("steps").asInt());
        assertEquals("Fashion-MNIST", j.get("dataset").get("name").asText());
        assertEquals(60000, j.get("dataset").get("train").asInt());
        assertEquals(10000, j.get("dataset").get("test").asInt());
        assertTrue(j.get("maxScaledLossDiff").asDouble() <= PARITY_TOL, j.toString());
        assertTrue(j.get("maxAbsParamDiff").asDouble() <= PARITY_TOL, j.toString());
        assertEquals(1.0, j.get("testAgreement").asDouble());
        for (String side : new String[]{"handWritten", "dl4j"}) {
            double acc = j.get("accuracy").get(side).get("test").get(0).asDouble();
            assertEquals(ONE_EPOCH_TEST_ACCURACY, acc, TEN_IMAGES_OF_10000, side + " test accuracy");
        }
    }
}
