package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnparity.spec.GradNorm;
import nnparity.spec.LayerSpec;
import nnparity.spec.LrSchedule;
import nnparity.spec.NetSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;

/** The flags of the book's chapter 6: updaters, schedules, gradient normalization, dropout, batch norm. */
class ChapterSixFlagsTest {

    private static NetSpec parse(String... args) {
        CompareCommand cmd = new CompareCommand();
        new picocli.CommandLine(cmd).parseArgs(args);
        return cmd.netSpec(NetSpec.quadrant());
    }

    @ParameterizedTest(name = "{0} → exit 2, one line: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "--updater adamw              | --updater adamw is invalid; it must be one of: sgd, nesterovs, adam, adamax, nadam, amsgrad, adagrad, rmsprop, adadelta, noop",
            "--updater adam --momentum 0.9 | --momentum is not a setting of adam; adam takes: --lr, --beta1, --beta2, --epsilon",
            "--momentum 0.9               | --momentum is not a setting of sgd (the default updater; choose one with --updater); sgd takes: --lr",
            "--updater adadelta --lr 0.1  | --lr is not a setting of adadelta; adadelta takes: --epsilon, --rho",
            "--updater noop --epsilon 1e-8 | --epsilon is not a setting of noop; noop has no settings",
            "--updater nesterovs --momentum 1 | --momentum 1 is invalid; it must be a number in [0, 1), e.g. 0.9",
            "--updater adam --beta2 -0.1  | --beta2 -0.1 is invalid; it must be a number in [0, 1)",
            "--updater adam --epsilon 0   | --epsilon 0 is invalid; it must be a finite number > 0",
            "--schedule cosine            | --schedule cosine is invalid; it must start with one of: step, exponential, inverse, poly, sigmoid, map",
            "--schedule step,gamma=0.5    | --schedule step,gamma=0.5 lacks step; use step,gamma=X,step=X",
            "--schedule exponential,gama=0.9 | --schedule exponential,gama=0.9: exponential has no 'gama'; use exponential,gamma=X",
            "--schedule map,5=0.01        | --schedule map,5=0.01 is invalid: map schedule {5=0.01} is invalid; it needs a learning rate at iteration 0",
            "--schedule poly,power=2,maxIter=1.5 | --schedule poly,power=2,maxIter=1.5: maxIter 1.5 is invalid; it must be a whole number ≥ 1",
            "--schedule-by epoch          | --schedule-by epoch needs a --schedule",
            "--schedule-by day            | --schedule-by day is invalid; it must be one of: iteration | epoch",
            "--updater adadelta --schedule exponential,gamma=0.9 | --schedule needs an updater with a learning rate; adadelta has none",
            "--updater adagrad --schedule exponential,gamma=0.9 | adagrad cannot take a learning-rate schedule in DL4J 1.0.0-M2.1: AdaGrad.clone() drops the schedule",
            "--grad-norm clip-l2-per-layer | --grad-norm clip-l2-per-layer needs --grad-norm-threshold X, the largest value it lets through",
            "--grad-norm renormalize-l2-per-layer --grad-norm-threshold 1 | --grad-norm renormalize-l2-per-layer takes no threshold",
            "--grad-norm-threshold 1      | --grad-norm-threshold 1.0 needs a clipping --grad-norm mode",
            "--grad-norm clip             | --grad-norm clip is invalid; it must be one of: none, renormalize-l2-per-layer",
            "--keep-prob 0                | --keep-prob 0 is invalid; it must be the probability of keeping a unit, in (0, 1], e.g. 0.8 to drop 20% (1 = no dropout)",
            "--keep-prob 1.5              | --keep-prob 1.5 is invalid; it must be the probability of keeping a unit",
            "--keep-prob 0.5,0.5,0.5      | --keep-prob 0.5,0.5,0.5 names 3 values for 2 layers; give one value (every layer after the first) or one per layer",
            "--compare-updaters sgd,adam  | --compare-updaters belongs to --task digits",
            "--task digits --compare-updaters sgd,sgd | --compare-updaters sgd,sgd names an updater twice",
            "--task digits --compare-updaters sgd --updater adam | --updater cannot be combined with --compare-updaters",
            "gradcheck --updater adam     | --updater belongs to Compare: the gradient checks compare gradients, which the updater, its schedule and gradient normalization only consume",
            "gradcheck --grad-norm renormalize-l2-per-layer | --grad-norm belongs to Compare",
            "gradcheck --keep-prob 0.5    | --keep-prob: gradcheck checks nets without dropout",
            "gradcheck --batchnorm        | --batchnorm: gradcheck checks nets without batch normalization",
            "--batchnorm --grad-norm clip-l2-per-layer --grad-norm-threshold 1 | with batch normalization is not supported: DL4J normalizes each batch-norm layer's gradient view",
            "gradcheck --fault adam-no-bias-correction | --fault adam-no-bias-correction changes nothing in this net: it changes an updater's step, which no gradient check sees",
    })
    void badChapterSixFlagsGetOneClearLineAndExitCode2(String args, String expected) {
        CliRun r = CliRun.of(args.trim().split("\\s+"));
        assertAll(
                () -> assertEquals(Main.USAGE, r.code(), r.err()),
                () -> assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), r.err()),
                () -> assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err()),
                () -> assertEquals(1, r.errLines().length, r.err()),
                () -> assertFalse(r.out().contains("|Δloss|"), "nothing trained: " + r.out()));
    }

    @Test
    void anUpdaterTakesDl4jsDefaultsExceptTheTutorialsSgd() {
        assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", parse("--updater", "adam").updater().toString());
        assertEquals("SGD(lr=0.1)", parse("--updater", "sgd").updater().toString());
        assertEquals("Nesterovs(lr=0.05, momentum=0.8)", parse("--updater", "nesterovs", "--lr", "0.05", "--momentum", "0.8").updater().toString());
        assertEquals("RMSProp(lr=0.1, epsilon=1.0E-8, rmsDecay=0.9)", parse("--updater", "rmsprop", "--rms-decay", "0.9").updater().toString());
        assertEquals(0.5, parse("--updater", "adadelta", "--rho", "0.5").updater().get(UpdaterSetting.RHO));
        assertEquals(Updater.NOOP, parse("--updater", "noop").updater().type());
    }

    @Test
    void aScheduleStartsFromTheUpdatersLearningRate() {
        LrSchedule s = parse("--updater", "nesterovs", "--schedule", "step,gamma=0.5,step=100", "--schedule-by", "epoch").updater().schedule();
        assertEquals(LrSchedule.step(LrSchedule.Unit.EPOCH, 0.1, 0.5, 100), s);
        LrSchedule m = parse("--lr", "0.2", "--schedule", "map,0=0.2,50=0.02").updater().schedule();
        assertEquals(0.02, m.valueAt(50, 0));
        assertEquals(LrSchedule.Unit.ITERATION, m.unit());
        assertNull(parse().updater().schedule());
    }

    @Test
    void gradientNormalizationTakesItsThresholdOnlyWhereItClips() {
        assertEquals(new GradNorm(GradNorm.Mode.CLIP_L2_PER_PARAM_TYPE, 0.5),
                parse("--grad-norm", "clip-l2-per-param-type", "--grad-norm-threshold", "0.5").gradNorm());
        assertEquals(new GradNorm(GradNorm.Mode.RENORMALIZE_L2_PER_LAYER, 0), parse("--grad-norm", "renormalize-l2-per-layer").gradNorm());
    }

    @Test
    void oneKeepProbDropsHiddenOutputsAndAListSetsEachLayersInput() {
        assertEquals(List.of(1.0, 0.8), parse("--keep-prob", "0.8").layers().stream().map(LayerSpec::keepProb).toList());
        assertEquals(List.of(0.9, 1.0, 0.5), parse("--hidden", "8,6", "--keep-prob", "0.9,1,0.5").layers().stream().map(LayerSpec::keepProb).toList());
    }

    @Test
    void batchNormFollowsEveryHiddenLayer() {
        NetSpec s = parse("--hidden", "8,6", "--batchnorm");
        assertTrue(s.hidden().stream().allMatch(LayerSpec::hasBatchNorm));
        assertFalse(s.output().hasBatchNorm());
    }

    @Test
    void everyChapterSixFlagIsRefusedBesideAUsersOwnNetwork() {
        for (String[] flag : List.of(new String[]{"--updater", "adam"}, new String[]{"--momentum", "0.5"}, new String[]{"--schedule", "exponential,gamma=0.9"},
                new String[]{"--grad-norm", "renormalize-l2-per-layer"}, new String[]{"--keep-prob", "0.5"}, new String[]{"--batchnorm"})) {
            CompareCommand cmd = new CompareCommand();
            new picocli.CommandLine(cmd).parseArgs(flag);
            assertEquals(flag[0], cmd.net.layerFlag());
        }
    }

    @Test
    void anAdamRunAgreesAndItsVerdictNamesTheStateFigure() {
        CliRun r = CliRun.of("--updater", "adam", "--lr", "0.01", "--epochs", "30");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  DL4J          DenseLayer(2→50, relu) → OutputLayer(50→4, softmax, MCXENT(clip 1.0E-10)),"
                + " Adam(lr=0.01, beta1=0.9, beta2=0.999, epsilon=1.0E-8), DOUBLE"), r.out());
        assertTrue(r.out().matches("(?s).*AGREE: max \\|Δloss\\| \\S+, max \\|Δgrad\\| \\S+, max \\|Δparam\\| \\S+, max \\|Δstate\\| \\S+ over 30 steps.*"), r.out());
        CliRun sgd = CliRun.of("--epochs", "3");
        assertFalse(sgd.out().contains("Δstate"), "SGD keeps no state: " + sgd.out());
    }
}
