package nnparity.gradcheck;

import java.util.List;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The net's score on one batch, evaluated in {@link DoubleDouble} precision: the math of
 * {@link NetSpec} (and of DL4J's layers, losses and penalties) written out once more, independently
 * of the hand-written code, for the numerical check. For L dense layers:
 *
 * <pre>
 *   a0 = x                                          [N, nIn]
 *   z_k = a_{k−1} · W_k + b_k                       [N, n_{k−1}] → [N, n_k],  k = 1 … L
 *   a_k = f_k(z_k)                                  hidden layers, element-wise (see {@link #activate})
 *   data  = (1/N) Σ_n loss(z_L[n], y[n])            (no 1/N when miniBatch is off; see {@link #rowLoss})
 *   score     = data(as scored)      + Σ_groups l1·Σ|θ| + ½·l2·Σθ² + ½·wd·Σθ²          DL4J's score()
 *   objective = data(as descended)   + Σ_groups l1·Σ|θ| + ½·l2·Σθ² + ½·wd_eff·Σθ²      what SGD descends
 *   wd_eff = wd when weight decay is ×lr (DL4J's applyLR, the default), else wd / lr
 * </pre>
 *
 * <p><b>Why two.</b> The {@link #score} is the number DL4J reports and the hand-written net must
 * reproduce, clips included (MCXENT/NLL clip p to [eps, 1 − eps] in the score; XENT clips its
 * sigmoid output). The {@link #objective} is the function whose gradient both nets' SGD steps
 * follow. Backprop's softmax gradient p − t is that of the unclipped loss (DL4J's
 * GradientCheckUtil sets every clip to 0 for the same reason). XENT's gradient uses the clipped
 * output c in {@code (c − y) / (c (1 − c))} and then σ'(z) unclipped, which beyond the clip is the
 * derivative of {@code −[y log c + (1 − y) log(1 − c)] + K·(σ(z) − c)}, K = (c − y)/(c(1 − c)):
 * the clipped loss continued linearly in σ (the clipped score itself is flat there). And an SGD
 * step subtracts {@code lr · (∂data/∂θ + l1·sign θ + l2·θ) + wd·lr·θ}, i.e. lr times the gradient
 * of the objective (with wd_eff = wd / lr when the decay is not ×lr). Where no clip binds and the
 * decay is ×lr, the two are the same function.
 *
 * <p><b>Precision.</b> Every product of two doubles is formed exactly and every sum in
 * double-double, so each z carries an absolute error of about 1e-32 times the size of its terms;
 * the activations and losses are evaluated in double-double too (exp and log to ≈ 1e-32). The
 * constants are DL4J's doubles: leakyrelu's α = 0.01, selu's λ and α rounded to double, and
 * hardsigmoid's slope {@code (double) 0.2f} = 0.20000000298023224, which DL4J's native op uses in
 * its forward pass (its clamp therefore sits at ±0.5/0.2f ≈ ±2.49999996, not ±2.5).
 *
 * <p>{@link #perturbed} changes one parameter θ to θ + δ, held exactly as the pair (θ, δ), and
 * recomputes what depends on it: column j of z_k and a_k for W_k[i][j] or b_k[j], then every later
 * layer in full. Earlier layers are reused: they are the same numbers a full recomputation would
 * give. The evaluation also returns the pre-activations that a kink check needs ({@link Kinks}).
 */
final class ReferenceLoss {
    /** DL4J's hardsigmoid slope: the float 0.2f its native op computes with, widened to double. */
    static final double HARDSIGMOID_SLOPE = 0.2f;
    /** DL4J's leakyrelu α (ActivationLReLU.DEFAULT_ALPHA) in its forward pass. */
    static final double LEAKYRELU_ALPHA = 0.01;
    /** selu's λ and α (Klambauer et al.), rounded to double as DL4J's constants are. */
    static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private final Loss loss;
    private final Activation[] act;
    private final int n, depth;
    private final int[] nIn, nOut;
    private final double[] x, xLo, t;
    private final double[][] w, b;
    private final boolean miniBatch;
    private final double clipEps;
    private final DoubleDouble logClip, logOneMinusClip, oneMinusClip;
    /** Per group (canonical order): l1, and the ½-coefficients of Σθ² in the score and in the objective. */
    private final double[] l1;
    private final DoubleDouble[] halfSqScore, halfSqObjective;
    /** Per group: Σ|θ| and Σθ² at the unperturbed parameters. */
    private final DoubleDouble[] sumAbs, sumSq;
    /** z_k and a_k (hidden layers) at the unperturbed parameters, (hi, lo), row-major [N, n_k]. */
    private final double[][] zHi, zLo, aHi, aLo;
    /** Which layers' pre-activations a kink check needs: kinked activations (hidden, or the output's for MSE/L1). */
    private final boolean[] kinked;

    /**
     * The objective at one perturbation, as its data part and its penalty part, and what a kink
     * check needs: for every layer from the perturbed one on whose activation has a kink, its
     * pre-activations z (hi and lo, [N, n_k]; null for the other layers); and for the L1 loss the
     * residuals ŷ − y (hi, [N, nOut]; else null).
     */
    record Evaluation(DoubleDouble data, DoubleDouble penalty, double[][] zHi, double[][] zLo, double[] residual) {
        DoubleDouble objective() {
            return data.add(penalty);
        }
    }

    ReferenceLoss(NetSpec spec, ParamSet params, Batch batch) {
        if (batch.nIn() != spec.nIn() || batch.nOut() != spec.nOut())
            throw new IllegalArgumentException("a batch of " + batch.nIn() + " features and " + batch.nOut()
                    + " outputs does not fit " + spec);
        if (!spec.trainableByBackprop()) throw new IllegalArgumentException(Activation.STEP_CANNOT_TRAIN);
        if (spec.hasBatchNorm())
            throw new IllegalArgumentException("this reference has no batch normalization; BatchNormGradientCheck checks a net with it");
        if (params.layers().size() != spec.depth())
            throw new IllegalArgumentException(params.layers().size() + " layers of parameters do not fit " + spec);
        List<LayerSpec> layers = spec.layers();
        this.loss = spec.loss();
        this.depth = spec.depth();
        this.n = batch.rows();
        this.x = batch.x();
        this.xLo = new double[x.length];
        this.t = batch.t();
        this.miniBatch = spec.miniBatch();
        this.clipEps = spec.lossClipEps();
        this.logClip = clipEps > 0 ? DoubleDouble.log(DoubleDouble.of(clipEps)) : null;
        this.oneMinusClip = DoubleDouble.ONE.add(-clipEps);
        this.logOneMinusClip = clipEps > 0 ? DoubleDouble.log(oneMinusClip) : null;
        act = new Activation[depth];
        nIn = new int[depth];
        nOut = new int[depth];
        w = new double[depth][];
        b = new double[depth][];
        kinked = new boolean[depth];
        for (int k = 0; k < depth; k++) {
            act[k] = layers.get(k).activation();
            nIn[k] = spec.nIn(k);
            nOut[k] = layers.get(k).nOut();
            if (params.layer(k + 1).nIn() != nIn[k] || params.layer(k + 1).nOut() != nOut[k])
                throw new IllegalArgumentException("parameters " + params.layer(k + 1) + " of layer " + (k + 1) + " do not fit " + spec);
            w[k] = params.layer(k + 1).w().clone();
            b[k] = params.layer(k + 1).b().clone();
            boolean outputActivationApplies = k < depth - 1 || loss == Loss.MSE || loss == Loss.L1;
            kinked[k] = outputActivationApplies && Kinks.of(act[k]).length > 0;
        }

        List<Group> groups = Group.of(spec);
        l1 = new double[groups.size()];
        halfSqScore = new DoubleDouble[groups.size()];
        halfSqObjective = new DoubleDouble[groups.size()];
        sumAbs = new DoubleDouble[groups.size()];
        sumSq = new DoubleDouble[groups.size()];
        for (Group g : groups) {
            Group.Penalty p = g.penalty(spec);
            int i = g.ordinal();
            l1[i] = p.l1();
            DoubleDouble wdEff = p.timesLr() ? DoubleDouble.of(p.weightDecay()) : DoubleDouble.of(p.weightDecay()).divide(spec.learningRate());
            halfSqScore[i] = DoubleDouble.of(p.l2()).add(p.weightDecay()).scalb(-1);
            halfSqObjective[i] = wdEff.add(p.l2()).scalb(-1);
            DoubleDouble abs = DoubleDouble.ZERO, sq = DoubleDouble.ZERO;
            for (double v : g.of(params)) {
                abs = abs.add(Math.abs(v));
                sq = sq.add(DoubleDouble.exactProduct(v, v));
            }
            sumAbs[i] = abs;
            sumSq[i] = sq;
        }

        zHi = new double[depth][];
        zLo = new double[depth][];
        aHi = new double[depth][];
        aLo = new double[depth][];
        for (int k = 0; k < depth; k++) {
            zHi[k] = new double[n * nOut[k]];
            zLo[k] = new double[n * nOut[k]];
            double[] inHi = k == 0 ? x : aHi[k - 1], inLo = k == 0 ? xLo : aLo[k - 1];
            for (int j = 0; j < nOut[k]; j++) column(k, inHi, inLo, j, -1, 0, 0, zHi[k], zLo[k]);
            if (k < depth - 1) {
                aHi[k] = new double[zHi[k].length];
                aLo[k] = new double[zHi[k].length];
                activateAll(act[k], zHi[k], zLo[k], aHi[k], aLo[k]);
            }
        }
    }

    /** The objective at the unperturbed parameters: what SGD descends (the data loss as descended, wd_eff). */
    DoubleDouble objective() {
        return dataLoss(zHi[depth - 1], zLo[depth - 1], false).add(penalty(halfSqObjective, -1, 0, 0));
    }

    /** DL4J's score at the unperturbed parameters: the clipped data loss plus ½·wd·Σθ² and the other penalties. */
    DoubleDouble score() {
        return dataLoss(zHi[depth - 1], zLo[depth - 1], true).add(penalty(halfSqScore, -1, 0, 0));
    }

    /** The data loss alone (no penalty), as scored (clips as in DL4J's score) or as descended (see the class comment). */
    DoubleDouble dataLoss(boolean asScored) {
        return dataLoss(zHi[depth - 1], zLo[depth - 1], asScored);
    }

    /** The objective with element {@code index} of {@code g} changed from θ to θ + δ, exactly. */
    Evaluation perturbed(Group g, int index, double delta) {
        int k = g.layer() - 1;
        int j = g.isBias() ? index : index % nOut[k], wRow = g.isBias() ? -1 : index / nOut[k];
        double theta = g.isBias() ? b[k][index] : w[k][index];
        double[][] kzHi = new double[depth][], kzLo = new double[depth][];

        double[] zh = zHi[k].clone(), zl = zLo[k].clone();
        double[] inHi = k == 0 ? x : aHi[k - 1], inLo = k == 0 ? xLo : aLo[k - 1];
        column(k, inHi, inLo, j, wRow, g.isBias() ? 0 : delta, g.isBias() ? delta : 0, zh, zl);
        if (kinked[k]) {
            kzHi[k] = zh;
            kzLo[k] = zl;
        }
        if (k < depth - 1) {
            double[] ah = aHi[k].clone(), al = aLo[k].clone();
            for (int r = 0; r < n; r++) {
                int o = r * nOut[k] + j;
                DoubleDouble a = activate(act[k], new DoubleDouble(zh[o], zl[o]));
                ah[o] = a.hi();
                al[o] = a.lo();
            }
            for (int m = k + 1; m < depth; m++) {
                zh = new double[n * nOut[m]];
                zl = new double[n * nOut[m]];
                for (int c = 0; c < nOut[m]; c++) column(m, ah, al, c, -1, 0, 0, zh, zl);
                if (kinked[m]) {
                    kzHi[m] = zh;
                    kzLo[m] = zl;
                }
                if (m < depth - 1) {
                    double[] nh = new double[zh.length], nl = new double[zh.length];
                    activateAll(act[m], zh, zl, nh, nl);
                    ah = nh;
                    al = nl;
                }
            }
        }
        return new Evaluation(dataLoss(zh, zl, false), penalty(halfSqObjective, g.ordinal(), theta, delta), kzHi, kzLo,
                loss == Loss.L1 ? residuals(zh, zl) : null);
    }

    /** z_k[r][j] at the unperturbed parameters (high part); {@code layer} counted from 1. */
    double z(int layer, int r, int j) {
        return zHi[layer - 1][r * nOut[layer - 1] + j];
    }

    /** The activation of {@code layer} (counted from 1). */
    Activation activation(int layer) {
        return act[layer - 1];
    }

    /**
     * Column j of z_k = in · W_k + b_k into (outHi, outLo) at rows·n_k + j, with W_k[wRow][j] + wDelta
     * (if wRow ≥ 0) and b_k[j] + bDelta: {@code b + Σ_i in_i·W[i][j]} of exact products, in double-double.
     */
    private void column(int k, double[] inHi, double[] inLo, int j, int wRow, double wDelta, double bDelta,
                        double[] outHi, double[] outLo) {
        Acc s = new Acc();
        int in = nIn[k], out = nOut[k];
        double[] wk = w[k];
        for (int r = 0; r < n; r++) {
            s.set(b[k][j]);
            s.add(bDelta);
            int o = r * in;
            for (int i = 0; i < in; i++) {
                double ah = inHi[o + i], al = inLo[o + i];
                if (ah == 0 && al == 0) continue; // 0 · w adds exactly nothing
                s.addProduct(ah, al, wk[i * out + j]);
                if (i == wRow) s.addProduct(ah, al, wDelta);
            }
            outHi[r * out + j] = s.hi;
            outLo[r * out + j] = s.lo;
        }
    }

    private static void activateAll(Activation f, double[] zh, double[] zl, double[] outHi, double[] outLo) {
        for (int i = 0; i < zh.length; i++) {
            DoubleDouble a = activate(f, new DoubleDouble(zh[i], zl[i]));
            outHi[i] = a.hi();
            outLo[i] = a.lo();
        }
    }

    /**
     * f(z) in double-double, with DL4J's definitions ({@link Activation}) and constants (see the class comment):
     *
     * <pre>
     *   relu          z &gt; 0 ? z : 0                    leakyrelu   z ≥ 0 ? z : 0.01·z
     *   elu           z ≥ 0 ? z : e^z − 1                selu        z &gt; 0 ? λz : λα(e^z − 1)
     *   softplus      ln(1 + e^z)                        softsign    z / (1 + |z|)
     *   sigmoid       1 / (1 + e^−z)                     hardsigmoid min(1, max(0, 0.2f·z + 0.5))
     *   tanh          (1 − e^−2|z|) / (1 + e^−2|z|)·sign  hardtanh    min(1, max(−1, z))
     *   swish         z·σ(z)                             cube        z³
     *   identity      z
     * </pre>
     */
    static DoubleDouble activate(Activation f, DoubleDouble z) {
        return switch (f) {
            case RELU -> z.signum() > 0 ? z : DoubleDouble.ZERO;
            case LEAKYRELU -> z.signum() >= 0 ? z : z.multiply(LEAKYRELU_ALPHA);
            case ELU -> z.signum() >= 0 ? z : DoubleDouble.expm1(z);
            case SELU -> z.signum() > 0 ? z.multiply(SELU_LAMBDA) : DoubleDouble.expm1(z).multiply(DoubleDouble.exactProduct(SELU_LAMBDA, SELU_ALPHA));
            case SOFTPLUS -> DoubleDouble.softplus(z);
            case SOFTSIGN -> z.divide(DoubleDouble.ONE.add(z.abs()));
            case SIGMOID -> DoubleDouble.sigmoid(z);
            case HARDSIGMOID -> clamp(z.multiply(HARDSIGMOID_SLOPE).add(0.5), 0, 1);
            case TANH -> DoubleDouble.tanh(z);
            case HARDTANH -> clamp(z, -1, 1);
            case SWISH -> z.multiply(DoubleDouble.sigmoid(z));
            case CUBE -> z.square().multiply(z);
            case IDENTITY -> z;
            case STEP, SOFTMAX -> throw new IllegalArgumentException("activation " + f.id() + " is not element-wise and trainable");
        };
    }

    private static DoubleDouble clamp(DoubleDouble v, double lo, double hi) {
        if (v.compareTo(lo) < 0) return DoubleDouble.of(lo);
        if (v.compareTo(hi) > 0) return DoubleDouble.of(hi);
        return v;
    }

    /** The data loss of output pre-activations z_L: Σ over rows of {@link #rowLoss}, / N when miniBatch. */
    private DoubleDouble dataLoss(double[] zh, double[] zl, boolean asScored) {
        DoubleDouble sum = DoubleDouble.ZERO;
        for (int r = 0; r < n; r++) sum = sum.add(rowLoss(zh, zl, r, asScored));
        return miniBatch ? sum.divide(n) : sum;
    }

    /**
     * One example's loss from its output pre-activations z [K] and labels y [K], DL4J's definitions
     * ({@link Loss}), c the clip to [eps, 1 − eps]:
     *
     * <pre>
     *   MCXENT, NLL   −Σ_k y_k log c(p_k),  log p_k = z_k − m − log Σ_j e^(z_j − m),  m = max_j z_j
     *                 as descended: no clip
     *   XENT          −Σ_k [y_k log c(σ(z_k)) + (1 − y_k) log(1 − c(σ(z_k)))]
     *                 as descended: Σ_k [y_k softplus(−z_k) + (1 − y_k) softplus(z_k)] inside the clip,
     *                 the clipped term + K·(σ(z_k) − c) beyond it, K = (c − y_k)/(c (1 − c))
     *   MSE           (1/K) Σ_k (f(z_k) − y_k)²
     *   L1            Σ_k |f(z_k) − y_k|
     * </pre>
     */
    private DoubleDouble rowLoss(double[] zh, double[] zl, int r, boolean asScored) {
        int kOut = nOut[depth - 1], o = r * kOut;
        DoubleDouble sum = DoubleDouble.ZERO;
        switch (loss) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> {
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < kOut; k++) m = Math.max(m, zh[o + k]);
                DoubleDouble s = DoubleDouble.ZERO;
                for (int k = 0; k < kOut; k++) s = s.add(DoubleDouble.exp(new DoubleDouble(zh[o + k], zl[o + k]).add(-m)));
                DoubleDouble lse = DoubleDouble.log(s);
                for (int k = 0; k < kOut; k++) {
                    double y = t[o + k];
                    if (y == 0) continue; // 0 · log p adds nothing, even where p underflows
                    DoubleDouble logP = new DoubleDouble(zh[o + k], zl[o + k]).add(-m).subtract(lse);
                    if (asScored && clipEps > 0) {
                        DoubleDouble p = DoubleDouble.exp(logP);
                        if (p.compareTo(clipEps) < 0) logP = logClip;
                        else if (p.subtract(oneMinusClip).signum() > 0) logP = logOneMinusClip;
                    }
                    sum = sum.subtract(logP.multiply(y));
                }
            }
            case XENT -> {
                for (int k = 0; k < kOut; k++) {
                    double y = t[o + k];
                    DoubleDouble z = new DoubleDouble(zh[o + k], zl[o + k]);
                    DoubleDouble logYhat = DoubleDouble.softplus(z.negate()).negate(), logOneMinus = DoubleDouble.softplus(z).negate();
                    DoubleDouble p = DoubleDouble.sigmoid(z), c = null;
                    if (clipEps > 0 && p.compareTo(clipEps) < 0) c = DoubleDouble.of(clipEps);
                    else if (clipEps > 0 && p.subtract(oneMinusClip).signum() > 0) c = oneMinusClip;
                    if (c != null) {
                        boolean low = c.hi() < 0.5;
                        logYhat = low ? logClip : logOneMinusClip;
                        logOneMinus = low ? logOneMinusClip : logClip;
                    }
                    sum = sum.subtract(logYhat.multiply(y).add(logOneMinus.multiply(1 - y)));
                    if (c != null && !asScored) {
                        // beyond the clip the gradient is K·σ'(z): the clipped term continued linearly in σ
                        DoubleDouble slope = c.add(-y).divide(c.multiply(DoubleDouble.ONE.subtract(c)));
                        sum = sum.add(slope.multiply(p.subtract(c)));
                    }
                }
            }
            case MSE -> {
                for (int k = 0; k < kOut; k++) sum = sum.add(outputMinusLabel(zh, zl, o + k).square());
                sum = sum.divide(kOut);
            }
            case L1 -> {
                for (int k = 0; k < kOut; k++) sum = sum.add(outputMinusLabel(zh, zl, o + k).abs());
            }
        }
        return sum;
    }

    /** ŷ − y for element {@code i} of the output: f_L(z) − y in double-double. */
    private DoubleDouble outputMinusLabel(double[] zh, double[] zl, int i) {
        return activate(act[depth - 1], new DoubleDouble(zh[i], zl[i])).add(-t[i]);
    }

    private double[] residuals(double[] zh, double[] zl) {
        double[] res = new double[zh.length];
        for (int i = 0; i < res.length; i++) res[i] = outputMinusLabel(zh, zl, i).hi();
        return res;
    }

    /**
     * Σ_groups l1·Σ|θ| + c·Σθ² with the group's ½-coefficient c from {@code halfSq}; the element θ of
     * group {@code changed} (−1: none) taken as θ + δ.
     */
    private DoubleDouble penalty(DoubleDouble[] halfSq, int changed, double theta, double delta) {
        DoubleDouble total = DoubleDouble.ZERO;
        for (int g = 0; g < l1.length; g++) {
            if (l1[g] == 0 && halfSq[g].signum() == 0) continue;
            DoubleDouble abs = sumAbs[g], sq = sumSq[g];
            if (g == changed) {
                DoubleDouble moved = DoubleDouble.exactSum(theta, delta);
                abs = abs.add(-Math.abs(theta)).add(moved.abs());
                sq = sq.subtract(DoubleDouble.exactProduct(theta, theta)).add(moved.square());
            }
            total = total.add(abs.multiply(l1[g])).add(sq.multiply(halfSq[g]));
        }
        return total;
    }

    /**
     * A double-double running sum, mutable so that the inner loops allocate nothing. Each
     * {@code add} is the accurate double-double addition (two {@code twoSum}s).
     */
    private static final class Acc {
        double hi, lo;

        void set(double a) {
            hi = a;
            lo = 0;
        }

        void add(double b) {
            addDd(b, 0);
        }

        /** += (ah + al) · b, the product ah·b formed exactly. */
        void addProduct(double ah, double al, double b) {
            double p = ah * b;
            double e = Math.fma(ah, b, -p) + al * b;
            double q = p + e;
            addDd(q, e - (q - p));
        }

        private void addDd(double bh, double bl) {
            double s = hi + bh, bb = s - hi, e = (hi - (s - bb)) + (bh - bb);
            double t = lo + bl, tb = t - lo, f = (lo - (t - tb)) + (bl - tb);
            e += t;
            double s1 = s + e, e1 = e - (s1 - s);
            e1 += f;
            hi = s1 + e1;
            lo = e1 - (hi - s1);
        }
    }
}
