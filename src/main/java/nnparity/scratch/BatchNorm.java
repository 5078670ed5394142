package nnparity.scratch;

import java.util.List;

import nnparity.spec.BatchNormParams;
import nnparity.spec.BatchNormSpec;

/**
 * Batch normalization after a hidden layer's activation, the book's {@code BatchNormalization}
 * (ch6 {@code common/layers.py}) with DL4J 1.0.0-M2.1's constants, starting values and running
 * statistics ({@code org.deeplearning4j.nn.layers.normalization.BatchNormalization}). Per unit j
 * of the n units, over the N rows of the batch:
 *
 * <pre>
 *   training   μ_j = (1/N) Σ_i x_ij                         the batch mean
 *              σ²_j = (1/N) Σ_i (x_ij − μ_j)²               the biased batch variance (DL4J: var(false, 0))
 *              std_j = √(σ²_j + eps)                         eps inside the root
 *              xc = x − μ,  x̂ = xc / std,  y = γ ⊙ x̂ + β     [N, n] → [N, n]
 *   inference  y = γ ⊙ (x − mean) / √(var + eps) + β         the running statistics, no batch statistic
 *   running    mean ← mean − (1 − decay)(mean − μ)           = decay·mean + (1 − decay)·μ
 *              var  ← decay·var + (1 − decay)·σ²             σ² without eps
 * </pre>
 *
 * <b>Backward</b> (the book's form; dy = ∂L/∂y [N, n]):
 * <pre>
 *   ∂L/∂β = Σ_i dy                 ∂L/∂γ = Σ_i x̂ ⊙ dy
 *   dx̂ = γ ⊙ dy,  dxc = dx̂ / std
 *   dstd = −Σ_i dx̂ ⊙ xc / std²,  dvar = ½ · dstd / std
 *   dxc += (2/N) · xc ⊙ dvar
 *   dμ = Σ_i dxc,  ∂L/∂x = dxc − dμ / N                      ("the mean term": − dμ / N)
 * </pre>
 * DL4J writes the same derivative in another order:
 * {@code dLdVar = −½ Σ dx̂⊙xc · std⁻³}, {@code dLdμ = −Σ dx̂ / std − (2/N) Σ xc · dLdVar},
 * {@code ∂L/∂x = dx̂/std + xc ⊙ (2/N)·dLdVar + dLdμ/N}. Term by term: dLdVar = dvar, and
 * dLdμ = −dμ (both keep the term in Σ xc, which is 0 only up to rounding), so the two are
 * algebraically equal and differ by rounding only (LockstepTest measures it).
 *
 * <p><b>Running statistics as DL4J keeps them.</b> DL4J stores them in the parameter view, not in
 * the layer: {@code [γ, β, mean, log10(std)]} ({@code useLogStd}, the builder's default) or
 * {@code [γ, β, mean, var]}. They change only in {@code fit}'s update: backprop leaves the
 * pseudo-gradients {@code (mean − μ)(1 − decay)} and {@code log10(std_old / std_new)} (with
 * {@code std_new² = decay·var + (1 − decay)·σ²}), which the updater, NoOp for these parameters
 * and not divided by the batch size, subtracts: the two updates above. This class keeps the
 * variance (the canonical form) and updates it in {@link #updateRunningStatistics}, which the
 * training step calls after the optimizer, from the batch of the last {@link #forward}: once per
 * step, as {@code fit} does, and never from a gradient computation alone (DL4J's
 * {@code computeGradientAndScore()} changes no parameter either).
 *
 * <p>γ and β are {@link Parameter}s the optimizer updates, unregularized (DL4J's
 * {@code getRegularizationByParam} is null for every batch-norm parameter, whatever the network's
 * l1/l2 say).
 */
public final class BatchNorm implements Layer {
    private final int index;
    private final int n;
    private final double eps;
    private final double decay;
    private final Fault fault;
    private final Parameter gamma;
    private final Parameter beta;
    private final double[] runningMean;
    private final double[] runningVar;
    /** From the last training forward: xc = x − μ, x̂, std, and μ, σ² for the running update. */
    private Matrix xc, xn;
    private double[] std, batchMean, batchVar;

    /**
     * @param index the dense layer it follows, from 1 (names its parameters {@code gamma1}, {@code beta1})
     * @param spec  eps and decay
     * @param p     the starting γ, β, running mean and running variance (copied)
     */
    public BatchNorm(int index, BatchNormSpec spec, BatchNormParams p) {
        this(index, spec, p, Fault.NONE);
    }

    /** As above with a known bug ({@link Fault#BATCHNORM_NO_MEAN_TERM}), the seam for {@link Network#withFault}. */
    BatchNorm(int index, BatchNormSpec spec, BatchNormParams p, Fault fault) {
        if (spec.isNone()) throw new IllegalArgumentException("batch norm layer " + index + " needs eps and decay, not " + spec);
        this.index = index;
        this.n = p.n();
        this.eps = spec.eps();
        this.decay = spec.decay();
        this.fault = fault;
        this.gamma = new Parameter("gamma" + index, new Matrix(1, n, p.gamma().clone()), Matrix.zeros(1, n));
        this.beta = new Parameter("beta" + index, new Matrix(1, n, p.beta().clone()), Matrix.zeros(1, n));
        this.runningMean = p.mean().clone();
        this.runningVar = p.var().clone();
    }

    /** Training mode: normalizes with the batch's own mean and biased variance, and keeps what backward needs. */
    @Override
    public Matrix forward(Matrix x) {
        requireWidth(x);
        int rows = x.rows;
        batchMean = new double[n];
        batchVar = new double[n];
        std = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) s += x.data[i * n + j];
            batchMean[j] = s / rows;
        }
        xc = new Matrix(rows, n, new double[rows * n]);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) xc.data[i * n + j] = x.data[i * n + j] - batchMean[j];
        }
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) s += xc.data[i * n + j] * xc.data[i * n + j];
            batchVar[j] = s / rows;
            std[j] = Math.sqrt(batchVar[j] + eps);
        }
        xn = new Matrix(rows, n, new double[rows * n]);
        Matrix y = new Matrix(rows, n, new double[rows * n]);
        double[] g = gamma.value().data, b = beta.value().data;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double v = xc.data[i * n + j] / std[j];
                xn.data[i * n + j] = v;
                y.data[i * n + j] = v * g[j] + b[j];
            }
        }
        return y;
    }

    /** Inference mode: {@code γ ⊙ (x − mean) / √(var + eps) + β} with the running statistics; keeps nothing. */
    @Override
    public Matrix infer(Matrix x) {
        requireWidth(x);
        Matrix y = new Matrix(x.rows, n, new double[x.rows * n]);
        double[] g = gamma.value().data, b = beta.value().data;
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(runningVar[j] + eps);
            for (int i = 0; i < x.rows; i++) y.data[i * n + j] = (x.data[i * n + j] - runningMean[j]) / s * g[j] + b[j];
        }
        return y;
    }

    @Override
    public Matrix backward(Matrix dy) {
        int rows = dy.rows;
        double[] g = gamma.value().data, dg = gamma.grad().data, db = beta.grad().data;
        double[] dvar = new double[n], dmu = new double[n];
        Matrix dx = new Matrix(rows, n, new double[rows * n]);
        for (int j = 0; j < n; j++) {
            double sumDy = 0, sumDyXn = 0, dstd = 0;
            for (int i = 0; i < rows; i++) {
                double d = dy.data[i * n + j];
                sumDy += d;
                sumDyXn += xn.data[i * n + j] * d;
                double dxn = g[j] * d;                                   // dx̂ = γ ⊙ dy
                dx.data[i * n + j] = dxn / std[j];                        // dxc = dx̂ / std
                dstd -= dxn * xc.data[i * n + j] / (std[j] * std[j]);     // dstd = −Σ dx̂ ⊙ xc / std²
            }
            db[j] = sumDy;
            dg[j] = sumDyXn;
            dvar[j] = 0.5 * dstd / std[j];
            double s = 0;
            for (int i = 0; i < rows; i++) {
                int k = i * n + j;
                dx.data[k] += (2.0 / rows) * xc.data[k] * dvar[j];       // dxc += (2/N) xc ⊙ dvar
                s += dx.data[k];
            }
            dmu[j] = s;                                                  // dμ = Σ dxc
        }
        if (fault != Fault.BATCHNORM_NO_MEAN_TERM) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) dx.data[i * n + j] -= dmu[j] / rows;   // ∂L/∂x = dxc − dμ / N
            }
        }
        return dx;
    }

    /**
     * Moves the running statistics toward the last training batch's, DL4J's update:
     * {@code mean −= (1 − decay)(mean − μ)}, {@code var = decay·var + (1 − decay)·σ²}.
     *
     * @throws IllegalStateException before any training {@link #forward}
     */
    public void updateRunningStatistics() {
        if (batchMean == null) throw new IllegalStateException("batch norm " + index + ": no training forward pass to take statistics from");
        for (int j = 0; j < n; j++) {
            runningMean[j] -= (runningMean[j] - batchMean[j]) * (1 - decay);
            runningVar[j] = runningVar[j] * decay + batchVar[j] * (1 - decay);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** The dense layer this one follows, from 1. */
    public int index() {
        return index;
    }

    /** A copy of γ, β and the running statistics, canonical layout. */
    public BatchNormParams params() {
        return new BatchNormParams(n, gamma.value().data.clone(), beta.value().data.clone(), runningMean.clone(), runningVar.clone());
    }

    /** ∂L/∂γ and ∂L/∂β of the last backward; 0 for the running statistics, on which the training loss does not depend. */
    public BatchNormParams gradients() {
        return new BatchNormParams(n, gamma.grad().data.clone(), beta.grad().data.clone(), new double[n], new double[n]);
    }

    /** Overwrites γ, β and the running statistics with {@code p}. */
    public void setParams(BatchNormParams p) {
        if (p.n() != n) throw new IllegalArgumentException(p + " does not fit batch norm " + index + " of " + n + " units");
        System.arraycopy(p.gamma(), 0, gamma.value().data, 0, n);
        System.arraycopy(p.beta(), 0, beta.value().data, 0, n);
        System.arraycopy(p.mean(), 0, runningMean, 0, n);
        System.arraycopy(p.var(), 0, runningVar, 0, n);
    }

    private void requireWidth(Matrix x) {
        if (x.cols != n) throw new IllegalArgumentException("batch norm " + index + " takes " + n + " columns, not " + x.shape());
    }

    /** E.g. {@code BatchNorm(50, eps=1.0E-5, decay=0.9)}. */
    @Override
    public String toString() {
        return "BatchNorm(" + n + ", eps=" + eps + ", decay=" + decay + ")";
    }
}
