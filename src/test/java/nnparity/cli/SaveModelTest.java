package nnparity.cli;

import static nnparity.data.IdxTestFiles.IMAGE_MAGIC;
import static nnparity.data.IdxTestFiles.LABEL_MAGIC;
import static nnparity.data.IdxTestFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.report.ModelExport;

/** {@code --save-model DIR} through the command line, both tasks, and the paths it refuses. */
class SaveModelTest {
    /**
     * The saved hand-written net against a forward pass computed here from the DL4J net's .npy
     * files: after a run that agreed (parameters within 1e-12), the probabilities agree far inside this.
     */
    static final double AGREED_RUN = 1e-9;

    @TempDir
    Path tmp;

    Path digits() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("digits"));
        byte[][] train = DigitsJobTest.synthetic(100, 1), test = DigitsJobTest.synthetic(30, 2);
        Files.write(dir.resolve("train-images-idx3-ubyte"), file(IMAGE_MAGIC, train[0], 100, 28, 28));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), file(LABEL_MAGIC, train[1], 100));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), file(IMAGE_MAGIC, test[0], 30, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), file(LABEL_MAGIC, test[1], 30));
        return dir;
    }

    @Test
    void digitsSavesAModelThatPredictsWhatTheNpyParametersPredict() throws IOException {
        Path saved = tmp.resolve("saved");
        CliRun r = CliRun.of("--task", "digits", "--data", digits().toString(), "--epochs", "1", "--batch", "20", "--lr", "0.5",
                "--save-model", saved.toString());
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("model: " + saved + " (handwritten-net.zip: the hand-written net as a DL4J model"), r.out());
        MultiLayerNetwork net = MultiLayerNetwork.load(saved.resolve(ModelExport.MODEL_FILE).toFile(), true);
        double[] w1 = nnparity.report.NpyFiles.read(saved.resolve("W1.npy"), 784, 50), b1 = nnparity.report.NpyFiles.read(saved.resolve("b1.npy"), 50);
        double[] w2 = nnparity.report.NpyFiles.read(saved.resolve("W2.npy"), 50, 10), b2 = nnparity.report.NpyFiles.read(saved.resolve("b2.npy"), 10);
        byte[][] test = DigitsJobTest.synthetic(30, 2);
        double[] x = new double[30 * 784];
        for (int i = 0; i < x.length; i++) x[i] = (test[0][i] & 0xff) / 255.0;
        double[] p = net.output(Nd4j.create(x, new long[]{30, 784}, 'c'), false).dup('c').data().asDouble();
        for (int n = 0; n < 30; n++) {
            double[] h = new double[50], z = new double[10];
            for (int j = 0; j < 50; j++) {
                double s = b1[j];
                for (int i = 0; i < 784; i++) s += x[n * 784 + i] * w1[i * 50 + j];
                h[j] = Math.max(0, s);
            }
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < 10; k++) {
                z[k] = b2[k];
                for (int j = 0; j < 50; j++) z[k] += h[j] * w2[j * 10 + k];
                max = Math.max(max, z[k]);
            }
            for (int k = 0; k < 10; k++) sum += Math.exp(z[k] - max);
            for (int k = 0; k < 10; k++) assertEquals(Math.exp(z[k] - max) / sum, p[n * 10 + k], AGREED_RUN, "image " + n + " class " + k);
        }
    }

    @Test
    void theQuadrantModelComesBackWithModelAndStartsFromItsOwnParameters() {
        Path saved = tmp.resolve("saved");
        CliRun r = CliRun.of("--epochs", "20", "--updater", "adam", "--save-model", saved.toString());
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        CliRun back = CliRun.of("--model", saved.resolve(ModelExport.MODEL_FILE).toString(), "--epochs", "3");
        assertEquals(Main.AGREE, back.code(), back.out() + back.err());
        assertTrue(back.out().contains("a saved MultiLayerNetwork; both sides start from its own parameters"), back.out());
        assertTrue(back.out().contains("max |Δ|: a1 0, a2 0"), "the same parameters, so the same activations: " + back.out());
    }

    @Test
    void aFolderWithFilesIsRefusedBeforeTraining() throws IOException {
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "x");
        CliRun r = CliRun.of("--save-model", full.toString());
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("error: --save-model " + full + " already holds files (e.g. mine.txt)"), r.err());
        assertEquals("", r.out(), "refused before the first step");
    }

    @Test
    void theExportOrReportMayNotShareItsFolder() {
        Path d = tmp.resolve("d");
        CliRun same = CliRun.of("--save-model", d.toString(), "--export", d.toString());
        assertEquals(Main.USAGE, same.code());
        assertTrue(same.errLines()[0].startsWith("error: --save-model " + d + " and the --export folder "), same.err());
        CliRun inside = CliRun.of("--save-model", d.toString(), "--report", d.resolve("r.json").toString());
        assertEquals(Main.USAGE, inside.code());
    }

    @Test
    void compareUpdatersRefusesIt() throws IOException {
        CliRun r = CliRun.of("--task", "digits", "--data", digits().toString(), "--compare-updaters", "sgd,adam", "--save-model", tmp.resolve("s").toString());
        assertEquals(Main.USAGE, r.code());
        assertEquals("error: --save-model saves one run's nets; --compare-updaters makes 2", r.errLines()[0]);
    }
}
