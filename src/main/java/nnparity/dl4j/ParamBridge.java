package nnparity.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.spec.BatchNormParams;
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
 *
 * <p><b>Batch normalization.</b> A {@code BatchNormalization} layer is a DL4J layer of its own,
 * between the dense layers, so DL4J's layer i is not dense layer i once one precedes it
 * ({@link Layout}). Its view holds {@code i_gamma, i_beta, i_mean} and then either
 * {@code i_log10stdev} ({@code useLogStd}, the builder's default) or {@code i_var}, each [1, n].
 * The canonical layout stores the variance; {@code var = (10^s)²} for s = log10(std), as DL4J's
 * inference pass computes it, and {@code s = ½·log10(var)} back. In DL4J's {@code gradient()},
 * gamma and beta hold the batch-sum gradient like W and b; mean and log10stdev/var hold the
 * pseudo-gradients that {@code fit} subtracts to move the running statistics
 * ({@code (mean − μ)(1 − decay)}, {@code log10(std_old/std_new)}), not gradients of the loss:
 * {@link #gradient} reports 0 for them, the true gradient of the training loss, as the hand-written
 * net does, and the running statistics are compared as parameters after each update.
 */
public final class ParamBridge {
    private ParamBridge() {
    }

    /**
     * Where the canonical layers sit among DL4J's layers.
     *
     * @param dense     DL4J's layer index of each dense layer, canonical order
     * @param batchNorm DL4J's layer index of each batch norm, keyed by the dense layer (from 1) it follows
     */
    public record Layout(int[] dense, SortedMap<Integer, Integer> batchNorm) {

        /** Read off the net's configuration: every {@code BatchNormalization} follows the dense layer before it. */
        public static Layout of(MultiLayerNetwork net) {
            List<Integer> dense = new ArrayList<>();
            SortedMap<Integer, Integer> bn = new TreeMap<>();
            for (int i = 0; i < net.getnLayers(); i++) {
                if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BatchNormalization) {
                    if (dense.isEmpty() || bn.containsKey(dense.size()))
                        throw new IllegalArgumentException("DL4J layer " + i + " is a batch norm that follows no dense layer; only dense → batch norm → dense is supported");
                    bn.put(dense.size(), i);
                } else {
                    dense.add(i);
                }
            }
            return new Layout(dense.stream().mapToInt(Integer::intValue).toArray(), bn);
        }

        /** As {@link Dl4jNets#configuration} lays out {@code spec}. */
        public static Layout of(NetSpec spec) {
            int[] dense = new int[spec.depth()];
            SortedMap<Integer, Integer> bn = new TreeMap<>();
            for (int k = 0; k < spec.depth(); k++) {
                dense[k] = Dl4jNets.layerIndex(spec, k);
                if (k < spec.depth() - 1 && spec.layers().get(k).hasBatchNorm()) bn.put(k + 1, dense[k] + 1);
            }
            return new Layout(dense, bn);
        }
    }

    /** True when DL4J's batch norm at layer {@code i} keeps log10(std) rather than the variance. */
    private static boolean logStd(MultiLayerNetwork net, int i) {
        return ((BatchNormalization) net.getLayerWiseConfigurations().getConf(i).getLayer()).isUseLogStd();
    }

    /** DL4J's running variance view as a variance: (10^s)² for log10(std) s, else the view itself. */
    private static double[] variance(INDArray view, boolean logStd) {
        double[] v = view.dup('c').data().asDouble();
        if (logStd) {
            for (int j = 0; j < v.length; j++) {
                double std = Math.pow(10.0, v[j]);
                v[j] = std * std;
            }
        }
        return v;
    }

    private static double[] asDouble(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /**
     * Overwrites DL4J's parameters with {@code p}, all or nothing: every layer's shapes are checked
     * before the first value is assigned, so a mismatch leaves the net as it was.
     *
     * @throws IllegalArgumentException if {@code p} has another number of layers than the net, or
     *                                  a layer of another shape (the message names both shapes)
     */
    public static void write(ParamSet p, MultiLayerNetwork net) {
        Layout layout = Layout.of(net);
        if (p.layers().size() != layout.dense().length)
            throw new IllegalArgumentException(p.layers().size() + " layers of parameters do not fit a net of " + layout.dense().length + " layers");
        if (!p.batchNorm().keySet().equals(layout.batchNorm().keySet()))
            throw new IllegalArgumentException("parameters with batch norm after layers " + p.batchNorm().keySet()
                    + " do not fit a net with batch norm after layers " + layout.batchNorm().keySet());
        for (int k = 0; k < p.layers().size(); k++) {
            DenseParams d = p.layers().get(k);
            int i = layout.dense()[k];
            requireShape(i + "_W", net.getParam(i + "_W"), d.nIn(), d.nOut(), "parameters are");
        }
        for (var e : layout.batchNorm().entrySet()) {
            int n = p.batchNorm(e.getKey()).n();
            if (net.getParam(e.getValue() + "_gamma").length() != n)
                throw new IllegalArgumentException(e.getValue() + "_gamma has " + net.getParam(e.getValue() + "_gamma").length() + " values, parameters have " + n);
        }
        for (int k = 0; k < p.layers().size(); k++) {
            DenseParams d = p.layers().get(k);
            int i = layout.dense()[k];
            net.getParam(i + "_W").assign(Nd4j.create(d.w(), new long[]{d.nIn(), d.nOut()}, 'c'));
            net.getParam(i + "_b").assign(Nd4j.create(d.b(), new long[]{1, d.nOut()}, 'c'));
        }
        for (var e : layout.batchNorm().entrySet()) {
            BatchNormParams bn = p.batchNorm(e.getKey());
            int i = e.getValue();
            long[] shape = {1, bn.n()};
            net.getParam(i + "_gamma").assign(Nd4j.create(bn.gamma(), shape, 'c'));
            net.getParam(i + "_beta").assign(Nd4j.create(bn.beta(), shape, 'c'));
            net.getParam(i + "_mean").assign(Nd4j.create(bn.mean(), shape, 'c'));
            if (logStd(net, i)) {
                double[] s = new double[bn.n()];
                for (int j = 0; j < s.length; j++) s[j] = 0.5 * Math.log10(bn.var()[j]);   // log10(√var)
                net.getParam(i + "_log10stdev").assign(Nd4j.create(s, shape, 'c'));
            } else {
                net.getParam(i + "_var").assign(Nd4j.create(bn.var(), shape, 'c'));
            }
        }
    }

    /** A copy of DL4J's parameters in the canonical layout. */
    public static ParamSet read(MultiLayerNetwork net) {
        Layout layout = Layout.of(net);
        List<DenseParams> layers = new ArrayList<>();
        for (int i : layout.dense()) layers.add(canonical(net.getParam(i + "_W"), net.getParam(i + "_b")));
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        for (var e : layout.batchNorm().entrySet()) {
            int i = e.getValue();
            boolean log = logStd(net, i);
            double[] gamma = asDouble(net.getParam(i + "_gamma"));
            bn.put(e.getKey(), new BatchNormParams(gamma.length, gamma, asDouble(net.getParam(i + "_beta")),
                    asDouble(net.getParam(i + "_mean")), variance(net.getParam(i + (log ? "_log10stdev" : "_var")), log)));
        }
        return new ParamSet(layers, bn);
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
        Layout layout = Layout.of(spec);
        List<DenseParams> layers = new ArrayList<>();
        for (int k = 0; k < spec.depth(); k++) {
            int l = layout.dense()[k];
            INDArray w = g.getGradientFor(l + "_W");
            if (w == null) throw new IllegalArgumentException("the gradient has no " + l + "_W; the spec has " + spec.depth() + " layers");
            requireShape(l + "_W gradient", w, spec.nIn(k), spec.layers().get(k).nOut(), "the spec's layer is");
            DenseParams sum = canonical(w, g.getGradientFor(l + "_b"));
            for (int i = 0; i < sum.w().length; i++) sum.w()[i] /= divisor;
            for (int i = 0; i < sum.b().length; i++) sum.b()[i] /= divisor;
            layers.add(sum);
        }
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        for (var e : layout.batchNorm().entrySet()) {
            INDArray gg = g.getGradientFor(e.getValue() + "_gamma");
            if (gg == null) throw new IllegalArgumentException("the gradient has no " + e.getValue() + "_gamma; the spec has a batch norm after layer " + e.getKey());
            double[] gamma = asDouble(gg), beta = asDouble(g.getGradientFor(e.getValue() + "_beta"));
            for (int j = 0; j < gamma.length; j++) {
                gamma[j] /= divisor;
                beta[j] /= divisor;
            }
            bn.put(e.getKey(), new BatchNormParams(gamma.length, gamma, beta, new double[gamma.length], new double[gamma.length]));
        }
        return new ParamSet(layers, bn);
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
