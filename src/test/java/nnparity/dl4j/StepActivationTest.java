package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class StepActivationTest {
    /** step returns 0 or 1: nothing is rounded. */
    static final double EXACT = 0;

    /** One exp and one division per probability: a few ulps of 0.7. */
    static final double SOFTMAX_ROUNDING = 1e-15;

    @Test
    void stepIsOneStrictlyAboveZeroAndZeroElsewhere() {
        INDArray z = Nd4j.create(new double[]{-2, -Double.MIN_VALUE, -0.0, 0, Double.NaN, Double.MIN_VALUE, 3});
        INDArray h = new StepActivation().getActivation(z, false);
        assertEquals(DataType.DOUBLE, h.dataType());
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 1, 1}, h.data().asDouble(), EXACT);
    }

    @Test
    void stepOverwritesItsInputAndReturnsItAsDl4jExpects() {
        // IActivation's contract (DL4J's ReLU, sigmoid, ... all do this): transform "in" in place
        // and return it; a new array lands outside DL4J's activation workspace.
        INDArray z = Nd4j.create(new float[]{-1f, 0.5f});
        INDArray h = new StepActivation().getActivation(z, true);
        assertSame(z, h);
        assertEquals(DataType.FLOAT, h.dataType());
        assertArrayEquals(new float[]{0f, 1f}, z.data().asFloat(), (float) EXACT);
    }

    @Test
    void stepRefusesToBackpropagateAndSaysWhy() {
        INDArray z = Nd4j.create(new double[]{1, -1});
        var e = assertThrows(UnsupportedOperationException.class, () -> new StepActivation().backprop(z, z.dup()));
        assertTrue(e.getMessage().startsWith("activation 'step' cannot be trained by backpropagation: its derivative is 0"), e.getMessage());
    }

    @Test
    void everyStepIsEqualAsDl4jsParameterlessActivationsAre() {
        assertEquals(new StepActivation(), new StepActivation());
        assertEquals(new StepActivation().hashCode(), new StepActivation().hashCode());
        assertNotEquals(new StepActivation(), new org.nd4j.linalg.activations.impl.ActivationReLU());
        assertNotEquals(new StepActivation(), null);
    }

    @Test
    void aConfigurationWithStepSurvivesDl4jsJsonEqual() {
        // DL4J compares configurations with equals(), which includes each layer's activation
        var conf = Dl4jNets.configuration(NetSpec.quadrant().withActivation(Activation.STEP));
        assertEquals(conf, org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void toStringIsTheSpecsName() {
        assertEquals("step", new StepActivation().toString());
    }

    @Test
    void aDl4jNetWithStepHiddenUnitsComputesTheForwardPass() {
        // W1 = I, b1 = [0.25, -0.25]; x = (0.5, -0.5): z1 = (0.75, -0.75), h = step(z1) = (1, 0);
        // W2 = I, b2 = 0: z2 = (1, 0), p = (e/(e+1), 1/(e+1)) = (0.7310585786300049, 0.2689414213699951)
        NetSpec spec = NetSpec.quadrant().withSizes(2, 2, 2).withActivation(Activation.STEP);
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(new ParamSet(List.of(
                new DenseParams(2, 2, new double[]{1, 0, 0, 1}, new double[]{0.25, -0.25}),
                new DenseParams(2, 2, new double[]{1, 0, 0, 1}, new double[]{0, 0}))), net);
        INDArray x = Nd4j.create(new double[][]{{0.5, -0.5}});
        assertArrayEquals(new double[]{1, 0}, net.feedForward(x, false).get(1).data().asDouble(), EXACT);
        assertArrayEquals(new double[]{0.7310585786300049, 0.2689414213699951}, net.output(x).data().asDouble(), SOFTMAX_ROUNDING);
    }

    @Test
    void aDl4jNetWithStepHiddenUnitsRefusesToTrain() {
        MultiLayerNetwork net = Dl4jNets.network(NetSpec.quadrant().withActivation(Activation.STEP));
        INDArray x = Nd4j.create(new double[][]{{1, 1}}), t = Nd4j.create(new double[][]{{1, 0, 0, 0}});
        var e = assertThrows(UnsupportedOperationException.class, () -> net.fit(x, t));
        assertEquals(Activation.STEP_CANNOT_TRAIN, e.getMessage());
    }
}
