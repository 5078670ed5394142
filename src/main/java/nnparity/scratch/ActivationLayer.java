package nnparity.scratch;

import nnparity.spec.Activation;

/**
 * The element-wise nonlinearity after a dense layer, {@code h = f(z)} [batch, n] → [batch, n].
 * Backward is the chain rule element by element, {@code ∂L/∂z = ∂L/∂h ⊙ f'(z)}:
 *
 * <pre>
 *   relu:     f'(z) = 1 if z &gt; 0 else 0     (the mask comes from the input z)
 *   sigmoid:  f'(z) = h (1 - h)
 *   tanh:     f'(z) = 1 - h²
 *   identity: f'(z) = 1
 *   step:     f'(z) = 0 almost everywhere: refuses, see {@link Activation#STEP_CANNOT_TRAIN}
 * </pre>
 */
public final class ActivationLayer implements Layer {
    private final Activation f;
    private final Fault fault;
    private Matrix z;
    private Matrix h;

    public ActivationLayer(Activation f) {
        this(f, Fault.NONE);
    }

    /**
     * With {@link Fault#MASK_FROM_OUTPUT}, {@link #backward} evaluates f' at the output h instead
     * of the input z (relu's mask h &gt; 0, σ(h)(1 − σ(h)), 1 − tanh²(h)): the seam for
     * {@link Network#withFault}.
     */
    ActivationLayer(Activation f, Fault fault) {
        this.f = f;
        this.fault = fault;
    }

    @Override
    public Matrix forward(Matrix z) {
        this.z = z;
        this.h = new Matrix(z.rows, z.cols, apply(z.data));
        return h;
    }

    private double[] apply(double[] in) {
        double[] out = new double[in.length];
        switch (f) {
            case RELU -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? in[i] : 0; }
            case SIGMOID -> { for (int i = 0; i < in.length; i++) out[i] = 1 / (1 + Math.exp(-in[i])); }
            case TANH -> { for (int i = 0; i < in.length; i++) out[i] = Math.tanh(in[i]); }
            case IDENTITY -> System.arraycopy(in, 0, out, 0, in.length);
            case STEP -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? 1 : 0; }
            default -> throw new UnsupportedOperationException("activation " + f.id() + " is not written by hand yet");
        }
        return out;
    }

    @Override
    public Matrix backward(Matrix dh) {
        boolean atOutput = fault == Fault.MASK_FROM_OUTPUT;
        double[] g = dh.data, zz = atOutput ? h.data : z.data, hh = atOutput ? apply(h.data) : h.data, dz = new double[g.length];
        switch (f) {
            case RELU -> { for (int i = 0; i < g.length; i++) dz[i] = zz[i] > 0 ? g[i] : 0; }
            case SIGMOID -> { for (int i = 0; i < g.length; i++) dz[i] = g[i] * hh[i] * (1 - hh[i]); }
            case TANH -> { for (int i = 0; i < g.length; i++) dz[i] = g[i] * (1 - hh[i] * hh[i]); }
            case IDENTITY -> System.arraycopy(g, 0, dz, 0, g.length);
            case STEP -> throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
            default -> throw new UnsupportedOperationException("activation " + f.id() + " is not written by hand yet");
        }
        return new Matrix(dh.rows, dh.cols, dz);
    }

    public Activation activation() {
        return f;
    }

    @Override
    public String toString() {
        return f.id();
    }
}
