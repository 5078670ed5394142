package nnparity.scratch;

import nnparity.spec.Activation;

/**
 * The element-wise nonlinearity after a dense layer, {@code h = f(z)} [batch, n] → [batch, n].
 * Backward is the chain rule element by element, {@code ∂L/∂z = ∂L/∂h ⊙ f'(z)}. Every function is
 * DL4J 1.0.0-M2.1's, formula and order of operations included (its libnd4j ops, checked against
 * its jars), so both sides agree to a few ulps at every z, kinks and overflow included (tanh: see
 * below):
 *
 * <pre>
 *   relu         f = z &lt; 0 ? 0 : z                     f' = z &gt; 0 ? 1 : 0                        f'(0) = 0
 *   leakyrelu    f = z &lt; 0 ? α z : z,  α = 0.01         f' = z &lt; 0 ? (float) α : 1                 f'(0) = 1
 *   elu          f = z ≥ 0 ? z : α (e^z − 1),  α = 1    f' = z ≥ 0 ? 1 : α e^z                      f'(0) = 1
 *   selu         f = z &gt; 0 ? λ z : λ (α e^z − α)       f' = z &gt; 0 ? λ : α λ e^z                    f'(0) = α λ = 1.7581
 *   softplus     f = ln(1 + e^z)                        f' = p / (p + 1),  p = pow(e, z)
 *   softsign     f = z / (1 + |z|)                      f' = 1 / (1 + |z|)²
 *   sigmoid      f = σ(z) = 1 / (1 + e^−z)              f' = σ (1 − σ)
 *   hardsigmoid  f = min(1, max(0, s z + 0.5))          f' = z &lt; −2.5 or z &gt; 2.5 ? 0 : s         f'(±2.5) = s
 *                s = (float) 0.2 = 0.20000000298023224
 *   tanh         f = tanh(z)                            f' = 1 − tanh²(z)                           (Math.tanh, see below)
 *   hardtanh     f = z &lt; −1 ? −1 : z &gt; 1 ? 1 : z        f' = −1 ≤ z ≤ 1 ? 1 : 0                     f'(±1) = 1
 *   swish        f = z σ(z)                             f' = p (z + p + 1) / (p + 1)²,  p = pow(e, z)
 *   cube         f = z³                                 f' = 3 z²
 *   identity     f = z                                  f' = 1
 *   step         f = z &gt; 0 ? 1 : 0                      f' = 0 almost everywhere: refuses, see {@link Activation#STEP_CANNOT_TRAIN}
 *   λ = 1.0507009873554805, α = 1.6732632423543772 (selu's constants, SELU_LAMBDA and SELU_ALPHA in libnd4j)
 * </pre>
 *
 * <h2>Where DL4J differs from the textbook</h2>
 * <ul>
 *   <li><b>hardsigmoid</b> has slope 0.2 and kinks at ±2.5 (Keras's definition), not PyTorch's
 *       1/6 and ±3; and the 0.2 is the float literal {@code 0.2f}, so the slope is
 *       0.20000000298023224 in double, forward and backward. The derivative is s at the kinks
 *       themselves, so just inside ±2.5 the output is already clipped (0.2f · 2.5 &gt; 0.5) while
 *       the derivative is still s.</li>
 *   <li><b>leakyrelu</b>'s α is 0.01 (TensorFlow's is 0.2). Forward uses it in double, but the
 *       backward op takes α as a float, so the negative slope is (float) 0.01 = 0.009999999776482582,
 *       not exactly the forward's 0.01.</li>
 *   <li><b>The derivative at each kink</b>: relu'(0) = 0, leakyrelu'(0) = 1, elu'(0) = 1,
 *       selu'(0) = αλ (the left slope, though SELU's right slope is λ), hardsigmoid'(±2.5) = s,
 *       hardtanh'(±1) = 1; −0.0 counts as 0.</li>
 *   <li><b>Large |z|</b>: softplus is {@code ln(1 + e^z)} without log1p or a large-z branch, so it
 *       is ∞ for z &gt; 709.78 (e^z overflows) and its derivative p / (p + 1) is ∞/∞ = NaN there;
 *       swish's derivative is NaN already for z &gt; 354.89, where (p + 1)² overflows (the
 *       textbook σ + zσ(1 − σ) is 1 there). For z &lt; −37, softplus is 0 where the textbook gives
 *       e^z. elu and selu use e^z − 1, not expm1, so elu(−1e-300) = 0.</li>
 *   <li>relu passes −0.0 and NaN through ({@code z < 0 ? 0 : z}), where the usual
 *       {@code z > 0 ? z : 0} gives +0.0 and 0, hiding a NaN.</li>
 * </ul>
 * NaN propagates through every forward function; the derivative at NaN is what each comparison
 * above gives (relu 0, leakyrelu 1, hardsigmoid s, hardtanh 0, the smooth ones NaN).
 *
 * <h2>Where this class is not DL4J's to the bit</h2>
 * <ul>
 *   <li><b>tanh</b> is Java's {@code Math.tanh} (within 1 ulp of tanh(z)). libnd4j's double tanh
 *       is its own formula, {@code (1 − p) / (1 + p)} with {@code p = pow(e, −2|z|)} (sign
 *       restored), accurate to a few ulps of 1 rather than of tanh(z): it returns 0 for
 *       |z| &lt; 5e-17 and differs from {@code Math.tanh} by up to ~2e-16 absolute elsewhere,
 *       ~2e-16 in 1 − tanh² too. Mirroring it makes the tanh transcript's first steps agree to 0,
 *       but the stored transcripts (cli/TranscriptTest) pin {@code Math.tanh}'s numbers.</li>
 *   <li>sigmoid's and tanh's derivatives are computed from the stored output h,
 *       {@code g · h · (1 − h)} and {@code g · (1 − h²)}; DL4J recomputes σ(z) and tanh(z), the
 *       same numbers, and groups sigmoid's product {@code g · (σ (1 − σ))}, so the two can differ
 *       in the last bit.</li>
 *   <li>Where DL4J calls exp, log or pow, this class calls Java's, within 1 ulp of glibc's.</li>
 * </ul>
 */
public final class ActivationLayer implements Layer {
    /** DL4J's default leakyrelu α ({@code ActivationLReLU.DEFAULT_ALPHA}). */
    public static final double LEAKYRELU_ALPHA = 0.01;
    /** TensorFlow's default leakyrelu α, the one {@link Fault#LEAKYRELU_ALPHA_WRONG} uses. */
    public static final double TENSORFLOW_LEAKYRELU_ALPHA = 0.2;
    /** DL4J's default elu α ({@code ActivationELU.DEFAULT_ALPHA}). */
    public static final double ELU_ALPHA = 1.0;
    /** selu's λ, libnd4j's {@code SELU_LAMBDA} (1.0507009873554804934193349852946) in double. */
    public static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
    /** selu's α, libnd4j's {@code SELU_ALPHA} (1.6732632423543772848170429916717) in double. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** hardsigmoid's slope: libnd4j's literal {@code 0.2f}, widened to double. */
    public static final double HARDSIGMOID_SLOPE = 0.2f;
    /** Where hardsigmoid saturates: its derivative is 0 outside [−2.5, 2.5]. */
    public static final double HARDSIGMOID_KINK = 2.5;

    private final Activation f;
    private final Fault fault;
    /** leakyrelu's α in the forward pass, and as the float DL4J's backward op takes it. */
    private final double alpha;
    private final double alphaSlope;
    private Matrix z;
    private Matrix h;

    public ActivationLayer(Activation f) {
        this(f, Fault.NONE);
    }

    /**
     * With a known bug, the seam for {@link Network#withFault}: with {@link Fault#MASK_FROM_OUTPUT},
     * {@link #backward} evaluates f' at the output h instead of the input z (relu's mask h &gt; 0,
     * σ(h)(1 − σ(h)), 1 − tanh²(h), …); with {@link Fault#LEAKYRELU_ALPHA_WRONG}, leakyrelu uses
     * α = 0.2 forward and backward (backward as the float, like the correct α).
     *
     * @throws IllegalArgumentException for softmax, which is not element-wise and comes with its loss
     */
    ActivationLayer(Activation f, Fault fault) {
        if (!f.elementWise())
            throw new IllegalArgumentException("activation " + f.id() + " is not element-wise; it belongs to the output layer's loss ("
                    + SoftmaxCrossEntropy.class.getSimpleName() + "); valid here: " + Activation.validNames());
        this.f = f;
        this.fault = fault;
        this.alpha = fault == Fault.LEAKYRELU_ALPHA_WRONG ? TENSORFLOW_LEAKYRELU_ALPHA : LEAKYRELU_ALPHA;
        this.alphaSlope = (float) alpha;
    }

    @Override
    public Matrix forward(Matrix z) {
        this.z = z;
        this.h = map(z);
        return h;
    }

    /** f(z) without keeping anything for {@link #backward}: a prediction. */
    Matrix map(Matrix z) {
        double[] out = new double[z.data.length];
        apply(z.data, out);
        return new Matrix(z.rows, z.cols, out);
    }

    /**
     * out = f(in). One small method per activation, so that the JIT compiles and inlines the one in
     * use on its own (a single method holding all thirteen loops made the 2-50-4 step up to 40%
     * slower in some JVM runs).
     */
    private void apply(double[] in, double[] out) {
        switch (f) {
            case RELU -> relu(in, out);
            case LEAKYRELU -> leakyRelu(in, out, alpha);
            case ELU -> elu(in, out);
            case SELU -> selu(in, out);
            case SOFTPLUS -> softplus(in, out);
            case SOFTSIGN -> softsign(in, out);
            case SIGMOID -> sigmoid(in, out);
            case HARDSIGMOID -> hardSigmoid(in, out);
            case TANH -> tanh(in, out);
            case HARDTANH -> hardTanh(in, out);
            case SWISH -> swish(in, out);
            case CUBE -> cube(in, out);
            case IDENTITY -> System.arraycopy(in, 0, out, 0, in.length);
            case STEP -> step(in, out);
            case SOFTMAX -> throw new IllegalStateException("softmax is refused by the constructor");
        }
    }

    private static void relu(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] < 0 ? 0 : in[i];
    }

    private static void leakyRelu(double[] in, double[] out, double alpha) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] < 0 ? alpha * in[i] : in[i];
    }

    private static void elu(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] >= 0 ? in[i] : ELU_ALPHA * (Math.exp(in[i]) - 1);
    }

    private static void selu(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? SELU_LAMBDA * in[i] : SELU_LAMBDA * (SELU_ALPHA * Math.exp(in[i]) - SELU_ALPHA);
    }

    private static void softplus(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = Math.log(1 + Math.exp(in[i]));
    }

    private static void softsign(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] / (1 + Math.abs(in[i]));
    }

    private static void sigmoid(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = sigmoid(in[i]);
    }

    private static void hardSigmoid(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = Math.min(1, Math.max(0, HARDSIGMOID_SLOPE * in[i] + 0.5));
    }

    private static void tanh(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = Math.tanh(in[i]);
    }

    private static void hardTanh(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] < -1 ? -1 : in[i] > 1 ? 1 : in[i];
    }

    private static void swish(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] * sigmoid(in[i]);
    }

    private static void cube(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] * in[i] * in[i];
    }

    private static void step(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? 1 : 0;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public Matrix backward(Matrix dh) {
        if (f == Activation.STEP) throw new UnsupportedOperationException(Activation.STEP_CANNOT_TRAIN);
        boolean atOutput = fault == Fault.MASK_FROM_OUTPUT;
        double[] x = atOutput ? h.data : z.data;                    // where f' is evaluated
        double[] fx = atOutput ? map(h).data : h.data;              // f there, for the derivatives written in f
        double[] dz = new double[dh.data.length];
        derivativeTimes(dh.data, x, fx, dz);
        return new Matrix(dh.rows, dh.cols, dz);
    }

    /** dz = g ⊙ f'(x), with fx = f(x) for sigmoid and tanh; one small method per activation, as in {@link #apply}. */
    private void derivativeTimes(double[] g, double[] x, double[] fx, double[] dz) {
        switch (f) {
            case RELU -> reluPrime(g, x, dz);
            case LEAKYRELU -> leakyReluPrime(g, x, dz, alphaSlope);
            case ELU -> eluPrime(g, x, dz);
            case SELU -> seluPrime(g, x, dz);
            case SOFTPLUS -> softplusPrime(g, x, dz);
            case SOFTSIGN -> softsignPrime(g, x, dz);
            case SIGMOID -> sigmoidPrime(g, fx, dz);
            case HARDSIGMOID -> hardSigmoidPrime(g, x, dz);
            case TANH -> tanhPrime(g, fx, dz);
            case HARDTANH -> hardTanhPrime(g, x, dz);
            case SWISH -> swishPrime(g, x, dz);
            case CUBE -> cubePrime(g, x, dz);
            case IDENTITY -> System.arraycopy(g, 0, dz, 0, g.length);
            case STEP, SOFTMAX -> throw new IllegalStateException(f.id() + " has no derivative here");
        }
    }

    private static void reluPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = x[i] > 0 ? g[i] : 0;
    }

    private static void leakyReluPrime(double[] g, double[] x, double[] dz, double alphaSlope) {
        for (int i = 0; i < g.length; i++) dz[i] = x[i] < 0 ? alphaSlope * g[i] : g[i];
    }

    private static void eluPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * (x[i] >= 0 ? 1 : ELU_ALPHA * Math.exp(x[i]));
    }

    private static void seluPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * (x[i] > 0 ? SELU_LAMBDA : SELU_ALPHA * SELU_LAMBDA * Math.exp(x[i]));
    }

    /** DL4J's form: σ(x) as p / (p + 1) with p = pow(e, x). */
    private static void softplusPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) {
            double p = Math.pow(Math.E, x[i]);
            dz[i] = g[i] * (p / (p + 1));
        }
    }

    private static void softsignPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) {
            double s = 1 + Math.abs(x[i]);
            dz[i] = g[i] * (1 / (s * s));
        }
    }

    private static void sigmoidPrime(double[] g, double[] fx, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * fx[i] * (1 - fx[i]);
    }

    private static void hardSigmoidPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * (x[i] < -HARDSIGMOID_KINK || x[i] > HARDSIGMOID_KINK ? 0 : HARDSIGMOID_SLOPE);
    }

    private static void tanhPrime(double[] g, double[] fx, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * (1 - fx[i] * fx[i]);
    }

    private static void hardTanhPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * (x[i] >= -1 && x[i] <= 1 ? 1 : 0);
    }

    /** DL4J's form: p (x + p + 1) / (p + 1)² with p = pow(e, x). */
    private static void swishPrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) {
            double p = Math.pow(Math.E, x[i]), q = p + 1;
            dz[i] = (p * (x[i] + p + 1)) / (q * q) * g[i];
        }
    }

    private static void cubePrime(double[] g, double[] x, double[] dz) {
        for (int i = 0; i < g.length; i++) dz[i] = g[i] * (3 * x[i] * x[i]);
    }

    public Activation activation() {
        return f;
    }

    @Override
    public String toString() {
        return f.id();
    }
}
