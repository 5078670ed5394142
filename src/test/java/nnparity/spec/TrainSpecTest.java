package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrainSpecTest {

    @ParameterizedTest(name = "{0} epochs, batch {1}, {2} examples: {3}")
    @CsvSource(delimiter = '|', value = {
            "1000 | 4   | 4     | 42 | 1000 epochs × 1 step of batch 4 = 1000 steps, batch order shuffled from seed 42",
            "3    | 100 | 60000 | 42 | 3 epochs × 600 steps of batch 100 = 1800 steps, batch order shuffled from seed 42",
            "1    | 30  | 30    | 7  | 1 epoch × 1 step of batch 30 = 1 step, batch order shuffled from seed 7",
            "0    | 16  | 200   | 42 | 0 epochs × 13 steps of batch 16 = 0 steps, batch order shuffled from seed 42",
            "2    | 3   | 4     | -1 | 2 epochs × 2 steps of batch 3 = 4 steps, batch order shuffled from seed -1",
    })
    void theHeaderLineCountsEpochsAndStepsInTheSingularOnlyForOne(int epochs, int batch, int n, long seed, String line) {
        assertEquals(line, new TrainSpec(epochs, batch, seed).describe(n));
    }

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
