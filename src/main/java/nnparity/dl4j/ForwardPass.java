package nnparity.dl4j;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J net's activations layer by layer, as plain arrays, so they can be compared with the
 * hand-written forward pass one layer at a time:
 *
 * <pre>
 *   a_k = f_k(a_{k−1} · W_k + b_k),  a_0 = x     [rows, n_{k−1}] → [rows, n_k],  k = 1 … L
 * </pre>
 *
 * read from DL4J's {@code feedForward(x, false)} (inference mode: no dropout, nothing trained,
 * batch norm with its running statistics), whose list holds x itself, then every DL4J layer's
 * output; a_L is the output layer's activation, e.g. the softmax probabilities. A batch norm is a
 * DL4J layer of its own: its output is skipped, and a_k is dense layer k's activation before it
 * ({@link ParamBridge.Layout}).
 */
public final class ForwardPass {
    private ForwardPass() {
    }

    /**
     * a_1 … a_L for inputs {@code x} [rows, nIn] row-major; a_k is [rows, n_k] row-major.
     *
     * @throws IllegalArgumentException if {@code x} does not hold {@code rows × nIn} values
     */
    public static List<double[]> activations(MultiLayerNetwork net, double[] x, int rows) {
        long nIn = net.layerInputSize(0);
        if (rows < 1 || x.length != rows * nIn)
            throw new IllegalArgumentException(x.length + " input values do not make " + rows + " rows of " + nIn + " features");
        List<INDArray> all = net.feedForward(Nd4j.create(x, new long[]{rows, nIn}, 'c'), false);
        List<double[]> out = new ArrayList<>();
        for (int i : ParamBridge.Layout.of(net).dense()) out.add(all.get(i + 1).dup('c').data().asDouble());
        return out;
    }
}
