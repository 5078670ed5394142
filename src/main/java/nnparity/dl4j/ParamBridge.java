package nnparity.dl4j;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Moves numbers between DL4J's parameters and the canonical layout ({@link ParamSet}), for any
 * number of dense layers.
 *
 * <p>DL4J keeps all parameters in one flat vector, {@code net.params()}, ordered
 * {@code 0_W, 0_b, 1_W, 1_b, …}. Each W is [nIn, nOut] like ours, but stored column-major ('f')
 * inside that vector: {@code flat = offset + i + j·nIn}, whereas the canonical layout is row-major,
 * {@code i·nOut + j}. Going through the per-layer views {@code getParam("0_W")}, which carry their
 * own ordering, lets ND4J do the transposition of storage; copying raw flat arrays would not.
 */
public final class ParamBridge {
    private ParamBridge() {
    }

    /**
     * Overwrites DL4J's parameters with {@code p}, all or nothing: every layer's shapes are checked
     * before the first value is assigned, so a mismatch leaves the net as it was.
     *
     * @throws IllegalArgumentException if {@code p} has another number of layers than the net, or
     *                                  a layer of another shape (the message names both shapes)
     */
    public static void write(ParamSet p, MultiLayerNetwork net) {
        if (p.layers().size() != net.getnLayers())
            throw new IllegalArgumentException(p.layers().size() + " layers of parameters do not fit a net of " + net.getnLayers() + " layers");
        for (int k = 0; k < p.layers().size(); k++) {
            DenseParams d = p.layers().get(k);
            requireShape(k + "_W", net.getParam(k + "_W"), d.nIn(), d.nOut(), "parameters are");
        }
        for (int k = 0; k < p.layers().size(); k++) {
            DenseParams d = p.layers().get(k);
            net.getParam(k + "_W").assign(Nd4j.create(d.w(), new long[]{d.nIn(), d.nOut()}, 'c'));
            net.getParam(k + "_b").assign(Nd4j.create(d.b(), new long[]{1, d.nOut()}, 'c'));
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
     * The gradient DL4J's updater steps along, before regularization, from its last
     * {@code computeGradientAndScore()}, canonical layout. DL4J's {@code gradient()} holds the
     * gradient of the batch <em>sum</em>; with {@code miniBatch(true)} (the default) its updater
     * first divides by the batch size N, so we divide too; with {@code miniBatch(false)} it steps
     * along the sum, and so do we.
     *
     * <pre>
     *   ∂L/∂θ = gradient() / N   (spec.miniBatch())        ∂L/∂θ = gradient()   (otherwise)
     * </pre>
     *
     * @throws IllegalArgumentException if the gradient lacks a layer of the spec or has another shape
     */
    public static ParamSet gradient(Gradient g, NetSpec spec, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size " + batchSize + " is invalid; it must be ≥ 1");
        double divisor = spec.miniBatch() ? batchSize : 1;
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < spec.depth(); k++) {
            INDArray w = g.getGradientFor(k + "_W");
            if (w == null) throw new IllegalArgumentException("the gradient has no " + k + "_W; the spec has " + spec.depth() + " layers");
            requireShape(k + "_W gradient", w, spec.nIn(k), spec.layers().get(k).nOut(), "the spec's layer is");
            DenseParams sum = canonical(w, g.getGradientFor(k + "_b"));
            for (int i = 0; i < sum.w().length; i++) sum.w()[i] /= divisor;
            for (int i = 0; i < sum.b().length; i++) sum.b()[i] /= divisor;
            layers.add(sum);
        }
        return new ParamSet(layers);
    }

    private static DenseParams canonical(INDArray w, INDArray b) {
        int nIn = (int) w.size(0), nOut = (int) w.size(1);
        return new DenseParams(nIn, nOut, w.dup('c').data().asDouble(), b.dup('c').data().asDouble());
    }

    private static void requireShape(String key, INDArray a, int rows, int cols, String expected) {
        if (a.size(0) != rows || a.size(1) != cols)
            throw new IllegalArgumentException(key + " is [" + a.size(0) + "x" + a.size(1) + "], " + expected + " [" + rows + "x" + cols + "]");
    }
}
