package nnparity.gradcheck;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * The net's mean loss on one batch, evaluated in {@link DoubleDouble} precision: the math of the
 * hand-written forward pass ({@link NetSpec}) written out once more, for the numerical check.
 *
 * <pre>
 *   z1 = x · W1 + b1             [N, nIn]    → [N, nHidden]
 *   h  = act(z1)                 [N, nHidden]
 *   z2 = h · W2 + b2             [N, nHidden] → [N, nOut]
 *   L  = −(1/N) Σ_n log softmax(z2_n)_{y_n},   log softmax(z)_y = z_y − m − log Σ_k e^(z_k − m),  m = max_k z_k
 * </pre>
 *
 * L has no clip: the gradient backprop computes is that of the unclipped loss (DL4J's
 * {@code GradientCheckUtil} sets the clip to 0 for the same reason). Every product of two doubles
 * is formed exactly ({@link DoubleDouble#exactProduct}) and every sum in double-double, so z1 and
 * z2 carry an absolute error of about 1e-32 times the size of their terms.
 *
 * <p>{@link #perturbed} changes one parameter θ to θ + δ, held exactly as the pair (θ, δ), and
 * recomputes everything that depends on it: column j of z1 and h and then all of z2 for W1[i][j]
 * or b1[j]; column k of z2 for W2[j][k] or b2[k]. Values that do not depend on θ are reused: they
 * are the same numbers a full recomputation would give, and reusing them keeps a check of the
 * 784→50→10 net to a fraction of a second.
 */
final class ReferenceLoss {
    private final Activation act;
    private final int n, nIn, nHidden, nOut;
    private final double[] x;
    private final int[] labels;
    private final double[] w1, b1, w2, b2;
    /** z1, h, z2 as (hi, lo) arrays, row-major like the scratch {@code Matrix}. */
    private final double[] z1Hi, z1Lo, hHi, hLo, z2Hi, z2Lo;

    /**
     * The loss at one perturbation, and for a layer-1 parameter the perturbed column of z1 (the
     * high parts, one per example), which tells whether a ReLU kink was crossed; null otherwise.
     */
    record Evaluation(DoubleDouble loss, double[] z1Column) {
    }

    ReferenceLoss(NetSpec spec, ParamSet params, Batch batch) {
        if (batch.nIn() != spec.nIn() || batch.nOut() != spec.nOut())
            throw new IllegalArgumentException("a batch of " + batch.nIn() + " features and " + batch.nOut()
                    + " classes does not fit " + spec);
        if (!TwoLayer.activation(spec).trainableByBackprop()) throw new IllegalArgumentException(Activation.STEP_CANNOT_TRAIN);
        this.act = TwoLayer.activation(spec);
        this.n = batch.rows();
        this.nIn = spec.nIn();
        this.nHidden = TwoLayer.nHidden(spec);
        this.nOut = spec.nOut();
        this.x = batch.x();
        this.labels = batch.labels();
        this.w1 = Group.W1.of(params).clone();
        this.b1 = Group.B1.of(params).clone();
        this.w2 = Group.W2.of(params).clone();
        this.b2 = Group.B2.of(params).clone();
        z1Hi = new double[n * nHidden];
        z1Lo = new double[n * nHidden];
        hHi = new double[n * nHidden];
        hLo = new double[n * nHidden];
        double[] colHi = new double[n], colLo = new double[n], hColHi = new double[n], hColLo = new double[n];
        for (int j = 0; j < nHidden; j++) {
            z1Column(j, -1, 0, 0, colHi, colLo);
            activate(colHi, colLo, hColHi, hColLo);
            for (int r = 0; r < n; r++) {
                z1Hi[r * nHidden + j] = colHi[r];
                z1Lo[r * nHidden + j] = colLo[r];
                hHi[r * nHidden + j] = hColHi[r];
                hLo[r * nHidden + j] = hColLo[r];
            }
        }
        z2Hi = new double[n * nOut];
        z2Lo = new double[n * nOut];
        z2(hHi, hLo, -1, 0, 0, -1, z2Hi, z2Lo);
    }

    /** L at the unperturbed parameters. */
    DoubleDouble loss() {
        return meanLoss(z2Hi, z2Lo);
    }

    /** L with element {@code index} of {@code g} changed from θ to θ + δ, exactly. */
    Evaluation perturbed(Group g, int index, double delta) {
        return switch (g) {
            case W1 -> layer1(index % nHidden, index / nHidden, delta, 0);
            case B1 -> layer1(index, -1, 0, delta);
            case W2 -> layer2(index % nOut, index / nOut, delta, 0);
            case B2 -> layer2(index, -1, 0, delta);
        };
    }

    /**
     * For a layer-1 parameter, the column of z1 it moves, at θ + δ (high parts); null for a
     * layer-2 parameter, which does not move z1.
     */
    double[] z1Column(Group g, int index, double delta) {
        double[] hi = new double[n], lo = new double[n];
        switch (g) {
            case W1 -> z1Column(index % nHidden, index / nHidden, delta, 0, hi, lo);
            case B1 -> z1Column(index, -1, 0, delta, hi, lo);
            default -> {
                return null;
            }
        }
        return hi;
    }

    private Evaluation layer1(int j, int wRow, double wDelta, double bDelta) {
        double[] colHi = new double[n], colLo = new double[n];
        z1Column(j, wRow, wDelta, bDelta, colHi, colLo);
        double[] hpHi = hHi.clone(), hpLo = hLo.clone(), hColHi = new double[n], hColLo = new double[n];
        activate(colHi, colLo, hColHi, hColLo);
        for (int r = 0; r < n; r++) {
            hpHi[r * nHidden + j] = hColHi[r];
            hpLo[r * nHidden + j] = hColLo[r];
        }
        double[] zHi = new double[n * nOut], zLo = new double[n * nOut];
        z2(hpHi, hpLo, -1, 0, 0, -1, zHi, zLo);
        return new Evaluation(meanLoss(zHi, zLo), colHi);
    }

    private Evaluation layer2(int k, int wRow, double wDelta, double bDelta) {
        double[] zHi = z2Hi.clone(), zLo = z2Lo.clone();
        z2(hHi, hLo, wRow, wDelta, bDelta, k, zHi, zLo);
        return new Evaluation(meanLoss(zHi, zLo), null);
    }

    /**
     * Column j of z1 = x·W1 + b1 into (hi, lo), with W1[wRow][j] + wDelta (if wRow ≥ 0) and
     * b1[j] + bDelta: {@code Σ_i x_i·W1[i][j]} of exact products, summed in double-double.
     */
    private void z1Column(int j, int wRow, double wDelta, double bDelta, double[] hi, double[] lo) {
        Acc s = new Acc();
        for (int r = 0; r < n; r++) {
            s.set(b1[j]);
            s.add(bDelta);
            int o = r * nIn;
            for (int i = 0; i < nIn; i++) {
                double xi = x[o + i];
                if (xi == 0) continue; // 0 · w adds exactly nothing
                s.addProduct(xi, w1[i * nHidden + j]);
                if (i == wRow) s.addProduct(xi, wDelta);
            }
            hi[r] = s.hi;
            lo[r] = s.lo;
        }
    }

    /**
     * z2 = h·W2 + b2 into (outHi, outLo), with W2[wRow][k] + wDelta (if wRow ≥ 0) and
     * b2[k] + bDelta; only column {@code onlyK} if it is ≥ 0, else every column.
     */
    private void z2(double[] hh, double[] hl, int wRow, double wDelta, double bDelta, int onlyK,
                    double[] outHi, double[] outLo) {
        Acc s = new Acc();
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < nOut; k++) {
                if (onlyK >= 0 && k != onlyK) continue;
                s.set(b2[k]);
                if (k == onlyK) s.add(bDelta);
                for (int j = 0; j < nHidden; j++) {
                    double a = hh[r * nHidden + j], al = hl[r * nHidden + j];
                    if (a == 0 && al == 0) continue;
                    s.addProduct(a, al, w2[j * nOut + k]);
                    if (j == wRow && k == onlyK) s.addProduct(a, al, wDelta);
                }
                outHi[r * nOut + k] = s.hi;
                outLo[r * nOut + k] = s.lo;
            }
        }
    }

    /** h = act(z), element by element, in double-double. */
    private void activate(double[] zHi, double[] zLo, double[] outHi, double[] outLo) {
        for (int r = 0; r < zHi.length; r++) {
            DoubleDouble z = new DoubleDouble(zHi[r], zLo[r]);
            DoubleDouble h = switch (act) {
                case RELU -> z.hi() > 0 ? z : DoubleDouble.ZERO;
                case SIGMOID -> DoubleDouble.sigmoid(z);
                case TANH -> DoubleDouble.tanh(z);
                case IDENTITY -> z;
                default -> throw new UnsupportedOperationException("activation " + act.id() + " is not in the double-double reference yet");
            };
            outHi[r] = h.hi();
            outLo[r] = h.lo();
        }
    }

    private DoubleDouble meanLoss(double[] zHi, double[] zLo) {
        DoubleDouble sum = DoubleDouble.ZERO;
        for (int r = 0; r < n; r++) {
            int o = r * nOut;
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < nOut; k++) m = Math.max(m, zHi[o + k]);
            DoubleDouble s = DoubleDouble.ZERO;
            for (int k = 0; k < nOut; k++) s = s.add(DoubleDouble.exp(new DoubleDouble(zHi[o + k], zLo[o + k]).add(-m)));
            int y = o + labels[r];
            sum = sum.add(new DoubleDouble(zHi[y], zLo[y]).add(-m).subtract(DoubleDouble.log(s)));
        }
        return sum.negate().divide(n);
    }

    /** z1[r][j] at the unperturbed parameters (high part). */
    double z1(int r, int j) {
        return z1Hi[r * nHidden + j];
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

        /** += a · b, the product formed exactly. */
        void addProduct(double a, double b) {
            double p = a * b;
            addDd(p, Math.fma(a, b, -p));
        }

        /** += (ah + al) · b. */
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
