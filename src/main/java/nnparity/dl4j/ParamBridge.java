package nnparity.dl4j;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * Moves numbers between DL4J's parameters and the canonical layout ({@link ParamSet}).
 *
 * <p>DL4J keeps all parameters in one flat vector, {@code net.params()}, ordered
 * {@code 0_W, 0_b, 1_W, 1_b}. Each W is [nIn, nOut] like ours, but stored column-major ('f')
 * inside that vector: {@code flat = offset + i + j·nIn}, whereas the canonical layout is row-major,
 * {@code i·nOut + j}. Going through the per-layer views {@code getParam("0_W")}, which carry their
 * own ordering, lets ND4J do the transposition of storage; copying raw flat arrays would not.
 */
public final class ParamBridge {
    private ParamBridge() {
    }

    /** Overwrites DL4J's parameters with {@code p}. */
    public static void write(ParamSet p, MultiLayerNetwork net) {
        for (int k = 0; k < p.layers().size(); k++) {
            DenseParams d = p.layers().get(k);
            INDArray w = net.getParam(k + "_W"), b = net.getParam(k + "_b");
            requireShape(k + "_W", w, d.nIn(), d.nOut());
            w.assign(Nd4j.create(d.w(), new long[]{d.nIn(), d.nOut()}, 'c'));
            b.assign(Nd4j.create(d.b(), new long[]{1, d.nOut()}, 'c'));
        }
    }

    /** A copy of DL4J's parameters in the canonical layout. */
    public static ParamSet read(MultiLayerNetwork net) {
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < net.getnLayers(); k++) {
            layers.add(canonical(net.getParam(k + "_W"), net.getParam(k + "_b")));
        }
        return new ParamSet(layers);
    }

    /**
     * The gradient of the <em>mean</em> loss from DL4J's last {@code computeGradientAndScore()}.
     * DL4J's {@code gradient()} holds the gradient of the batch <em>sum</em>; its updater divides
     * by the batch size before applying the learning rate, so we divide here too.
     */
    public static ParamSet meanGradient(Gradient g, int nLayers, int batchSize) {
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < nLayers; k++) {
            DenseParams sum = canonical(g.getGradientFor(k + "_W"), g.getGradientFor(k + "_b"));
            for (int i = 0; i < sum.w().length; i++) sum.w()[i] /= batchSize;
            for (int i = 0; i < sum.b().length; i++) sum.b()[i] /= batchSize;
            layers.add(sum);
        }
        return new ParamSet(layers);
    }

    private static DenseParams canonical(INDArray w, INDArray b) {
        int nIn = (int) w.size(0), nOut = (int) w.size(1);
        return new DenseParams(nIn, nOut, w.dup('c').data().asDouble(), b.dup('c').data().asDouble());
    }

    private static void requireShape(String key, INDArray a, int rows, int cols) {
        if (a.size(0) != rows || a.size(1) != cols)
            throw new IllegalArgumentException(key + " is [" + a.size(0) + "x" + a.size(1) + "], parameters are [" + rows + "x" + cols + "]");
    }
}
