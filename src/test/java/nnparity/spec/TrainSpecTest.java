package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrainSpecTest {

    @ParameterizedTest(name = "{0} examples in batches of {1}: {2} steps")
    @CsvSource({"4, 4, 1", "5, 4, 2", "3, 4, 1", "200, 16, 13", "60000, 100, 600", "1, 1, 1", "0, 4, 0"})
    void anEpochHasOneStepPerFullBatchPlusOneForTheRemainder(int n, int batch, int steps) {
        assertEquals(steps, new TrainSpec(1, batch, 0).stepsPerEpoch(n));
    }

    @Test
    void badValuesAreRejectedWithTheValueAndTheValidRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainSpec(-1, 4, 0));
        assertEquals("epochs -1 is invalid; it must be ≥ 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainSpec(1, 0, 0));
        assertEquals("batch size 0 is invalid; it must be ≥ 1", e.getMessage());
    }

    @Test
    void zeroEpochsAndBatchesOfOneAreValid() {
        assertDoesNotThrow(() -> new TrainSpec(0, 1, 0));
    }

    @Test
    void toStringNamesEveryField() {
        assertEquals("epochs 3, batch 16, shuffle seed 7", new TrainSpec(3, 16, 7).toString());
    }
}
