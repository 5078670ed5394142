package nnparity.gradcheck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import nnparity.data.Batch;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.scratch.Fault;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.Activation;
import nnparity.spec.BatchNormParams;
import nnparity.spec.DenseParams;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The three gradient checks for a net with batch normalization, over every W, b, γ and β (the
 * running statistics are not trained by gradient: the training-mode loss does not depend on them).
 *
 * <ol>
 *   <li><b>Numerical</b>: the hand-written gradient against central differences of the training-mode
 *       data loss, evaluated in {@link DoubleDouble} by {@link #referenceLoss}, a second, independent
 *       writing of the net's math (dense, activation, batch norm with batch statistics, softmax
 *       cross-entropy without clip), at ε = {@value NumericalCheck#EPS}, bound
 *       {@value NumericalCheck#MAX_REL_ERROR}, as {@link NumericalCheck}. The general
 *       {@link ReferenceLoss} recomputes one column after a perturbation; batch norm keeps columns
 *       apart too, but its γ and β are new kinds of parameter, so this check recomputes the whole
 *       batch instead (a few million double-double operations for the small nets checked here).</li>
 *   <li><b>DL4J's GradientCheckUtil</b> on the DL4J twin (NoOp updater), as DL4J's own
 *       {@code BNGradientCheckTest} does it: the running statistics ({@code i_mean},
 *       {@code i_log10stdev}) excluded, because their "gradient" is the pseudo-gradient that moves
 *       them, not a derivative of the score; the util scores in training mode
 *       ({@code score(ds, true)}), so the batch statistics are used on both sides of a difference.</li>
 *   <li><b>Cross-framework</b>: the hand-written gradient against DL4J's backprop (through
 *       {@link ParamBridge#gradient}), element by element, at {@link CrossFrameworkCheck}'s bounds.</li>
 * </ol>
 *
 * Scope: softmax cross-entropy (MCXENT or NLL), no penalties (batch norm has none in DL4J), and
 * activations without kinks (this check has no kink detection; batch norm itself is smooth for
 * eps &gt; 0). Anything else is refused.
 */
public final class BatchNormGradientCheck {
    private BatchNormGradientCheck() {
    }

    /**
     * The worst element of one check.
     *
     * @param compared how many elements were compared
     * @param maxRel   the largest relative error |a − b| / (|a| + |b|) (0 when both are 0)
     * @param worst    that element, e.g. {@code gamma1[3]}, with both values
     * @param pass     every element within the bound
     */
    public record CheckResult(int compared, double maxRel, String worst, boolean pass) {
    }

    /**
     * @param numerical hand-written vs the double-double central difference
     * @param utilPass  GradientCheckUtil's verdict on DL4J's backprop
     * @param cross     hand-written vs DL4J's backprop
     */
    public record Result(CheckResult numerical, boolean utilPass, CheckResult cross) {
        public boolean pass() {
            return numerical.pass() && utilPass && cross.pass();
        }
    }

    /** The three checks at {@code params} on {@code batch}; the hand-written side is built with {@code fault}. */
    public static Result run(NetSpec spec, ParamSet params, Batch batch, Fault fault) {
        requireScope(spec);
        Network net = Network.withFault(spec, params, fault);
        net.lossAndGradients(new Matrix(batch.rows(), batch.nIn(), batch.x()), new Matrix(batch.rows(), batch.nOut(), batch.t()));
        ParamSet hand = net.gradients();
        return new Result(numerical(spec, params, batch, hand), util(spec, params, batch), cross(spec, params, batch, hand));
    }

    private static void requireScope(NetSpec spec) {
        if (spec.loss() != Loss.MCXENT && spec.loss() != Loss.NEGATIVELOGLIKELIHOOD)
            throw new IllegalArgumentException("the batch-norm check takes a softmax cross-entropy loss (mcxent, nll), not " + spec.loss());
        for (LayerSpec l : spec.layers()) {
            if (!l.regularization().isNone())
                throw new IllegalArgumentException("the batch-norm check takes no penalties; layer has " + l.regularization());
        }
        for (LayerSpec l : spec.hidden()) {
            if (Kinks.of(l.activation()).length > 0)
                throw new IllegalArgumentException("the batch-norm check takes activations without kinks, not " + l.activation().id());
        }
    }

    /** Every checked element: (name, array in the set). Canonical order: W1, b1, gamma1, beta1, W2, … */
    private record Slot(String name, int layer, int kind) {
        double[] of(ParamSet p) {
            return switch (kind) {
                case 0 -> p.layer(layer).w();
                case 1 -> p.layer(layer).b();
                case 2 -> p.batchNorm(layer).gamma();
                default -> p.batchNorm(layer).beta();
            };
        }
    }

    private static List<Slot> slots(ParamSet p) {
        List<Slot> s = new ArrayList<>();
        for (int k = 1; k <= p.layers().size(); k++) {
            s.add(new Slot("W" + k, k, 0));
            s.add(new Slot("b" + k, k, 1));
            if (p.batchNorm(k) != null) {
                s.add(new Slot("gamma" + k, k, 2));
                s.add(new Slot("beta" + k, k, 3));
            }
        }
        return s;
    }

    static CheckResult numerical(NetSpec spec, ParamSet params, Batch batch, ParamSet hand) {
        Accumulator acc = new Accumulator(NumericalCheck.MAX_REL_ERROR, 0);
        double eps = NumericalCheck.EPS;
        for (Slot s : slots(params)) {
            double[] h = s.of(hand);
            for (int i = 0; i < h.length; i++) {
                DoubleDouble plus = referenceLoss(spec, params, batch, s, i, eps), minus = referenceLoss(spec, params, batch, s, i, -eps);
                double num = plus.subtract(minus).divide(2 * eps).doubleValue();
                acc.add(s.name() + "[" + i + "]", h[i], num);
            }
        }
        return acc.result();
    }

    /**
     * The training-mode data loss (softmax cross-entropy, unclipped, mean over rows when miniBatch)
     * in double-double, with element {@code idx} of {@code s} at θ + δ, held exactly:
     * <pre>
     *   z_k = a_{k−1} W_k + b_k,  a_k = f_k(z_k),  then for batch norm per column j:
     *   μ = Σ_i a_ij / N,  σ² = Σ_i (a_ij − μ)² / N,  a_ij ← γ_j (a_ij − μ) / √(σ² + eps) + β_j
     *   loss = (1/N) Σ_i [ log Σ_c e^{z_ic} − Σ_c t_ic z_ic ]     (Σ_c t_ic = 1)
     * </pre>
     */
    static DoubleDouble referenceLoss(NetSpec spec, ParamSet params, Batch batch, Slot s, int idx, double delta) {
        int n = batch.rows();
        DoubleDouble[] a = new DoubleDouble[n * batch.nIn()];
        for (int i = 0; i < a.length; i++) a[i] = DoubleDouble.of(batch.x()[i]);
        int width = batch.nIn();
        List<LayerSpec> layers = spec.layers();
        for (int k = 1; k <= layers.size(); k++) {
            DenseParams d = params.layer(k);
            DoubleDouble[] w = dd(d.w(), s.layer() == k && s.kind() == 0 ? idx : -1, delta);
            DoubleDouble[] b = dd(d.b(), s.layer() == k && s.kind() == 1 ? idx : -1, delta);
            int out = d.nOut();
            DoubleDouble[] z = new DoubleDouble[n * out];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < out; j++) {
                    DoubleDouble sum = b[j];
                    for (int m = 0; m < width; m++) sum = sum.add(a[i * width + m].multiply(w[m * out + j]));
                    z[i * out + j] = sum;
                }
            }
            if (k == layers.size()) return crossEntropy(z, batch.t(), n, out, spec.miniBatch());
            Activation f = layers.get(k - 1).activation();
            for (int i = 0; i < z.length; i++) z[i] = ReferenceLoss.activate(f, z[i]);
            BatchNormParams bn = params.batchNorm(k);
            if (bn != null) {
                double epsBn = layers.get(k - 1).batchNorm().eps();
                DoubleDouble[] g = dd(bn.gamma(), s.layer() == k && s.kind() == 2 ? idx : -1, delta);
                DoubleDouble[] be = dd(bn.beta(), s.layer() == k && s.kind() == 3 ? idx : -1, delta);
                for (int j = 0; j < out; j++) {
                    DoubleDouble mu = DoubleDouble.ZERO;
                    for (int i = 0; i < n; i++) mu = mu.add(z[i * out + j]);
                    mu = mu.divide(n);
                    DoubleDouble var = DoubleDouble.ZERO;
                    for (int i = 0; i < n; i++) var = var.add(z[i * out + j].subtract(mu).square());
                    DoubleDouble std = sqrt(var.divide(n).add(epsBn));
                    for (int i = 0; i < n; i++) z[i * out + j] = g[j].multiply(z[i * out + j].subtract(mu).divide(std)).add(be[j]);
                }
            }
            a = z;
            width = out;
        }
        throw new IllegalStateException("unreachable: the output layer returns");
    }

    private static DoubleDouble[] dd(double[] v, int perturbed, double delta) {
        DoubleDouble[] out = new DoubleDouble[v.length];
        for (int i = 0; i < v.length; i++) out[i] = i == perturbed ? DoubleDouble.exactSum(v[i], delta) : DoubleDouble.of(v[i]);
        return out;
    }

    /** √a in double-double: one Newton step {@code r = s + (a − s²) / 2s} from the double root s. */
    static DoubleDouble sqrt(DoubleDouble a) {
        double s = Math.sqrt(a.hi());
        DoubleDouble r = DoubleDouble.of(s);
        return r.add(a.subtract(DoubleDouble.exactProduct(s, s)).divide(2 * s));
    }

    private static DoubleDouble crossEntropy(DoubleDouble[] z, double[] t, int n, int k, boolean miniBatch) {
        DoubleDouble total = DoubleDouble.ZERO;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, z[i * k + c].hi());
            DoubleDouble sum = DoubleDouble.ZERO;
            for (int c = 0; c < k; c++) sum = sum.add(DoubleDouble.exp(z[i * k + c].add(-max)));
            DoubleDouble lse = DoubleDouble.log(sum).add(max);
            for (int c = 0; c < k; c++) total = total.add(lse.subtract(z[i * k + c]).multiply(t[i * k + c]));
        }
        return miniBatch ? total.divide(n) : total;
    }

    /** GradientCheckUtil on the NoOp twin at {@code params}, running statistics excluded. */
    static boolean util(NetSpec spec, ParamSet params, Batch batch) {
        MultiLayerNetwork net = Dl4jNets.network(Dl4jNets.configuration(spec, new NoOp()));
        ParamBridge.write(params, net);
        Set<String> exclude = new HashSet<>();
        for (String key : net.paramTable().keySet()) {
            if (key.endsWith("_mean") || key.endsWith("_var") || key.endsWith("_log10stdev")) exclude.add(key);
        }
        INDArray x = Nd4j.create(batch.x(), new long[]{batch.rows(), batch.nIn()}, 'c');
        INDArray y = Nd4j.create(batch.t(), new long[]{batch.rows(), batch.nOut()}, 'c');
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(Dl4jGradientCheck.EPS).maxRelError(Dl4jGradientCheck.MAX_REL_ERROR)
                .minAbsoluteError(Dl4jGradientCheck.MIN_ABS_ERROR).excludeParams(exclude));
    }

    /** The hand-written gradient against DL4J's backprop, scaled by max(1, |a|, |b|) as the harness compares. */
    static CheckResult cross(NetSpec spec, ParamSet params, Batch batch, ParamSet hand) {
        MultiLayerNetwork net = Dl4jNets.network(Dl4jNets.configuration(spec, new NoOp()));
        ParamBridge.write(params, net);
        net.setInput(Nd4j.create(batch.x(), new long[]{batch.rows(), batch.nIn()}, 'c'));
        net.setLabels(Nd4j.create(batch.t(), new long[]{batch.rows(), batch.nOut()}, 'c'));
        net.computeGradientAndScore();
        ParamSet dl4j = ParamBridge.gradient(net.gradient(), spec, batch.rows());
        Accumulator acc = new Accumulator(CrossFrameworkCheck.MAX_REL_ERROR, CrossFrameworkCheck.MAX_ABS_ERROR);
        for (Slot s : slots(params)) {
            double[] h = s.of(hand), d = s.of(dl4j);
            for (int i = 0; i < h.length; i++) acc.add(s.name() + "[" + i + "]", h[i], d[i]);
        }
        return acc.result();
    }

    /** Keeps the worst relative error; an element passes within {@code maxRel}, or within {@code maxAbs} absolute. */
    private static final class Accumulator {
        private final double maxRel, maxAbs;
        private int compared;
        private double worstRel = 0;
        private String worst = "none";
        private boolean pass = true;

        Accumulator(double maxRel, double maxAbs) {
            this.maxRel = maxRel;
            this.maxAbs = maxAbs;
        }

        void add(String name, double a, double b) {
            compared++;
            double rel = a == b ? 0 : Math.abs(a - b) / (Math.abs(a) + Math.abs(b));
            boolean ok = rel <= maxRel || Math.abs(a - b) <= maxAbs;
            if (!ok) pass = false;
            if (!(rel <= worstRel)) {
                worstRel = rel;
                worst = String.format(Locale.ROOT, "%s: %.17g vs %.17g", name, a, b);
            }
        }

        CheckResult result() {
            return new CheckResult(compared, worstRel, worst, pass);
        }
    }
}
