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
    private Matrix z;
    private Matrix h;

    public ActivationLayer(Activation f) {
        this.f = f;
    }

    @Override
    public Matrix forward(Matrix z) {
        this.z = z;
        double[] in = z.data, out = new double[in.length];
        switch (f) {
            case RELU -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? in[i] : 0; }
            case SIGMOID -> { for (int i = 0; i < in.length; i++) out[i] = 1 / (1 + Math.exp(-in[i])); }
            case TANH -> { for (int i = 0; i < in.length; i++) out[i] = Math.tanh(in[i]); }
            case IDENTITY -> System.arraycopy(in, 0, out, 0, in.length);
            case STEP -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? 1 : 0; }
        }
        this.h = new Matrix(z.rows, z.cols, out);
        return h;
    }

    @Override
    public Matrix backward(Matrix dh) {
        double[] g = dh.data, zz = z.data, hh = h.data, dz = new double[g.length];
        switch (f) {
            case RELU -> { for (int i = 0; i < g.length; i++) dz[i] = zz[i] > 0 ? g[i] : 0; }
            case SIGMOID -> { for (int i = 0; i < g.length; i++) dz[i] = g[i] * hh[i] * (1 - hh[i]); }
            case TANH -> { for (int i = 0; i < g.length; i++) dz[i] = g[i] * (1 - hh[i] * hh[i]); }
            case IDENTITY -> System.arraycopy(g, 0, dz, 0, g.length);
            case STEP -> throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
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
