package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

/**
 * A user's own configuration file or saved model, brought in: translated into the spec, with the
 * network and parameters to start from; and every way a file can be wrong, each refused with one
 * line that names the file.
 */
class Dl4jImportTest {
    /** Parameters are copied, never computed: bit for bit. */
    static final double EXACT = 0;

    @TempDir
    Path dir;

    /** 3 → 4 (tanh) → 2 softmax with l2 on the hidden layer, every field away from the tutorial's. */
    private static final NetSpec SPEC = new NetSpec(3, List.of(new LayerSpec(4, Activation.TANH, Regularization.NONE.withL2(1e-3))),
            new LayerSpec(2, Activation.SOFTMAX), Loss.NEGATIVELOGLIKELIHOOD, 1e-10, 0.2, Init.DL4J, 17, true);

    /** Layer k's W[i][j] = 10·k + i + j/10, b[j] = −(k + j/10): every value says where it belongs. */
    private static ParamSet literal() {
        List<DenseParams> layers = new java.util.ArrayList<>();
        for (int k = 0; k < SPEC.depth(); k++) {
            int nIn = SPEC.nIn(k), nOut = SPEC.layers().get(k).nOut();
            double[] w = new double[nIn * nOut], b = new double[nOut];
            for (int i = 0; i < nIn; i++)
                for (int j = 0; j < nOut; j++) w[i * nOut + j] = 10 * k + i + j / 10.0;
            for (int j = 0; j < nOut; j++) b[j] = -(k + j / 10.0);
            layers.add(new DenseParams(nIn, nOut, w, b));
        }
        return new ParamSet(layers);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    // ---------------------------------------------------------------- what comes in

    @Test
    void aJsonConfigurationComesWithTheSpecAndANetworkDrawnFromItsOwnInitAndSeed() throws IOException {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC);
        Dl4jImport.ImportedNet in = Dl4jImport.configuration(write("conf.json", conf.toJson()));
        assertEquals(SPEC, in.spec());
        // DL4J draws from the configuration's own seed: a second network of it draws the same
        ParamSet drawn = ParamBridge.read(Dl4jNets.network(conf));
        assertEquals(drawn, in.params());
        assertEquals(drawn, ParamBridge.read(in.network()));
        assertTrue(Math.abs(in.params().layer(1).w(0, 0)) > 0, "weights were drawn, not left at zero");
    }

    @Test
    void aYamlConfigurationIsRecognisedByItsFirstCharacter() throws IOException {
        Path file = write("conf.yml", Dl4jNets.configuration(SPEC).toYaml());
        assertEquals(SPEC, Dl4jImport.configuration(file).spec());
        assertEquals(Dl4jImport.Format.YAML, Dl4jImport.Format.of("---\nconfs: []"));
        assertEquals(Dl4jImport.Format.JSON, Dl4jImport.Format.of(" \n\t{ \"confs\": [] }"));
        assertEquals(Dl4jImport.Format.YAML, Dl4jImport.Format.of("confs: []"));
    }

    @Test
    void aSavedModelComesWithItsSpecAndItsOwnWeights() throws IOException {
        MultiLayerNetwork saved = Dl4jNets.network(SPEC);
        ParamBridge.write(literal(), saved);
        Path file = dir.resolve("model.zip");
        saved.save(file.toFile());
        Dl4jImport.ImportedNet in = Dl4jImport.model(file);
        assertEquals(SPEC, in.spec());
        assertEquals(literal(), in.params());
        assertEquals(literal(), ParamBridge.read(in.network()));
        assertEquals(12.1, in.network().getParam("1_W").getDouble(2, 1), EXACT, "1_W[2][1] = 10 + 2 + 0.1 through DL4J's own API");
    }

    @Test
    void aModelSavedAfterTrainingImportsWithTheTrainedWeights() throws IOException {
        MultiLayerNetwork net = Dl4jNets.network(SPEC);
        net.fit(Nd4j.create(new double[][]{{1, 2, 3}}), Nd4j.create(new double[][]{{0, 1}}));
        Path file = dir.resolve("trained.zip");
        net.save(file.toFile());
        Dl4jImport.ImportedNet in = Dl4jImport.model(file);
        assertEquals(ParamBridge.read(net), in.params());
        assertEquals(SPEC, in.spec());
    }

    @Test
    void aSavedModelTheSpecCannotMirrorIsRefusedAsUnsupported() throws IOException {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC);
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).setIDropout(new org.deeplearning4j.nn.conf.dropout.GaussianDropout(0.2));
        MultiLayerNetwork net = Dl4jNets.network(conf);
        Path file = dir.resolve("gaussian-dropout.zip");
        net.save(file.toFile());
        ImportException e = assertThrows(ImportException.class, () -> Dl4jImport.model(file));
        assertEquals("layer 0 (DenseLayer): dropout GaussianDropout(rate=0.2, rateSchedule=null, noise=null) is not supported;"
                + " supported: Dropout(p) with a fixed retain probability p, or none", e.getMessage());
        assertEquals(ImportException.Kind.UNSUPPORTED, e.kind());
    }

    // ---------------------------------------------------------------- files that cannot be read

    private static ImportException refusedFile(Function<Path, ?> load, Path file) {
        ImportException e = assertThrows(ImportException.class, () -> load.apply(file));
        assertEquals(ImportException.Kind.FILE, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        return e;
    }

    private ImportException refusedConfig(Path file) {
        return refusedFile(Dl4jImport::configuration, file);
    }

    private ImportException refusedModel(Path file) {
        return refusedFile(Dl4jImport::model, file);
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.json");
        assertEquals("config file " + file + " does not exist", refusedConfig(file).getMessage());
        assertEquals("model file " + file + " does not exist", refusedModel(file).getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertEquals("config file " + dir + " is a directory, not a file", refusedConfig(dir).getMessage());
        assertEquals("model file " + dir + " is a directory, not a file", refusedModel(dir).getMessage());
    }

    @Test
    void anEmptyFileIsNamedEmpty() throws IOException {
        Path empty = write("empty.json", "");
        assertEquals("config file " + empty + " is empty (0 bytes)", refusedConfig(empty).getMessage());
        assertEquals("model file " + empty + " is empty (0 bytes)", refusedModel(empty).getMessage());
        Path blank = write("blank.json", " \n\t\n");
        assertEquals("config file " + blank + " is empty (white space only)", refusedConfig(blank).getMessage());
    }

    @Test
    void aSavedModelGivenAsAConfigurationIsToldApart() throws IOException {
        Path file = dir.resolve("model.zip");
        Dl4jNets.network(SPEC).save(file.toFile());
        assertEquals("config file " + file + " is a zip archive, not a configuration (a saved model? give it as a model)", refusedConfig(file).getMessage());
    }

    @Test
    void binaryBytesAreNotAConfiguration() throws IOException {
        Path file = write("bytes.json", new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertEquals("config file " + file + " is not text (not UTF-8), so not a configuration in JSON or YAML", refusedConfig(file).getMessage());
    }

    @Test
    void brokenJsonIsRefusedWithJacksonsFirstLine() throws IOException {
        String json = Dl4jNets.configuration(SPEC).toJson();
        Path truncated = write("truncated.json", json.substring(0, json.length() / 2));
        assertTrue(refusedConfig(truncated).getMessage().startsWith("config file " + truncated + " is not a DL4J MultiLayerConfiguration in JSON (Unexpected end-of-input"));
        Path junk = write("junk.json", "{ this is not json }");
        assertTrue(refusedConfig(junk).getMessage().startsWith("config file " + junk + " is not a DL4J MultiLayerConfiguration in JSON (Unexpected character"));
        Path noLayers = write("nolayers.json", "{}");
        assertEquals("config file " + noLayers + " is not a DL4J MultiLayerConfiguration in JSON (Cannot invoke \"java.util.List.size()\" because the return value of"
                + " \"org.deeplearning4j.nn.conf.MultiLayerConfiguration.getConfs()\" is null)", refusedConfig(noLayers).getMessage());
    }

    @Test
    void textThatIsNotYamlOfAConfigurationIsRefused() throws IOException {
        Path file = write("words.yaml", "hello world");
        assertTrue(refusedConfig(file).getMessage().startsWith("config file " + file + " is not a DL4J MultiLayerConfiguration in YAML (Cannot construct instance"),
                refusedConfig(file).getMessage());
    }

    @Test
    void aConfigurationGivenAsAModelIsNotAZipArchive() throws IOException {
        Path file = write("conf.json", Dl4jNets.configuration(SPEC).toJson());
        assertEquals("model file " + file + " is not a saved DL4J model: not a zip archive (save one with net.save(file))", refusedModel(file).getMessage());
        Path tiny = write("tiny.zip", new byte[]{'P', 'K'});
        assertEquals("model file " + tiny + " is not a saved DL4J model: not a zip archive (save one with net.save(file))", refusedModel(tiny).getMessage());
    }

    @Test
    void aTruncatedModelIsRefused() throws IOException {
        Path whole = dir.resolve("whole.zip");
        Dl4jNets.network(SPEC).save(whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path half = write("half.zip", Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(refusedModel(half).getMessage().startsWith("model file " + half + " could not be loaded as a DL4J MultiLayerNetwork ("),
                refusedModel(half).getMessage());
    }

    @Test
    void aZipWithoutAModelIsRefused() throws IOException {
        Path file = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a model".getBytes());
            zip.closeEntry();
        }
        assertEquals("model file " + file + " could not be loaded as a DL4J MultiLayerNetwork"
                + " (Model wasnt found within file: gotConfig: [false], gotCoefficients: [false], gotUpdater: [false])", refusedModel(file).getMessage());
    }

    @Test
    void theFirstLineOfTheInnermostCauseIsKept() {
        var inner = new IllegalStateException("first line\nsecond line");
        assertEquals("first line", Dl4jImport.firstLine(new RuntimeException("outer", inner)));
        assertEquals("NullPointerException", Dl4jImport.firstLine(new RuntimeException(new NullPointerException())));
        assertEquals("IllegalStateException", Dl4jImport.firstLine(new IllegalStateException(" ")));
    }

    @Test
    void readConfigurationReturnsDl4jsOwnObject() throws IOException {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC);
        assertEquals(conf, Dl4jImport.readConfiguration(write("c.json", conf.toJson())));
        assertEquals(conf, Dl4jImport.readConfiguration(write("c.yaml", conf.toYaml())));
    }
}
