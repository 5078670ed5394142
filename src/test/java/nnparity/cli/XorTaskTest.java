package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Compare --task xor}, end to end at its defaults: the figures. A net without a
 * nonlinearity cannot learn XOR; with one, both sides learn it, and they agree at every step.
 */
class XorTaskTest {
    /** The issue: relu, sigmoid and tanh reach ≥ 98% held-out accuracy, on both sides. */
    static final double NONLINEAR_FLOOR = 0.98;
    /**
     * The issue: identity "cannot get much above 75%" (a line gets 3 of XOR's 4 corners). On
     * these points no line gets more than 69.0% (XorDataTest), so 80% is "not much above".
     */
    static final double IDENTITY_CEILING = 0.80;
    /** Runs of 500 steps: in {@code mvn test}, left out of mutation testing. */
    static final String SLOW = "slow";

    private static final Pattern HELD_OUT = Pattern.compile(
            "held-out set of 1000 points: classes agree on (\\d+)/1000; correct class (\\d+)/1000 \\| (\\d+)/1000, accuracy ([\\d.]+)% \\| ([\\d.]+)%");

    /** {agree, right hand-written, right DL4J} from the held-out line. */
    private static int[] heldOut(CliRun r) {
        Matcher m = HELD_OUT.matcher(r.out());
        assertTrue(m.find(), r.out());
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    @Tag(SLOW)
    @ParameterizedTest(name = "--activation {0}: ≥ 98% on both sides, AGREE")
    @ValueSource(strings = {"relu", "sigmoid", "tanh"})
    void aNonlinearityLearnsXorOnBothSidesAndTheSidesAgree(String activation) {
        CliRun r = CliRun.of("--task", "xor", "--activation", activation);
        int[] h = heldOut(r);
        assertAll(
                () -> assertEquals(0, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("\nAGREE: "), r.out()),
                () -> assertEquals(1000, h[0], "both nets put every held-out point in the same class"),
                () -> assertTrue(h[1] >= NONLINEAR_FLOOR * 1000, "hand-written " + h[1] + "/1000"),
                () -> assertTrue(h[2] >= NONLINEAR_FLOOR * 1000, "DL4J " + h[2] + "/1000"));
    }

    @Tag(SLOW)
    @Test
    void withoutANonlinearityNeitherSideLearnsXorAndTheSidesAgree() {
        CliRun r = CliRun.of("--task", "xor", "--activation", "identity");
        int[] h = heldOut(r);
        assertAll(
                () -> assertEquals(0, r.code(), r.out() + r.err()),
                () -> assertTrue(r.out().contains("\nAGREE: "), r.out()),
                () -> assertTrue(r.out().contains("\n  training      50 epochs × 10 steps of batch 50 = 500 steps, batch order shuffled from seed 42\n"), r.out()),
                () -> assertTrue(h[1] <= IDENTITY_CEILING * 1000, "hand-written " + h[1] + "/1000"),
                () -> assertTrue(h[2] <= IDENTITY_CEILING * 1000, "DL4J " + h[2] + "/1000"));
    }

    @Test
    void theHeaderSaysWhatTheTaskIsAndItsDefaults() {
        CliRun r = CliRun.of("--task", "xor", "--epochs", "1");
        String[] lines = r.out().split("\n");
        assertAll(
                () -> assertEquals(0, r.code(), r.err()),
                () -> assertEquals("nn-parity: xor, do x and y have the same sign? 2 classes (same | opposite), not linearly separable;"
                        + " 500 random training points in [-2,2]² (seed 42)", lines[0]),
                () -> assertEquals("  spec          2→50→2 relu, softmax+CE(clip 1.0E-10), SGD(lr=1.0), init xavier, seed 42, double", lines[1]),
                () -> assertEquals("  training      1 epoch × 10 steps of batch 50 = 10 steps, batch order shuffled from seed 42", lines[2]),
                () -> assertTrue(r.out().contains("\n  (2,2)        → same "), r.out()),
                () -> assertEquals(1000, heldOut(r)[0]));
    }

    @Test
    void pointsChangesTheTrainingSetOnlyAndTheDefaultsAreFiveHundredPointsInBatchesOfFifty() {
        CliRun r = CliRun.of("--task", "xor", "--points", "120", "--epochs", "0");
        assertTrue(r.out().contains("120 random training points"), r.out());
        assertTrue(r.out().contains("held-out set of 1000 points"), r.out());
        assertEquals(500, PointTask.XOR.defaultSteps());
        assertEquals(50, PointTask.XOR.defaultBatch());
        assertEquals(500, PointTask.XOR.defaultPoints());
    }

    @Test
    void anUnknownTaskNamesXorAmongTheValidOnes() {
        CliRun r = CliRun.of("--task", "poetry");
        assertEquals(2, r.code());
        assertEquals("error: --task poetry is invalid; it must be one of: quadrant | digits | xor", r.errLines()[0]);
    }

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource({"1000, 1000, 100.0%", "999, 1000, 99.9%", "9996, 10000, 99.9%", "0, 1000, 0.0%", "690, 1000, 69.0%", "1, 3, 33.3%", "2, 3, 66.6%"})
    void percentShowsOneDecimalRoundedDown(int k, int n, String want) {
        assertEquals(want, PointTask.percent(k, n));
    }

    @Test
    void theQuadrantTaskKeepsItsHeldOutLine() {
        assertEquals("  held-out grid of 64 points: classes agree on 64/64; correct quadrant 63/64 | 62/64",
                PointTask.QUADRANT.heldOutLine(64, 64, 63, 62));
        assertEquals(0, PointTask.QUADRANT.classOf(new double[]{1, 1}));
        assertEquals(3, PointTask.QUADRANT.classOf(new double[]{1, -1}));
        assertEquals(1, PointTask.XOR.classOf(new double[]{1, -1}));
        assertEquals(0, PointTask.XOR.classOf(new double[]{-1, -1}));
    }
}
