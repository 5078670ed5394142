package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetSpecTest {
    /** The tutorial's spec, written out field by field: the independent expectation for the factories and copies. */
    static final NetSpec TUTORIAL = TwoLayerSpecs.of(2, 50, 4, Activation.RELU, 0.1, Init.NORMAL, 42, 1e-10);

    @Test
    void quadrantDefaultsAreTheTutorials() {
        assertEquals(TUTORIAL, NetSpec.quadrant());
        assertEquals("2→50→4 relu, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init normal, seed 42, double", NetSpec.quadrant().toString());
    }

    @Test
    void digitsDefaultsAreTheBooks() {
        assertEquals(TwoLayerSpecs.of(784, 50, 10, Activation.RELU, 0.1, Init.NORMAL, 42, 1e-10), NetSpec.digits());
        assertEquals("784→50→10 relu, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init normal, seed 42, double", NetSpec.digits().toString());
    }

    @Test
    void aZeroClipIsShownAsOff() {
        assertEquals("3→7→5 tanh, softmax+CE(clip off), SGD(lr=0.25), init xavier, seed 7, double",
                TwoLayerSpecs.of(3, 7, 5, Activation.TANH, 0.25, Init.XAVIER, 7, 0).toString());
    }

    static Stream<Arguments> copies() {
        return Stream.of(
                Arguments.of("withSizes", (UnaryOperator<NetSpec>) s -> s.withSizes(3, 7, 5),
                        TwoLayerSpecs.of(3, 7, 5, Activation.RELU, 0.1, Init.NORMAL, 42, 1e-10)),
                Arguments.of("withActivation", (UnaryOperator<NetSpec>) s -> s.withActivation(Activation.SIGMOID),
                        TwoLayerSpecs.of(2, 50, 4, Activation.SIGMOID, 0.1, Init.NORMAL, 42, 1e-10)),
                Arguments.of("withLearningRate", (UnaryOperator<NetSpec>) s -> s.withLearningRate(0.25),
                        TwoLayerSpecs.of(2, 50, 4, Activation.RELU, 0.25, Init.NORMAL, 42, 1e-10)),
                Arguments.of("withInit", (UnaryOperator<NetSpec>) s -> s.withInit(Init.DL4J),
                        TwoLayerSpecs.of(2, 50, 4, Activation.RELU, 0.1, Init.DL4J, 42, 1e-10)),
                Arguments.of("withSeed", (UnaryOperator<NetSpec>) s -> s.withSeed(7),
                        TwoLayerSpecs.of(2, 50, 4, Activation.RELU, 0.1, Init.NORMAL, 7, 1e-10)),
                Arguments.of("withLossClipEps", (UnaryOperator<NetSpec>) s -> s.withLossClipEps(1e-7),
                        TwoLayerSpecs.of(2, 50, 4, Activation.RELU, 0.1, Init.NORMAL, 42, 1e-7)));
    }

    @ParameterizedTest(name = "{0} changes that field and no other")
    @MethodSource("copies")
    void eachWithCopyChangesExactlyItsOwnField(String name, UnaryOperator<NetSpec> copy, NetSpec expected) {
        assertEquals(expected, copy.apply(TUTORIAL));
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withSizes(0, 50, 4), "input size 0 is invalid; it must be ≥ 1"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withSizes(2, 0, 4), "layer size 0 is invalid; it must be ≥ 1"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withSizes(2, 50, 1), "output size 1 is invalid; a softmax classifier needs ≥ 2 classes"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withActivation(null), "activation is missing; valid: relu | leakyrelu | elu | selu | softplus | softsign | sigmoid | hardsigmoid | tanh | hardtanh | swish | cube | identity | step"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLearningRate(0), "learning rate 0.0 is invalid; it must be a finite number > 0"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLearningRate(-0.5), "learning rate -0.5 is invalid; it must be a finite number > 0"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLearningRate(Double.NaN), "learning rate NaN is invalid; it must be a finite number > 0"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLearningRate(Double.POSITIVE_INFINITY), "learning rate Infinity is invalid; it must be a finite number > 0"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withInit(null), "init is missing; valid: normal | xavier | xavier_uniform | relu | relu_uniform | lecun_normal | uniform | zero | dl4j"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLossClipEps(-1e-300), "loss clip -1.0E-300 is invalid; it must be in [0, 0.5)"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLossClipEps(0.5), "loss clip 0.5 is invalid; it must be in [0, 0.5)"),
                Arguments.of((UnaryOperator<NetSpec>) s -> s.withLossClipEps(Double.NaN), "loss clip NaN is invalid; it must be in [0, 0.5)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSpecs")
    void badValuesAreRejectedWithTheValueAndTheValidRange(UnaryOperator<NetSpec> bad, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> bad.apply(TUTORIAL));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theSmallestValidValuesAreAccepted() {
        assertDoesNotThrow(() -> TUTORIAL.withSizes(1, 1, 2));
        assertDoesNotThrow(() -> TUTORIAL.withLearningRate(Double.MIN_VALUE));
        assertDoesNotThrow(() -> TUTORIAL.withLearningRate(Double.MAX_VALUE));
        assertDoesNotThrow(() -> TUTORIAL.withLossClipEps(0));
        assertDoesNotThrow(() -> TUTORIAL.withLossClipEps(Math.nextDown(0.5)));
    }
}
