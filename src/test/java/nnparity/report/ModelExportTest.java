package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.QuadrantData;
import nnparity.dl4j.Dl4jImport;
import nnparity.parity.Dl4jSide;
import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.Outcome;
import nnparity.parity.Tolerances;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * {@code --save-model}: the hand-written net saved as a DL4J model predicts what the hand-written
 * net predicts once DL4J loads it; the .npy files hold the DL4J net's parameters in the canonical
 * layout; and the saved model brought back with {@code --model} starts the lockstep from exactly
 * the saved parameters, counts and updater state.
 */
class ModelExportTest {
    /**
     * DL4J's {@code output} against the hand-written forward pass, on the same parameters: the two
     * sum the matrix products in different orders, so they may differ in the last bits. Measured
     * on the 64 held-out points: 0 (bit-identical) for the three nets without batch norm, 1.1e-16
     * with it (one ulp of a probability below 1).
     */
    static final double SAME_PREDICTION = 1e-15;
    /** Parameters, counts and updater state copied through a file: bit for bit. */
    static final double EXACT = 0.0;
    /**
     * A batch norm's running variance goes into DL4J as log10(√var) and comes back as (10^s)²
     * ({@link nnparity.dl4j.ParamBridge}): a few ulps, relative.
     */
    static final double VARIANCE_ROUND_TRIP_REL = 1e-14;

    static final QuadrantData POINTS = QuadrantData.random(64, 42);

    @TempDir
    Path tmp;

    static Stream<Arguments> nets() {
        NetSpec q = NetSpec.quadrant();
        return Stream.of(
                Arguments.of("sgd, the tutorial's net", q),
                Arguments.of("adam", q.withUpdater(UpdaterSpec.defaults(Updater.ADAM))),
                Arguments.of("two hidden layers, nesterovs, dropout", q.withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER)
                        .withUpdater(UpdaterSpec.defaults(Updater.NESTEROVS)).withKeepProb(0.8)),
                Arguments.of("batch norm, adamax", q.withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER)
                        .withUpdater(UpdaterSpec.defaults(Updater.ADAMAX)).withBatchNorm(BatchNormSpec.DL4J_DEFAULT)));
    }

    /** 2 epochs of 4 steps (batch 16) on 64 points. */
    static Lockstep trained(NetSpec spec) {
        Lockstep l = new Lockstep(spec, new TrainSpec(2, 16, 42), POINTS, Tolerances.DEFAULT);
        LockstepResult r = l.run();
        assertEquals(Outcome.AGREE, r.outcome(), "the run that is saved agrees");
        return l;
    }

    static Path save(Lockstep l, NetSpec spec, Path dir) throws IOException {
        ModelExport.write(dir, spec, l.scratch(), l.dl4j(), "test run");
        return dir.resolve(ModelExport.MODEL_FILE);
    }

    static double[] grid() {
        List<double[]> g = QuadrantData.heldOutGrid();
        double[] x = new double[2 * g.size()];
        for (int i = 0; i < g.size(); i++) {
            x[2 * i] = g.get(i)[0];
            x[2 * i + 1] = g.get(i)[1];
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void theSavedHandWrittenNetPredictsWhatTheHandWrittenNetPredictsOnceDl4jLoadsIt(String name, NetSpec spec) throws IOException {
        Lockstep l = trained(spec);
        Path file = save(l, spec, tmp.resolve("m"));
        MultiLayerNetwork loaded = MultiLayerNetwork.load(file.toFile(), true);
        double[] x = grid();
        int rows = x.length / 2;
        double[] dl4j = loaded.output(Nd4j.create(x, new long[]{rows, 2}, 'c'), false).dup('c').data().asDouble();
        double[] hand = l.scratch().predict(x, rows);
        assertEquals(hand.length, dl4j.length);
        for (int i = 0; i < hand.length; i++) assertEquals(hand[i], dl4j[i], SAME_PREDICTION, "probability " + i);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void theModelBroughtBackWithModelStartsTheLockstepFromExactlyTheSavedNet(String name, NetSpec spec) throws IOException {
        Lockstep before = trained(spec);
        ParamSet saved = before.scratch().params();
        Map<String, ParamSet> savedState = before.scratch().updaterState();
        Path file = save(before, spec, tmp.resolve("m"));

        Dl4jImport.ImportedNet imported = Dl4jImport.model(file);
        Lockstep after = new Lockstep(imported.spec(), new TrainSpec(1, 16, 42), POINTS, Tolerances.DEFAULT, new Dl4jSide(imported.network()));
        assertEquals(8, after.scratch().updater().iteration(), "2 epochs × 4 steps, continued");
        assertEquals(2, after.scratch().updater().epoch());
        assertSame(saved, after.scratch().params(), "the hand-written side starts from the saved parameters");
        assertSame(saved, after.dl4j().params(), "and so does the DL4J side");
        assertEquals(savedState.keySet(), after.scratch().updaterState().keySet());
        for (String k : savedState.keySet()) assertSame(savedState.get(k), after.scratch().updaterState().get(k), k);
        assertEquals(Outcome.AGREE, after.run().outcome(), "and they go on in lockstep");
    }

    /** Equal dense layers (bit for bit) and batch norms (the variance within its round trip). */
    static void assertSame(ParamSet expected, ParamSet actual, String what) {
        assertEquals(expected.layers().size(), actual.layers().size(), what);
        for (int k = 1; k <= expected.layers().size(); k++) {
            DenseParams e = expected.layer(k), a = actual.layer(k);
            for (int i = 0; i < e.w().length; i++) assertEquals(e.w()[i], a.w()[i], EXACT, what + ": W" + k + "[" + i + "]");
            for (int i = 0; i < e.b().length; i++) assertEquals(e.b()[i], a.b()[i], EXACT, what + ": b" + k + "[" + i + "]");
        }
        assertEquals(expected.batchNorm().keySet(), actual.batchNorm().keySet(), what);
        for (int k : expected.batchNorm().keySet()) {
            var e = expected.batchNorm(k);
            var a = actual.batchNorm(k);
            for (int j = 0; j < e.n(); j++) {
                assertEquals(e.gamma()[j], a.gamma()[j], EXACT, what + ": gamma" + k);
                assertEquals(e.beta()[j], a.beta()[j], EXACT, what + ": beta" + k);
                assertEquals(e.mean()[j], a.mean()[j], EXACT, what + ": mean" + k);
                assertEquals(e.var()[j], a.var()[j], VARIANCE_ROUND_TRIP_REL * Math.abs(e.var()[j]), what + ": var" + k);
            }
        }
    }

    @Test
    void theNpyFilesHoldTheDl4jNetsParametersAsWInRowsByInputAndTheUpdaterState() throws IOException {
        NetSpec spec = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER)
                .withUpdater(UpdaterSpec.defaults(Updater.ADAM)).withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        Lockstep l = trained(spec);
        Path dir = tmp.resolve("m");
        save(l, spec, dir);
        MultiLayerNetwork net = l.dl4j().network();
        // DL4J layers: 0 dense, 1 batch norm, 2 dense, 3 batch norm, 4 output
        assertMatrix(dir.resolve("W1.npy"), net.getParam("0_W"), 2, 16);
        assertMatrix(dir.resolve("W2.npy"), net.getParam("2_W"), 16, 12);
        assertMatrix(dir.resolve("W3.npy"), net.getParam("4_W"), 12, 4);
        assertMatrix(dir.resolve("b3.npy"), net.getParam("4_b"), 4);
        assertMatrix(dir.resolve("bn1_gamma.npy"), net.getParam("1_gamma"), 16);
        assertMatrix(dir.resolve("bn2_mean.npy"), net.getParam("3_mean"), 12);
        double[] var = npy(dir.resolve("bn2_var.npy"), 12);
        INDArray logStd = net.getParam("3_log10stdev");
        for (int j = 0; j < 12; j++) assertEquals(Math.pow(100.0, logStd.getDouble(j)), var[j], VARIANCE_ROUND_TRIP_REL * var[j], "var = (10^s)²");
        // Adam's m for the first W: DL4J's state view, variable 0, 'f' order from the block's start
        INDArray view = net.getUpdater().getStateViewArray();
        double[] m = npy(dir.resolve("state_Adam_m_W1.npy"), 2, 16);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 16; j++) assertEquals(view.getDouble(i + 2L * j), m[i * 16 + j], EXACT, "m[" + i + "," + j + "]");
        String readme = Files.readString(dir.resolve("README.txt"));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> !f.getFileName().toString().equals("README.txt"))
                    .forEach(f -> assertTrue(readme.contains(f.getFileName().toString()), "README names " + f.getFileName()));
        }
    }

    @Test
    void anSgdNetHasNoStateFiles() throws IOException {
        NetSpec spec = NetSpec.quadrant();
        Path dir = tmp.resolve("m");
        save(trained(spec), spec, dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("README.txt", "W1.npy", "W2.npy", "b1.npy", "b2.npy", ModelExport.MODEL_FILE),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFolderThatHoldsFilesIsNeverWrittenInto() throws IOException {
        NetSpec spec = NetSpec.quadrant();
        Lockstep l = new Lockstep(spec, new TrainSpec(0, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        l.run();
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertThrows(IOException.class, () -> save(l, spec, dir));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("keep.txt"), files.map(f -> f.getFileName().toString()).toList());
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary folder left beside it");
        }
    }

    private static void assertMatrix(Path file, INDArray dl4j, int... shape) throws IOException {
        double[] v = npy(file, shape);
        if (shape.length == 1) {
            for (int j = 0; j < shape[0]; j++) assertEquals(dl4j.getDouble(j), v[j], EXACT, file.getFileName() + "[" + j + "]");
            return;
        }
        for (int i = 0; i < shape[0]; i++)
            for (int j = 0; j < shape[1]; j++)
                assertEquals(dl4j.getDouble(i, j), v[i * shape[1] + j], EXACT, file.getFileName() + "[" + i + "," + j + "]");
    }

    static double[] npy(Path file, int... shape) throws IOException {
        return NpyFiles.read(file, shape);
    }
}
