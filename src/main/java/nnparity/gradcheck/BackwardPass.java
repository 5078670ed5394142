package nnparity.gradcheck;

import java.util.List;

import nnparity.data.Batch;
import nnparity.scratch.ActivationLayer;
import nnparity.scratch.Matrix;
import nnparity.scratch.SoftmaxCrossEntropy;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * A copy of the hand-written backward pass, line for line, into which one {@link Fault} can be
 * injected without touching the production layers. The forward pass is the production one (the
 * same {@link Matrix} products, {@link ActivationLayer} and {@link SoftmaxCrossEntropy#softmax});
 * the backward pass repeats {@code SoftmaxCrossEntropy.backward}, {@code Dense.backward} and
 * {@code ActivationLayer.backward} in the same order, so with {@link Fault#NONE} it gives
 * bit-for-bit the production gradient (a test holds it to that).
 *
 * <pre>
 *   forward    z1 = x·W1 + b1,   h = f(z1),   z2 = h·W2 + b2,   p = softmax(z2)
 *   backward   dz2 = (p − t) / N                    [N, nOut]
 *              dW2 = hᵀ · dz2                       [nHidden, nOut]
 *              db2 = Σ_rows dz2                     [nOut]
 *              dh  = dz2 · W2ᵀ                      [N, nHidden]
 *              dz1 = dh ⊙ f'(z1)                    [N, nHidden]
 *              dW1 = xᵀ · dz1                       [nIn, nHidden]
 *              db1 = Σ_rows dz1                     [nHidden]
 * </pre>
 */
public final class BackwardPass implements HandWrittenGradient {
    private final Fault fault;

    public BackwardPass(Fault fault) {
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }

    @Override
    public ParamSet meanGradient(NetSpec spec, ParamSet params, Batch batch) {
        Activation f = spec.activation();
        if (!f.trainableByBackprop()) throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
        DenseParams l1 = params.layer(1), l2 = params.layer(2);
        int n = batch.rows();
        Matrix x = new Matrix(n, batch.nIn(), batch.x().clone());
        Matrix t = new Matrix(n, batch.nOut(), batch.t().clone());
        Matrix w1 = new Matrix(l1.nIn(), l1.nOut(), l1.w().clone());
        Matrix w2 = new Matrix(l2.nIn(), l2.nOut(), l2.w().clone());

        Matrix z1 = x.times(w1).addRowInPlace(l1.b());
        Matrix h = new ActivationLayer(f).forward(z1);
        Matrix z2 = h.times(w2).addRowInPlace(l2.b());
        Matrix p = SoftmaxCrossEntropy.softmax(z2);

        Matrix dz2 = outputGradient(p, t);
        DenseParams g2 = dense(h, dz2);
        Matrix dh = dz2.timesTranspose(w2);
        Matrix dz1 = activationGradient(f, z1, h, dh);
        DenseParams g1 = dense(x, dz1);
        return new ParamSet(List.of(g1, g2));
    }

    /** dz2 = (p − t) / N; {@link Fault#DROPPED_1_OVER_N} leaves out the 1/N. */
    private Matrix outputGradient(Matrix p, Matrix t) {
        double[] dz = new double[p.data.length];
        double n = p.rows;
        for (int i = 0; i < dz.length; i++) {
            dz[i] = fault == Fault.DROPPED_1_OVER_N ? p.data[i] - t.data[i] : (p.data[i] - t.data[i]) / n;
        }
        return new Matrix(p.rows, p.cols, dz);
    }

    /**
     * ∂L/∂W = xᵀ · dy and ∂L/∂b = Σ_rows dy for the affine layer y = x·W + b. With
     * {@link Fault#TRANSPOSED_WEIGHT_GRADIENT} W's buffer receives dyᵀ · x instead: the transpose,
     * [nOut, nIn], whose row-major numbers land in W's [nIn, nOut] row-major slots (for a square W,
     * exactly the transposed matrix). {@link Fault#MISSING_BIAS_GRADIENT} leaves ∂L/∂b at 0.
     */
    private DenseParams dense(Matrix x, Matrix dy) {
        Matrix dw = fault == Fault.TRANSPOSED_WEIGHT_GRADIENT ? dy.transposeTimes(x) : x.transposeTimes(dy);
        double[] db = fault == Fault.MISSING_BIAS_GRADIENT ? new double[dy.cols] : dy.columnSums();
        return new DenseParams(x.cols, dy.cols, dw.data, db);
    }

    /**
     * dz1 = dh ⊙ f'(z1), with f' written as the production layer writes it: relu from the mask
     * z1 &gt; 0, sigmoid as h(1 − h), tanh as 1 − h². {@link Fault#MASK_FROM_OUTPUT} evaluates
     * f' at the output h instead: relu's mask h &gt; 0, σ(h)(1 − σ(h)), 1 − tanh²(h), 1.
     */
    private Matrix activationGradient(Activation f, Matrix z1, Matrix h, Matrix dh) {
        double[] g = dh.data, zz = z1.data, hh = h.data, dz = new double[g.length];
        if (fault == Fault.MASK_FROM_OUTPUT) {
            for (int i = 0; i < g.length; i++) {
                double at = hh[i];
                dz[i] = switch (f) {
                    case RELU -> at > 0 ? g[i] : 0;
                    case SIGMOID -> {
                        double s = 1 / (1 + Math.exp(-at));
                        yield g[i] * s * (1 - s);
                    }
                    case TANH -> {
                        double th = Math.tanh(at);
                        yield g[i] * (1 - th * th);
                    }
                    case IDENTITY -> g[i];
                    case STEP -> throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
                };
            }
            return new Matrix(dh.rows, dh.cols, dz);
        }
        switch (f) {
            case RELU -> { for (int i = 0; i < g.length; i++) dz[i] = zz[i] > 0 ? g[i] : 0; }
            case SIGMOID -> { for (int i = 0; i < g.length; i++) dz[i] = g[i] * hh[i] * (1 - hh[i]); }
            case TANH -> { for (int i = 0; i < g.length; i++) dz[i] = g[i] * (1 - hh[i] * hh[i]); }
            case IDENTITY -> System.arraycopy(g, 0, dz, 0, g.length);
            case STEP -> throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
        }
        return new Matrix(dh.rows, dh.cols, dz);
    }

    /** E.g. {@code BackwardPass(fault dropped 1/N)}. */
    @Override
    public String toString() {
        return "BackwardPass(fault " + fault.label() + ")";
    }
}
