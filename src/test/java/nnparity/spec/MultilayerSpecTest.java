package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec as a list of layers: its shape, its one-line description, and what it refuses. */
class MultilayerSpecTest {
    private static final Regularization L2 = Regularization.NONE.withL2(1e-4);
    private static final NetSpec DEEP = new NetSpec(784,
            List.of(new LayerSpec(100, Activation.RELU, L2), new LayerSpec(50, Activation.TANH, L2), new LayerSpec(20, Activation.ELU, L2)),
            new LayerSpec(10, Activation.SOFTMAX, L2), Loss.NEGATIVELOGLIKELIHOOD, 1e-10, 0.05, Init.XAVIER, 7, true);

    @Test
    void aDeepNetKnowsEachLayersInputSizeAndItsDepth() {
        assertAll(
                () -> assertEquals(4, DEEP.depth()),
                () -> assertEquals(List.of(784, 100, 50, 20), List.of(DEEP.nIn(0), DEEP.nIn(1), DEEP.nIn(2), DEEP.nIn(3))),
                () -> assertEquals(10, DEEP.nOut()),
                () -> assertEquals(DEEP.output(), DEEP.layers().get(3)),
                () -> assertTrue(DEEP.regularized()),
                () -> assertFalse(NetSpec.quadrant().regularized()));
    }

    @Test
    void oneLineNamesEveryLayerTheLossThePenaltiesAndTheBatchMode() {
        assertEquals("784→100→50→20→10 relu,tanh,elu, softmax+NLL(clip 1.0E-10), SGD(lr=0.05), l2=1.0E-4, init xavier, seed 7, double",
                DEEP.toString());
        NetSpec mixed = NetSpec.quadrant().withLoss(Loss.MSE).withMiniBatch(false)
                .withHidden(List.of(new LayerSpec(8, Activation.SIGMOID, Regularization.NONE.withWeightDecay(0.5).withWeightDecayTimesLr(false))));
        assertEquals("2→8→4 sigmoid, identity+MSE, SGD(lr=0.1), regularization per layer [wd=0.5 (wd not ×lr); none], miniBatch off,"
                + " init normal, seed 42, double", mixed.toString());
        assertEquals("2→4, sigmoid+XENT(clip 1.0E-5), SGD(lr=0.1), init normal, seed 42, double",
                NetSpec.quadrant().withHidden(List.of()).withLoss(Loss.XENT).toString());
    }

    @Test
    void changingTheLossBringsItsOutputActivationAndDefaultClip() {
        assertAll(
                () -> assertEquals(Activation.IDENTITY, NetSpec.quadrant().withLoss(Loss.L1).output().activation()),
                () -> assertEquals(0, NetSpec.quadrant().withLoss(Loss.MSE).lossClipEps()),
                () -> assertEquals(1e-5, NetSpec.quadrant().withLoss(Loss.XENT).lossClipEps()),
                () -> assertEquals(Activation.SIGMOID, NetSpec.quadrant().withLoss(Loss.XENT).output().activation()),
                () -> assertEquals(1e-10, NetSpec.quadrant().withLoss(Loss.MSE).withLoss(Loss.NEGATIVELOGLIKELIHOOD).lossClipEps()));
    }

    @Test
    void sizesAndActivationsOfHiddenLayersChangeTogetherOrAlone() {
        NetSpec three = NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(30, 20, 10), 4);
        assertEquals("2→30→20→10→4 tanh, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init normal, seed 42, double", three.toString());
        assertEquals("2→4, softmax+CE(clip 1.0E-10), SGD(lr=0.1), init normal, seed 42, double",
                NetSpec.quadrant().withSizes(2, List.of(), 4).toString());
        NetSpec reg = NetSpec.quadrant().withRegularization(L2);
        assertEquals(List.of(L2, L2), reg.layers().stream().map(LayerSpec::regularization).toList());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withOutput(new LayerSpec(4, Activation.SIGMOID)),
                        "loss mcxent cannot follow a sigmoid output layer; mcxent needs softmax"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withLoss(Loss.XENT).withOutput(new LayerSpec(4, Activation.SOFTMAX)),
                        "loss xent cannot follow a softmax output layer; xent needs sigmoid"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.SOFTMAX)),
                        "loss mse cannot follow a softmax output layer; mse needs any activation but softmax and step, e.g. identity"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withLoss(Loss.L1).withOutput(new LayerSpec(4, Activation.STEP)),
                        "loss l1 cannot follow a step output layer; l1 needs any activation but softmax and step, e.g. identity"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withActivation(Activation.SOFTMAX),
                        "layer 0: activation softmax is only for the output layer; valid for hidden layers: " + Activation.validNames()),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withLoss(Loss.MSE).withLossClipEps(1e-5),
                        "loss clip 1.0E-5 is invalid for mse, which has no clip; it must be 0"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withSizes(2, 50, 1),
                        "output size 1 is invalid; a softmax classifier needs ≥ 2 classes"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withHidden(null),
                        "hidden layers are missing; use an empty list for none"),
                Arguments.of((Supplier<Object>) () -> NetSpec.quadrant().withOutput(null), "output layer is missing"),
                Arguments.of((Supplier<Object>) () -> new LayerSpec(0, Activation.RELU), "layer size 0 is invalid; it must be ≥ 1"),
                Arguments.of((Supplier<Object>) () -> new LayerSpec(3, Activation.RELU, null), "regularization is missing; use Regularization.NONE"),
                Arguments.of((Supplier<Object>) () -> Regularization.NONE.withL2(-1e-3), "l2 -0.001 is invalid; it must be a finite number ≥ 0 (0 = off)"),
                Arguments.of((Supplier<Object>) () -> Regularization.NONE.withWeightDecay(Double.POSITIVE_INFINITY),
                        "weightDecay Infinity is invalid; it must be a finite number ≥ 0 (0 = off)"),
                Arguments.of((Supplier<Object>) () -> Regularization.NONE.withL1Bias(Double.NaN), "l1Bias NaN is invalid; it must be a finite number ≥ 0 (0 = off)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void aSpecThatCannotBeBuiltIsRefusedNamingTheValueAndWhatIsValid(Supplier<?> bad, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, bad::get).getMessage());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"mcxent, MCXENT", "nll, NEGATIVELOGLIKELIHOOD", "NegativeLogLikelihood, NEGATIVELOGLIKELIHOOD", "MSE, MSE", " l1 , L1", "xent, XENT"})
    void lossNamesParseCaseInsensitively(String text, Loss expected) {
        assertEquals(expected, Loss.parse(text));
    }

    @Test
    void anUnknownLossListsTheValidOnes() {
        assertEquals("loss 'hinge' is not known; valid: mcxent | nll | mse | l1 | xent",
                assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge")).getMessage());
    }

    @Test
    void regularizationDescribesOnlyWhatIsOn() {
        assertAll(
                () -> assertEquals("none", Regularization.NONE.toString()),
                () -> assertTrue(Regularization.NONE.isNone()),
                () -> assertEquals("l1=0.1 l2=0.2 l1Bias=0.3 l2Bias=0.4 wd=0.5 wdBias=0.6",
                        new Regularization(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, true).toString()),
                () -> assertEquals("wdBias=0.6 (wd not ×lr)", Regularization.NONE.withWeightDecayBias(0.6).withWeightDecayTimesLr(false).toString()),
                () -> assertEquals("none", Regularization.NONE.withWeightDecayTimesLr(false).toString()),
                () -> assertFalse(Regularization.NONE.withL1Bias(1e-9).isNone()));
    }
}
