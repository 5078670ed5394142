package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassVectorTest {
    private static final List<String> QUADRANTS = List.of("I", "II", "III", "IV");

    @Test
    void probabilitiesArePercentagesWithFourDecimalsTwoSpacesApart() {
        assertEquals("I 90.0000%  II 5.0000%  III 2.0000%  IV 3.0000%", ClassVector.of(QUADRANTS, new double[]{0.9, 0.05, 0.02, 0.03}, true));
    }

    @Test
    void aTrainedNetsSmallProbabilitiesStayVisible() {
        // The numpy peer's p(2,2) after the tutorial's 1000 steps (LockstepTest).
        assertEquals("I 99.9983%  II 0.0012%  III 0.0000%  IV 0.0006%", ClassVector.of(QUADRANTS,
                new double[]{0.9999825625695326, 1.1519406837869e-05, 2.557587841812087e-08, 5.892447751344732e-06}, true));
    }

    @Test
    void otherOutputsArePrintedAsTheyAreWithFourDecimals() {
        assertEquals("I 1.2346  II -0.5000  III 0.0000  IV 2.0000", ClassVector.of(QUADRANTS, new double[]{1.23456, -0.5, 0, 2}, false));
    }

    @Test
    void aNameForEveryOutputOrAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassVector.of(QUADRANTS, new double[]{0.5, 0.5}, true));
        assertEquals("2 outputs for 4 class names; there must be one name per output", e.getMessage());
        assertEquals("a 25.0000%", ClassVector.of(List.of("a"), new double[]{0.25}, true));
    }
}
