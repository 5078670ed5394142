package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void onlyStepCannotBeTrainedByBackprop() {
        assertTrue(Activation.RELU.trainableByBackprop());
        assertTrue(Activation.SIGMOID.trainableByBackprop());
        assertTrue(Activation.TANH.trainableByBackprop());
        assertTrue(Activation.IDENTITY.trainableByBackprop());
        assertFalse(Activation.STEP.trainableByBackprop());
    }

    @Test
    void namesAreLowerCaseAndParsedIgnoringCaseAndSpaces() {
        assertEquals("relu", Activation.RELU.id());
        assertEquals("identity", Activation.IDENTITY.id());
        assertEquals(Activation.TANH, Activation.parse("Tanh"));
        assertEquals(Activation.STEP, Activation.parse(" step "));
        assertEquals(Activation.SIGMOID, Activation.parse("SIGMOID"));
    }

    @Test
    void unknownActivationNamesListTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"));
        assertEquals("activation 'gelu' is not known; valid: relu | leakyrelu | elu | selu | softplus | softsign | sigmoid | hardsigmoid | tanh | hardtanh | swish | cube | identity | step", e.getMessage());
        assertEquals("relu | leakyrelu | elu | selu | softplus | softsign | sigmoid | hardsigmoid | tanh | hardtanh | swish | cube | identity | step", Activation.validNames());
    }

    @Test
    void stepsRefusalSaysWhyAndWhatToDoInstead() {
        assertTrue(Activation.STEP_CANNOT_TRAIN.startsWith("activation 'step' cannot be trained by backpropagation: its derivative is 0"),
                Activation.STEP_CANNOT_TRAIN);
        assertTrue(Activation.STEP_CANNOT_TRAIN.contains("use --epochs 0"), Activation.STEP_CANNOT_TRAIN);
    }
}
