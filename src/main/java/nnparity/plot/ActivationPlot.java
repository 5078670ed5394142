package nnparity.plot;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import nnparity.scratch.ActivationLayer;
import nnparity.scratch.Matrix;
import nnparity.spec.Activation;

/**
 * {@code activations.png}: every element-wise activation the project supports, f(z) and f′(z)
 * over z ∈ [−4, 4], one small chart each: the tutorial's step, sigmoid, ReLU and tanh first, then
 * DL4J's others. Both curves are computed by the hand-written {@link ActivationLayer}: f by its
 * forward pass, f′ by its backward pass with ∂L/∂h = 1 (so dz = f′(z)), at the points
 * z = −4 + k · 0.02, which include the kinks at 0 (relu, leakyrelu, elu, selu, step).
 *
 * <p>Step has no backward pass: its derivative is 0 wherever it exists and undefined at 0, which
 * is drawn as the line f′ = 0 broken at z = 0, with the title saying so. That is why a step
 * network cannot be trained by backpropagation.
 */
public final class ActivationPlot {
    public static final int CELL_WIDTH = 340;
    public static final int CELL_HEIGHT = 300;
    public static final int COLS = 5;
    public static final double Z_MAX = 4;
    /** Samples per unit of z. */
    static final int PER_UNIT = 50;

    private ActivationPlot() {
    }

    /** The order drawn: the tutorial's four, then the others in {@link Activation}'s order. */
    static List<Activation> order() {
        List<Activation> out = new ArrayList<>(List.of(Activation.STEP, Activation.SIGMOID, Activation.RELU, Activation.TANH));
        for (Activation a : Activation.values()) if (a.elementWise() && !out.contains(a)) out.add(a);
        return out;
    }

    /** z = −4, −3.98, …, 4 (401 points, 0 exactly among them). */
    static double[] zs() {
        int n = (int) (2 * Z_MAX * PER_UNIT) + 1;
        double[] z = new double[n];
        for (int k = 0; k < n; k++) z[k] = (k - (n - 1) / 2) / (double) PER_UNIT;
        return z;
    }

    /** f(z) by the hand-written layer's forward pass. */
    static double[] value(Activation a, double[] z) {
        Matrix h = new ActivationLayer(a).forward(new Matrix(1, z.length, z.clone()));
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) out[j] = h.get(0, j);
        return out;
    }

    /** f′(z) by the hand-written layer's backward pass with ∂L/∂h = 1; step: 0, and NaN (undefined) at z = 0. */
    static double[] derivative(Activation a, double[] z) {
        double[] out = new double[z.length];
        if (a == Activation.STEP) {
            for (int j = 0; j < z.length; j++) out[j] = z[j] == 0 ? Double.NaN : 0;
            return out;
        }
        ActivationLayer layer = new ActivationLayer(a);
        layer.forward(new Matrix(1, z.length, z.clone()));
        double[] ones = new double[z.length];
        Arrays.fill(ones, 1);
        Matrix dz = layer.backward(new Matrix(1, z.length, ones));
        for (int j = 0; j < z.length; j++) out[j] = dz.get(0, j);
        return out;
    }

    public static Picture of() {
        Charts.headless();
        double[] z = zs();
        List<XYChart> charts = new ArrayList<>();
        for (Activation a : order()) charts.add(chart(a, z));
        return Charts.picture("activations.png", "The activation functions f(z) and their derivatives f′(z), as the hand-written net computes them",
                Charts.grid(charts, COLS, CELL_WIDTH, CELL_HEIGHT));
    }

    private static XYChart chart(Activation a, double[] z) {
        XYChart c = new XYChart(CELL_WIDTH, CELL_HEIGHT);
        Charts.style(c.getStyler());
        LossPlot.styleAxes(c);
        c.getStyler().setChartTitleFont(Charts.TITLE.deriveFont(16f));
        c.getStyler().setAxisTickLabelsFont(Charts.CAPTION);
        c.getStyler().setLegendFont(Charts.CAPTION.deriveFont(13f));
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setXAxisMin(-Z_MAX).setXAxisMax(Z_MAX);
        c.setTitle(a == Activation.STEP ? "step (f′ undefined at 0)" : a.id());
        c.setXAxisTitle("z");
        double[] f = value(a, z), d = derivative(a, z);
        double lo = Math.min(min(f), min(d)), hi = Math.max(max(f), max(d));
        // cube reaches 64 at z = 4: clip the view to keep the shape near 0 readable
        if (a == Activation.CUBE) {
            lo = -8;
            hi = 8;
            for (int j = 0; j < z.length; j++) {
                if (Math.abs(f[j]) > 8) f[j] = Double.NaN;
                if (Math.abs(d[j]) > 8) d[j] = Double.NaN;
            }
            c.setTitle("cube (clipped to ±8)");
        }
        double pad = Math.max(0.1, 0.08 * (hi - lo));
        c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        XYSeries sf = c.addSeries("f(z)", z, f);
        sf.setLineColor(Charts.HAND_WRITTEN);
        sf.setLineStyle(new BasicStroke(2.5f));
        sf.setMarker(SeriesMarkers.NONE);
        XYSeries sd = c.addSeries("f′(z)", z, d);
        sd.setLineColor(Charts.DL4J);
        sd.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{7f, 4f}, 0f));
        sd.setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) if (x < m) m = x;
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) if (x > m) m = x;
        return m;
    }
}
