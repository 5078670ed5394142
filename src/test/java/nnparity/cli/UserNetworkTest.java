package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnparity.dl4j.Dl4jNets;
import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;

/** {@code --config} and {@code --model}: the user's own DL4J network, end to end through the command line. */
class UserNetworkTest {
    @TempDir
    Path tmp;

    /** A 2 → 8 → 6 → 4 tanh/elu net with l2 and NLL, as a DL4J user would write it. */
    private static MultiLayerConfiguration usersConfig() {
        NetSpec spec = NetSpec.quadrant().withSizes(2, List.of(8, 6), 4)
                .withHidden(List.of(new LayerSpec(8, Activation.TANH), new LayerSpec(6, Activation.ELU)))
                .withLoss(Loss.NEGATIVELOGLIKELIHOOD).withRegularization(Regularization.NONE.withL2(1e-3)).withSeed(7);
        return Dl4jNets.configuration(spec);
    }

    private Path json() throws IOException {
        return Files.writeString(tmp.resolve("net.json"), usersConfig().toJson());
    }

    @Test
    void aConfigAsJsonIsTranslatedAndAgreesStepByStep() throws IOException {
        Path config = json();
        CliRun r = CliRun.of("--config", config.toString(), "--epochs", "200");
        assertAll(
                () -> assertEquals(Main.AGREE, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("  network       --config " + config + " (a DL4J MultiLayerConfiguration; both sides start from the weights DL4J draws for it)"), r.out()),
                () -> assertTrue(r.out().contains("  spec          2→8→6→4 tanh,elu, softmax+NLL(clip 1.0E-10), SGD(lr=0.1), l2=0.001, init dl4j, seed 7, double"), r.out()),
                () -> assertTrue(r.out().contains("each layer's activations on the first 4 training points"), r.out()),
                () -> assertTrue(r.out().contains("over 200 steps"), r.out()));
    }

    @Test
    void aConfigAsYamlWorksTheSame() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("net.yaml"), usersConfig().toYaml());
        CliRun r = CliRun.of("--config", yaml.toString(), "--epochs", "10");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
    }

    @Test
    void aSavedModelStartsBothSidesFromItsOwnTrainedWeightsAndIsComparedBeforeTraining() throws IOException {
        MultiLayerNetwork net = Dl4jNets.network(usersConfig());
        var x = org.nd4j.linalg.factory.Nd4j.create(new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
        var y = org.nd4j.linalg.factory.Nd4j.eye(4);
        for (int i = 0; i < 30; i++) net.fit(x, y);
        Path model = tmp.resolve("model.zip");
        net.save(model.toFile());
        String trained = String.valueOf(net.params().getDouble(0));

        CliRun r = CliRun.of("--model", model.toString(), "--epochs", "50", "--export", tmp.resolve("exp").toString());
        assertAll(
                () -> assertEquals(Main.AGREE, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("(a saved MultiLayerNetwork; both sides start from its own parameters)"), r.out()),
                () -> assertTrue(r.out().matches("(?s).*  before        each layer's activations on the first 4 training points \\(hand-written vs DL4J's feedForward\\),"
                        + " max \\|Δ\\|: a1 \\S+, a2 \\S+, a3 \\S+\n.*"), r.out()));
        // the export's W1 is the model's: DL4J's flat params start with W1[0,0]
        byte[] w1 = Files.readAllBytes(tmp.resolve("exp").resolve("W1.npy"));
        double first = java.nio.ByteBuffer.wrap(w1, w1.length - 8 * 16, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble();
        assertEquals(Double.parseDouble(trained), first, 0, "W1[0,0] is the trained model's");
    }

    /**
     * A model saved mid-training with Adam carries Adam's m and v and its iteration count; both sides
     * continue from them. Started from zero state instead, the first update would already differ
     * (Adam's step is m̂/(√v̂ + ε), and at iteration 30 the bias corrections are not those of step 1).
     */
    @Test
    void aSavedAdamModelContinuesFromItsOwnUpdaterState() throws IOException {
        NetSpec spec = NetSpec.quadrant().withSizes(2, List.of(8), 4).withUpdater(nnparity.spec.UpdaterSpec.defaults(nnparity.spec.Updater.ADAM)
                .with(nnparity.spec.UpdaterSetting.LEARNING_RATE, 0.01)).withSeed(3);
        MultiLayerNetwork net = Dl4jNets.network(spec);
        var x = org.nd4j.linalg.factory.Nd4j.create(new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
        var y = org.nd4j.linalg.factory.Nd4j.eye(4);
        for (int i = 0; i < 30; i++) net.fit(x, y);
        Path model = tmp.resolve("adam.zip");
        net.save(model.toFile(), true);

        CliRun r = CliRun.of("--model", model.toString(), "--epochs", "20");
        assertAll(
                () -> assertEquals(Main.AGREE, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("Adam(lr=0.01, beta1=0.9, beta2=0.999, epsilon=1.0E-8)"), r.out()));
    }

    /** The same with batch norm: γ and β carry Adam state too, and the running statistics continue. */
    @Test
    void aSavedAdamModelWithBatchNormContinuesFromItsOwnState() throws IOException {
        NetSpec spec = NetSpec.quadrant().withSizes(2, List.of(8), 4).withActivation(Activation.TANH)
                .withBatchNorm(nnparity.spec.BatchNormSpec.DL4J_DEFAULT)
                .withUpdater(nnparity.spec.UpdaterSpec.defaults(nnparity.spec.Updater.ADAM)).withSeed(5);
        MultiLayerNetwork net = Dl4jNets.network(spec);
        var x = org.nd4j.linalg.factory.Nd4j.create(new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
        var y = org.nd4j.linalg.factory.Nd4j.eye(4);
        for (int i = 0; i < 10; i++) net.fit(x, y);
        Path model = tmp.resolve("adam-bn.zip");
        net.save(model.toFile(), true);

        CliRun r = CliRun.of("--model", model.toString(), "--epochs", "10");
        assertAll(
                () -> assertEquals(Main.AGREE, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("batchnorm(eps=1.0E-5, decay=0.9) after each hidden layer"), r.out()));
    }

    @ParameterizedTest(name = "{0} → one line, exit 2")
    @CsvSource(delimiter = '|', value = {
            "--hidden 10      | --hidden cannot be combined with --config: the configuration fixes the layers, loss, penalties and learning rate",
            "--loss mse       | --loss cannot be combined with --config",
            "--l2 1e-3        | --l2 cannot be combined with --config",
            "--lr 0.5         | --lr cannot be combined with --config",
            "--no-minibatch   | --no-minibatch cannot be combined with --config",
    })
    void flagsThatWouldChangeTheUsersNetAreRefused(String args, String expected) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("--config", json().toString()));
        argv.addAll(List.of(args.trim().split("\\s+")));
        CliRun r = CliRun.of(argv.toArray(String[]::new));
        assertAll(
                () -> assertEquals(Main.USAGE, r.code(), r.err()),
                () -> assertTrue(r.err().contains(expected), r.err()),
                () -> assertEquals(1, r.errLines().length, r.err()),
                () -> assertFalse(r.err().contains("\tat "), r.err()));
    }

    @Test
    void aDigitsConfigOnTheQuadrantTaskIsRefusedWithTheSizesAndTheTaskToUse() {
        CliRun r = CliRun.of("--config", "examples/digits-deep.json");
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("error: --config examples/digits-deep.json takes 784 inputs and gives 10 outputs, but the quadrant task has 2 features"
                + " and 4 classes; use --task digits", r.err().strip());
    }

    @Test
    void configAndModelTogetherAreRefused() throws IOException {
        CliRun r = CliRun.of("--config", json().toString(), "--model", "m.zip");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("are alternatives; give one"), r.err());
    }

    @Test
    void aMissingOrCorruptFileIsOneLineNamingIt() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("bad.json"), "{ not json");
        for (String[] args : List.of(new String[]{"--config", tmp.resolve("none.json").toString()}, new String[]{"--config", garbage.toString()},
                new String[]{"--model", garbage.toString()})) {
            CliRun r = CliRun.of(args);
            assertAll(
                    () -> assertEquals(Main.USAGE, r.code(), r.err()),
                    () -> assertTrue(r.err().startsWith("error: ") && r.err().contains(args[1]), r.err()),
                    () -> assertEquals(1, r.errLines().length, r.err()));
        }
    }

    @Test
    void anUnsupportedSettingIsRefusedNamingTheLayerAndTheSetting() throws IOException {
        MultiLayerConfiguration conf = usersConfig();
        conf.getConf(0).getLayer().setIDropout(new org.deeplearning4j.nn.conf.dropout.GaussianDropout(0.5));
        Path config = Files.writeString(tmp.resolve("gaussian-dropout.json"), conf.toJson());
        CliRun r = CliRun.of("--config", config.toString());
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("error: layer 0 (DenseLayer): dropout GaussianDropout(rate=0.5, rateSchedule=null, noise=null) is not supported;"
                + " supported: Dropout(p) with a fixed retain probability p, or none", r.err().strip());
    }

    @Test
    void aUsersDropoutIsTrainedWithTheSameMasksOnBothSides() throws IOException {
        MultiLayerConfiguration conf = usersConfig();
        conf.getConf(1).getLayer().setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(0.5));
        Path config = Files.writeString(tmp.resolve("dropout.json"), conf.toJson());
        CliRun r = CliRun.of("--config", config.toString(), "--epochs", "200");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("keep prob 1,0.5"), r.out());
        assertTrue(r.out().contains("dropOut(0.5)"), r.out());
    }
}
