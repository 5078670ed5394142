package nnparity.scratch;

import java.util.List;

import nnparity.spec.GradNorm;

/**
 * DL4J's gradient normalization ({@code GradientNormalization} with its threshold t), as pure
 * functions on the gradients of <em>one layer</em>: the layer's parameters (a dense layer's W and
 * b), each gradient g = {@link Parameter#grad()} changed in place. With ‖·‖ the L2 norm over every
 * element,
 *
 * <pre>
 *   NONE                              g unchanged
 *   RENORMALIZE_L2_PER_LAYER          n = ‖(g_W, g_b)‖  (one norm over the whole layer)   g ← g / n        (t unused)
 *   RENORMALIZE_L2_PER_PARAM_TYPE     n_p = ‖g_p‖ for each parameter p                     g_p ← g_p / n_p  (t unused)
 *   CLIP_ELEMENT_WISE_ABSOLUTE_VALUE  g_i ← min(t, max(−t, g_i)) for every element
 *   CLIP_L2_PER_LAYER                 n = ‖(g_W, g_b)‖;  if n &gt; t:                       g ← g · (t / n)
 *   CLIP_L2_PER_PARAM_TYPE            n_p = ‖g_p‖;       if n_p &gt; t:                     g_p ← g_p / (n_p / t)
 * </pre>
 *
 * <p>"Per layer" treats all of a layer's gradients as one vector (DL4J: the layer's gradient view);
 * "per param type" treats each of its parameters alone (DL4J: each entry of the layer's
 * {@code gradientForVariable()}, for a dense layer W and b). A renormalized gradient has norm 1
 * whatever its size, so renormalizing rescales the step size of the updater after it; clipping
 * only shrinks a gradient whose norm is over t. Where a norm is 0, renormalizing divides by
 * 10⁻⁵ instead (DL4J's guard against 0/0; the gradient stays 0). The two L2 clips are written as
 * DL4J writes them, {@code g · (t/n)} and {@code g / (n/t)}: equal in exact arithmetic, and each
 * rounded as DL4J rounds it.
 *
 * <p>Where it happens (DL4J 1.0.0-M2.1, {@code BaseMultiLayerUpdater.update}): after the gradient
 * is divided by the minibatch size ({@code divideByMinibatch}, when {@code miniBatch} is on), and
 * before the updater blocks, which add the l1/l2 terms, run the updater and then the weight
 * decay. So the normalized gradient is the data-loss gradient of the <em>mean</em> loss, without
 * its penalties:
 *
 * <pre>
 *   g = ∂(mean loss)/∂θ  →  normalize (this class)  →  g + l2·θ + l1·sign(θ)  →  updater  →  + weight decay
 * </pre>
 *
 * Each layer is normalized alone (DL4J's {@code preApply} runs once per layer); a parameter-free
 * layer is skipped. A caution for batch normalization: DL4J's {@code BatchNormalization} layer
 * puts its running statistics' updates into its gradient view beside gamma's and beta's
 * gradients ({@code setGradientFor("mean" …)}, {@code "var"} or {@code "log10stdev"}), so DL4J's
 * per-layer modes and the element-wise clip normalize those updates too, and the per-param-type
 * modes normalize each of them as a "parameter". NaN: a NaN norm is never over t, so the L2 clips leave such a gradient as it is,
 * and the renormalizations divide it to NaN; the element-wise clip leaves a NaN element NaN.
 */
public final class GradientNormalization {
    /** What renormalizing divides by when the norm is 0, as in DL4J (a 0 gradient stays 0). */
    public static final double ZERO_NORM_DIVISOR = 1e-5;

    private GradientNormalization() {
    }

    /**
     * {@code norm} as the {@link UpdatePipeline}'s first stage, where DL4J applies it: on the mean
     * gradients, layer by layer, before l1/l2 and the updater; {@link UpdatePipeline.GradientPreprocessor#NONE}
     * for {@link GradNorm#NONE}.
     */
    public static UpdatePipeline.GradientPreprocessor preprocessor(GradNorm norm) {
        if (norm.isNone()) return UpdatePipeline.GradientPreprocessor.NONE;
        return layers -> applyToEachLayer(norm, layers);
    }

    /** Applies {@code norm} to each layer's gradients, one layer at a time (see the class comment). */
    public static void applyToEachLayer(GradNorm norm, List<List<Parameter>> layers) {
        for (List<Parameter> layer : layers) apply(norm, layer);
    }

    /** Applies {@code norm} to the gradients of one layer's parameters, in place. */
    public static void apply(GradNorm norm, List<Parameter> layer) {
        if (layer.isEmpty()) return;
        double t = norm.threshold();
        switch (norm.mode()) {
            case NONE -> { }
            case RENORMALIZE_L2_PER_LAYER -> divide(layer, nonZero(l2(layer)));
            case RENORMALIZE_L2_PER_PARAM_TYPE -> {
                for (Parameter p : layer) divide(p.grad().data, nonZero(l2(p.grad().data)));
            }
            case CLIP_ELEMENT_WISE_ABSOLUTE_VALUE -> {
                for (Parameter p : layer) clipElements(p.grad().data, t);
            }
            case CLIP_L2_PER_LAYER -> {
                double n = l2(layer);
                if (n > t) multiply(layer, t / n);
            }
            case CLIP_L2_PER_PARAM_TYPE -> {
                for (Parameter p : layer) {
                    double n = l2(p.grad().data);
                    if (n > t) divide(p.grad().data, n / t);
                }
            }
        }
    }

    /** ‖g‖ over the gradients of all of {@code layer}'s parameters together: √(Σ_p Σ_i g_p,i²). */
    public static double l2(List<Parameter> layer) {
        double s = 0;
        for (Parameter p : layer) s += sumOfSquares(p.grad().data);
        return Math.sqrt(s);
    }

    /** ‖g‖ = √(Σ g_i²). */
    public static double l2(double[] g) {
        return Math.sqrt(sumOfSquares(g));
    }

    private static double sumOfSquares(double[] g) {
        double s = 0;
        for (double v : g) s += v * v;
        return s;
    }

    private static double nonZero(double n) {
        return n == 0.0 ? ZERO_NORM_DIVISOR : n;
    }

    private static void divide(List<Parameter> layer, double d) {
        for (Parameter p : layer) divide(p.grad().data, d);
    }

    private static void divide(double[] g, double d) {
        for (int i = 0; i < g.length; i++) g[i] /= d;
    }

    private static void multiply(List<Parameter> layer, double f) {
        for (Parameter p : layer) {
            double[] g = p.grad().data;
            for (int i = 0; i < g.length; i++) g[i] *= f;
        }
    }

    /** g_i ← −t if g_i &lt; −t, t if g_i &gt; t, else g_i (a NaN stays NaN). */
    private static void clipElements(double[] g, double t) {
        for (int i = 0; i < g.length; i++) {
            if (g[i] > t) g[i] = t;
            else if (g[i] < -t) g[i] = -t;
        }
    }
}
