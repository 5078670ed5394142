package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import nnparity.parity.Dl4jSide;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * DL4J's activations layer by layer against numpy's, for a 2 → 2 (relu) → 2 (tanh) → 2 (softmax)
 * net on two rows:
 * <pre>
 *   x  = [[1, −2], [2, 1]]
 *   W1 = [[1, −1], [0.5, 2]], b1 = [0.5, 0]     a1 = relu(x·W1 + b1) = [[0.5, 0], [3, 0]]
 *   W2 = [[2, 0], [1, 1]],    b2 = [0, 0.25]    a2 = tanh(a1·W2 + b2) = [[tanh 1, tanh 0.25], [tanh 6, tanh 0.25]]
 *   W3 = I,                   b3 = 0            a3 = softmax(a2)
 * </pre>
 * (numpy: {@code np.tanh}, {@code e = np.exp(z − max); e / e.sum(1)}).
 */
class ForwardPassTest {
    /** One tanh, exp or division per value of order 1: a few ulps. */
    static final double ROUNDING = 1e-15;
    /** relu of exact sums of dyadic values: exact. */
    static final double EXACT = 0;

    private static final NetSpec SPEC = new NetSpec(2, List.of(new LayerSpec(2, Activation.RELU), new LayerSpec(2, Activation.TANH)),
            new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1, Init.NORMAL, 1, true);

    private static final ParamSet PARAMS = new ParamSet(List.of(
            new DenseParams(2, 2, new double[]{1, -1, 0.5, 2}, new double[]{0.5, 0}),
            new DenseParams(2, 2, new double[]{2, 0, 1, 1}, new double[]{0, 0.25}),
            new DenseParams(2, 2, new double[]{1, 0, 0, 1}, new double[]{0, 0})));

    private static final double[] X = {1, -2, 2, 1};

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = Dl4jNets.network(SPEC);
        ParamBridge.write(PARAMS, net);
        return net;
    }

    @Test
    void eachLayersActivationsComeBackRowMajorInLayerOrder() {
        List<double[]> a = ForwardPass.activations(net(), X, 2);
        assertEquals(3, a.size(), "one array per dense layer, the input not included");
        assertArrayEquals(new double[]{0.5, 0, 3, 0}, a.get(0), EXACT);
        assertArrayEquals(new double[]{0.7615941559557649, 0.24491866240370913, 0.9999877116507956, 0.24491866240370913}, a.get(1), ROUNDING);
        assertArrayEquals(new double[]{0.6263700574918116, 0.3736299425081884, 0.6802822149810384, 0.31971778501896164}, a.get(2), ROUNDING);
    }

    @Test
    void theLastLayersActivationsAreWhatTheNetPredicts() {
        MultiLayerNetwork net = net();
        List<double[]> a = ForwardPass.activations(net, X, 2);
        Dl4jSide side = new Dl4jSide(net);
        assertArrayEquals(side.predict(X, 2), a.get(2), EXACT);
        assertArrayEquals(a.get(1), side.activations(X, 2).get(1), EXACT);
    }

    @Test
    void inputsThatDoNotMakeWholeRowsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ForwardPass.activations(net(), new double[]{1, 2, 3}, 2));
        assertEquals("3 input values do not make 2 rows of 2 features", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardPass.activations(net(), new double[0], 0));
        assertEquals("0 input values do not make 0 rows of 2 features", e.getMessage());
    }
}
