package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnparity.parity.LockstepResult;
import nnparity.parity.StepRecord;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;

/** {@code --compare-updaters}: the book's chapter-6 table, one lockstep run per updater. */
class UpdaterComparisonTest {
    /** Means of two or three small binary fractions, exact in double. */
    private static final double EXACT = 0;

    @TempDir
    Path tmp;

    @Test
    void eachUpdaterTakesItsDefaultsTheTutorialsSgdItsOwnAndLrSetsEveryLearningRate() {
        List<NetSpec> specs = UpdaterComparison.specs(NetSpec.digits(), List.of(Updater.SGD, Updater.ADAM, Updater.ADADELTA), null);
        assertEquals(List.of("SGD(lr=0.1)", "Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", "AdaDelta(epsilon=1.0E-6, rho=0.95)"),
                specs.stream().map(s -> s.updater().toString()).toList());
        List<NetSpec> at = UpdaterComparison.specs(NetSpec.digits(), List.of(Updater.NESTEROVS, Updater.ADADELTA), 0.02);
        assertEquals(List.of("Nesterovs(lr=0.02, momentum=0.9)", "AdaDelta(epsilon=1.0E-6, rho=0.95)"),
                at.stream().map(s -> s.updater().toString()).toList());
    }

    @Test
    void theTablesLossIsEachEpochsMeanOverItsStepsAndNaNWhereTheRunStopped() {
        List<StepRecord> steps = List.of(new StepRecord(1, 1, 1.0, 1.5, 0, 0), new StepRecord(2, 1, 0.5, 0.5, 0, 0),
                new StepRecord(3, 2, 0.25, 0.75, 0, 0));
        LockstepResult r = new LockstepResult(NetSpec.quadrant(), new TrainSpec(3, 2, 1), "t", steps, 0, 0, 0, 0, null, null, 0, 0, null);
        assertArrayEquals(new double[]{0.75, 0.25, Double.NaN}, UpdaterComparison.epochMeans(r, 3, true), EXACT);
        assertArrayEquals(new double[]{1.0, 0.75, Double.NaN}, UpdaterComparison.epochMeans(r, 3, false), EXACT);
    }

    @Test
    void aComparisonOnWrittenFilesPrintsBothSidesPerUpdaterAndEveryVerdict() throws IOException {
        DigitsJobTest files = new DigitsJobTest();
        files.tmp = tmp;
        Path dir = files.writeDataset("tiny", 200, 60);
        DigitsJobTest.Run r = DigitsJobTest.compare(DigitsJobTest.args("--data", dir, "--compare-updaters", "sgd,adam", "--epochs", 2, "--batch", 50));
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("updater       side            epoch 1    epoch 2   test acc  verdict"), r.out());
        assertTrue(r.out().matches("(?s).*\nSGD +hand-written +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d\\.\\d{4}  AGREE\n +DL4J +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d\\.\\d{4}  max \\|Δparam\\| .*"), r.out());
        assertTrue(r.out().contains("  SGD(lr=0.1): AGREE: "), r.out());
        assertTrue(r.out().contains("  Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8): AGREE: "), r.out());
        assertTrue(r.out().contains("over 8 steps"), r.out());
    }
}
