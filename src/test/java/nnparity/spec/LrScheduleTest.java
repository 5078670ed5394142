package nnparity.spec;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static nnparity.spec.LrSchedule.Unit.EPOCH;
import static nnparity.spec.LrSchedule.Unit.ITERATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each kind at one point, against values computed with Python's math module (see each comment). */
class LrScheduleTest {
    /** Python and Java's Math.pow/exp agree to the last bit or two. */
    private static final double LIBM_ULPS = 1e-16;

    @Test
    void eachKindMatchesItsFormula() {
        // 0.1*0.5**floor(250/100)
        assertEquals(0.025, LrSchedule.step(ITERATION, 0.1, 0.5, 100).valueAt(250, 0), LIBM_ULPS);
        // 0.1*0.99**7
        assertEquals(0.093206534790699, LrSchedule.exponential(ITERATION, 0.1, 0.99).valueAt(7, 0), LIBM_ULPS);
        // 0.1/(1+0.01*50)**0.75
        assertEquals(0.07377879464668811, LrSchedule.inverse(ITERATION, 0.1, 0.01, 0.75).valueAt(50, 0), LIBM_ULPS);
        // 0.1*(1+30/100)**2: DL4J's PolySchedule adds t/maxIter (see LrSchedule)
        assertEquals(0.16900000000000004, LrSchedule.poly(ITERATION, 0.1, 2, 100).valueAt(30, 0), LIBM_ULPS);
        // 0.1/(1+math.exp(-0.05*(20-100)))
        assertEquals(0.001798620996209156, LrSchedule.sigmoid(ITERATION, 0.1, 0.05, 100).valueAt(20, 0), LIBM_ULPS);
    }

    @Test
    void aStepScheduleChangesExactlyAtItsBoundary() {
        LrSchedule s = LrSchedule.step(ITERATION, 0.1, 0.5, 100);
        assertEquals(0.1, s.valueAt(0, 0));
        assertEquals(0.1, s.valueAt(99, 0));
        assertEquals(0.05, s.valueAt(100, 0));
    }

    @Test
    void aPolyScheduleIsZeroFromMaxIterOn() {
        LrSchedule s = LrSchedule.poly(ITERATION, 0.1, -2, 100);
        assertEquals(0.1, s.valueAt(0, 0));
        // 0.1*(1+99/100)**-2
        assertEquals(0.0252518875785965, s.valueAt(99, 0), LIBM_ULPS);
        assertEquals(0.0, s.valueAt(100, 0));
        assertEquals(0.0, s.valueAt(5000, 0));
    }

    @Test
    void aSigmoidScheduleIsHalfItsInitialValueAtItsStep() {
        assertEquals(0.05, LrSchedule.sigmoid(EPOCH, 0.1, 0.05, 3).valueAt(0, 3));
        assertEquals("sigmoid schedule: step 2.5 is invalid; it must be a whole number (DL4J's stepSize is an int)",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.sigmoid(EPOCH, 0.1, 0.05, 2.5)).getMessage());
    }

    @Test
    void theUnitPicksWhichCounterDrivesIt() {
        LrSchedule byEpoch = LrSchedule.exponential(EPOCH, 0.1, 0.5);
        assertEquals(0.1, byEpoch.valueAt(999, 0));
        assertEquals(0.025, byEpoch.valueAt(0, 2));
    }

    @Test
    void aMapHoldsEachValueUntilTheNextKey() {
        TreeMap<Integer, Double> m = new TreeMap<>();
        m.put(0, 0.1);
        m.put(5, 0.01);
        LrSchedule s = LrSchedule.map(EPOCH, m);
        assertEquals(0.1, s.valueAt(0, 4));
        assertEquals(0.01, s.valueAt(0, 5));
        assertEquals(0.01, s.valueAt(0, 50));
        assertEquals(0.01, s.valueAt(0, Integer.MAX_VALUE));
        assertEquals("map(by epoch {0=0.1, 5=0.01})", s.toString());
    }

    @Test
    void badSchedulesAreRefusedNamingTheValue() {
        TreeMap<Integer, Double> noZero = new TreeMap<>();
        noZero.put(3, 0.1);
        assertEquals("map schedule {3=0.1} is invalid; it needs a learning rate at epoch 0",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.map(EPOCH, noZero)).getMessage());
        assertEquals("step schedule: step 0.0 is invalid; it must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(ITERATION, 0.1, 0.5, 0)).getMessage());
        assertEquals("poly schedule: maxIter 0 is invalid; it must be ≥ 1",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.poly(ITERATION, 0.1, 2, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.exponential(ITERATION, -0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(LrSchedule.Kind.EXPONENTIAL, ITERATION, 0.1, 0.5, 2, 0, 0, null));
    }

    @Test
    void printsWhatItIs() {
        assertEquals("step(0.1, gamma=0.5, step=100 iterations)", LrSchedule.step(ITERATION, 0.1, 0.5, 100).toString());
        assertEquals("inverse(0.1, gamma=0.01, power=0.75, by epoch)", LrSchedule.inverse(EPOCH, 0.1, 0.01, 0.75).toString());
    }
}
