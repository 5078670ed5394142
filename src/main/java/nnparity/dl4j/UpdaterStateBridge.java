package nnparity.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * Reads DL4J's updater state into the canonical layout: one {@link ParamSet} per state variable,
 * shaped like the parameters, keyed {@code "<updater> <variable>"} as the hand-written
 * {@code UpdatePipeline.state} keys it ({@code "Adam m"}, {@code "Adam v"}, {@code "Nesterovs v"}, …).
 *
 * <h2>DL4J's state view (1.0.0-M2.1, {@code BaseMultiLayerUpdater} and {@code UpdaterBlock})</h2>
 * {@code net.getUpdater().getStateViewArray()} is one flat vector. DL4J walks the parameters in
 * the order of the flat parameter view ({@code 0_W, 0_b, 1_W, 1_b, …}) and groups consecutive
 * parameters whose updater configurations are equal ({@code IUpdater.equals}: type, lr, schedules,
 * β…) into one <em>updater block</em>; a net with one updater everywhere is one block. Each block
 * owns a contiguous slice of the state view, {@code stateSize = k · n} for n parameters in the
 * block and k state variables, laid out <em>per state variable over the whole block</em>:
 *
 * <pre>
 *   [ var 0 of every parameter in the block | var 1 of every parameter | … ]     e.g. Adam: [ m | v ]
 *   within a variable, the parameters as in the parameter view: 0_W ('f' order), 0_b, 1_W, 1_b, …
 *
 *   state of W_k[i, j] for variable s = view[blockStateStart + s·n + (offset of k_W in the block) + i + j·nIn]
 *   state of b_k[j]    for variable s = view[blockStateStart + s·n + (offset of k_b in the block) + j]
 * </pre>
 *
 * The variables in view order: Nesterovs v; Adam m, v; AdaMax m, u; Nadam m, v; AMSGrad m, v, v̂
 * (key {@code vHat}); AdaGrad h; RmsProp h (DL4J's key {@code G}); AdaDelta msg, msdx. Sgd and
 * NoOp have no state (the view is null). RmsProp's view starts at its ε, AdaGrad's at 1e-6 whatever
 * its ε (its updater's own fixed field), the others at 0.
 */
public final class UpdaterStateBridge {
    private UpdaterStateBridge() {
    }

    /** An updater's canonical name and its state variables in DL4J's view order. */
    public record Layout(String name, List<String> variables) {
    }

    /**
     * The canonical name and state variables of DL4J's updater {@code u}.
     *
     * @throws IllegalArgumentException for an updater this project does not mirror
     */
    public static Layout layout(IUpdater u) {
        if (u instanceof Sgd) return new Layout("Sgd", List.of());
        if (u instanceof NoOp) return new Layout("NoOp", List.of());
        if (u instanceof Nesterovs) return new Layout("Nesterovs", List.of("v"));
        if (u instanceof Adam) return new Layout("Adam", List.of("m", "v"));
        if (u instanceof AdaMax) return new Layout("AdaMax", List.of("m", "u"));
        if (u instanceof Nadam) return new Layout("Nadam", List.of("m", "v"));
        if (u instanceof AMSGrad) return new Layout("AMSGrad", List.of("m", "v", "vHat"));
        if (u instanceof AdaGrad) return new Layout("AdaGrad", List.of("h"));
        if (u instanceof RmsProp) return new Layout("RmsProp", List.of("h"));
        if (u instanceof AdaDelta) return new Layout("AdaDelta", List.of("msg", "msdx"));
        throw new IllegalArgumentException("updater " + u.getClass().getSimpleName() + " is not supported; supported: "
                + "Sgd, Nesterovs, Adam, AdaMax, Nadam, AMSGrad, AdaGrad, RmsProp, AdaDelta, NoOp");
    }

    /**
     * A copy of {@code net}'s updater state, canonical layout (see the class comment); empty for
     * Sgd and NoOp. Creates DL4J's updater if it does not exist yet (its initial state).
     *
     * @throws IllegalArgumentException if the net's layers use different updaters (more than one
     *                                  kind of state), or one this project does not mirror
     */
    public static Map<String, ParamSet> read(MultiLayerNetwork net) {
        Positions at = positions(net);
        Map<String, ParamSet> out = new LinkedHashMap<>();
        if (at == null) return out;
        double[] view = at.updater().getStateViewArray().dup().data().asDouble();
        int k = at.layout().variables().size();
        ParamBridge.Layout dl4jLayers = ParamBridge.Layout.of(net);
        for (int s = 0; s < k; s++) {
            List<DenseParams> layers = new ArrayList<>();
            for (int l : dl4jLayers.dense()) {
                INDArray w = net.getParam(l + "_W");
                int nIn = (int) w.size(0), nOut = (int) w.size(1);
                int[] ws = at.where().get(l + "_W"), bs = at.where().get(l + "_b");
                double[] cw = new double[nIn * nOut], cb = new double[nOut];
                for (int i = 0; i < nIn; i++)
                    for (int j = 0; j < nOut; j++) cw[i * nOut + j] = view[ws[0] + s * ws[1] + i + j * nIn];   // 'f' → row-major
                for (int j = 0; j < nOut; j++) cb[j] = view[bs[0] + s * bs[1] + j];
                layers.add(new DenseParams(nIn, nOut, cw, cb));
            }
            java.util.SortedMap<Integer, nnparity.spec.BatchNormParams> bn = new java.util.TreeMap<>();
            for (var e : dl4jLayers.batchNorm().entrySet()) {
                int l = e.getValue(), n = (int) net.getParam(l + "_gamma").length();
                int[] gs = at.where().get(l + "_gamma"), bs = at.where().get(l + "_beta");
                double[] g = new double[n], be = new double[n];
                for (int j = 0; j < n; j++) {
                    g[j] = view[gs[0] + s * gs[1] + j];
                    be[j] = view[bs[0] + s * bs[1] + j];
                }
                bn.put(e.getKey(), new nnparity.spec.BatchNormParams(n, g, be, new double[n], new double[n]));
            }
            out.put(at.layout().name() + " " + at.layout().variables().get(s), new ParamSet(layers, bn));
        }
        return out;
    }

    /**
     * Overwrites {@code net}'s updater state with {@code state}, laid out as {@link #read} returns
     * it (the inverse: {@code read(net)} afterwards gives {@code state} back), e.g. to save a
     * hand-written net's Adam moments with it as a DL4J model. All or nothing: the keys and every
     * shape are checked before the view is written. An empty map fits an updater without state.
     *
     * @throws IllegalArgumentException if the keys are not the net's updater's ({@code "Adam m"},
     *                                  {@code "Adam v"}, …), or a layer's state has another shape
     */
    public static void write(Map<String, ParamSet> state, MultiLayerNetwork net) {
        Positions at = positions(net);
        List<String> keys = new ArrayList<>();
        if (at != null) for (String v : at.layout().variables()) keys.add(at.layout().name() + " " + v);
        if (!new java.util.HashSet<>(keys).equals(state.keySet()))
            throw new IllegalArgumentException("updater state " + state.keySet() + " does not fit the net's updater, whose state is " + keys);
        if (keys.isEmpty()) return;
        ParamBridge.Layout dl4jLayers = ParamBridge.Layout.of(net);
        INDArray viewArray = at.updater().getStateViewArray();
        double[] view = viewArray.dup().data().asDouble();
        for (int s = 0; s < keys.size(); s++) {
            ParamSet p = state.get(keys.get(s));
            if (p.layers().size() != dl4jLayers.dense().length || !p.batchNorm().keySet().equals(dl4jLayers.batchNorm().keySet()))
                throw new IllegalArgumentException(keys.get(s) + ": " + p.layers().size() + " layers with batch norm after " + p.batchNorm().keySet()
                        + " do not fit a net of " + dl4jLayers.dense().length + " layers with batch norm after " + dl4jLayers.batchNorm().keySet());
            for (int k = 0; k < p.layers().size(); k++) {
                int l = dl4jLayers.dense()[k];
                DenseParams d = p.layers().get(k);
                INDArray w = net.getParam(l + "_W");
                int nIn = (int) w.size(0), nOut = (int) w.size(1);
                if (d.nIn() != nIn || d.nOut() != nOut)
                    throw new IllegalArgumentException(keys.get(s) + ": layer " + (k + 1) + "'s state is [" + d.nIn() + "x" + d.nOut() + "], the net's " + l + "_W is [" + nIn + "x" + nOut + "]");
                int[] ws = at.where().get(l + "_W"), bs = at.where().get(l + "_b");
                for (int i = 0; i < nIn; i++)
                    for (int j = 0; j < nOut; j++) view[ws[0] + s * ws[1] + i + j * nIn] = d.w()[i * nOut + j];   // row-major → 'f'
                for (int j = 0; j < nOut; j++) view[bs[0] + s * bs[1] + j] = d.b()[j];
            }
            for (var e : dl4jLayers.batchNorm().entrySet()) {
                int l = e.getValue(), n = (int) net.getParam(l + "_gamma").length();
                nnparity.spec.BatchNormParams b = p.batchNorm(e.getKey());
                if (b.n() != n)
                    throw new IllegalArgumentException(keys.get(s) + ": batch norm " + e.getKey() + "'s state has " + b.n() + " values, the net's " + l + "_gamma " + n);
                int[] gs = at.where().get(l + "_gamma"), bs = at.where().get(l + "_beta");
                for (int j = 0; j < n; j++) {
                    view[gs[0] + s * gs[1] + j] = b.gamma()[j];
                    view[bs[0] + s * bs[1] + j] = b.beta()[j];
                }
            }
        }
        viewArray.assign(org.nd4j.linalg.factory.Nd4j.create(view, viewArray.shape(), 'c'));
    }

    /**
     * Where each parameter's state sits in the view.
     *
     * @param where per {@code "<layer>_<param>"}: the view index of its state for variable 0, and
     *              the block's parameter count n (variable s is n further on per s)
     */
    private record Positions(BaseMultiLayerUpdater<?> updater, Layout layout, Map<String, int[]> where) {
    }

    /** The net's state layout, or null for an updater without state (Sgd, NoOp). */
    private static Positions positions(MultiLayerNetwork net) {
        BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) net.getUpdater(true);
        List<UpdaterBlock> blocks = updater.getUpdaterBlocks();
        Layout layout = null;
        for (UpdaterBlock b : blocks) {
            if (runningStatisticsOnly(b)) continue;   // a batch norm's mean and var: NoOp, no state
            Layout l = layout(b.getGradientUpdater().getConfig());
            if (layout != null && !layout.equals(l))
                throw new IllegalArgumentException("the net's layers use different updaters (" + layout.name() + ", " + l.name()
                        + "); supported: the same updater on every layer");
            layout = l;
        }
        if (layout == null || layout.variables().isEmpty()) return null;
        int k = layout.variables().size();
        Map<String, int[]> where = new LinkedHashMap<>();
        for (UpdaterBlock b : blocks) {
            if (runningStatisticsOnly(b)) continue;
            int n = b.getParamOffsetEnd() - b.getParamOffsetStart();
            if (b.getUpdaterViewOffsetEnd() - b.getUpdaterViewOffsetStart() != k * n)
                throw new IllegalStateException("updater block of " + n + " parameters holds " + (b.getUpdaterViewOffsetEnd() - b.getUpdaterViewOffsetStart())
                        + " state values, not " + k + " × " + n);
            for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
                int layerIndex = ((Layer) p.getLayer()).getIndex();
                where.put(layerIndex + "_" + p.getParamName(),
                        new int[]{b.getUpdaterViewOffsetStart() + p.getParamOffsetStart() - b.getParamOffsetStart(), n});
            }
        }
        return new Positions(updater, layout, where);
    }

    /**
     * True for the block of a batch norm's running statistics ({@code mean}, {@code var} or
     * {@code log10stdev}), which DL4J gives a NoOp updater whatever the net's, so no state: they
     * move by the pseudo-gradient {@code fit} subtracts, not by the updater.
     */
    private static boolean runningStatisticsOnly(UpdaterBlock b) {
        for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
            String name = p.getParamName();
            if (!name.equals("mean") && !name.equals("var") && !name.equals("log10stdev")) return false;
        }
        return true;
    }
}
