package nnparity.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import nnparity.parity.LockstepResult;
import nnparity.parity.StepRecord;
import nnparity.parity.Tolerances;
import nnparity.text.Fmt;

/**
 * {@code loss.png}: the run's loss curves. Above, both sides' mean batch loss per step, overlaid
 * (the hand-written one solid, DL4J's dashed on top: one line when they agree). Below, per step on
 * a log axis, the differences the harness measured, with the tolerances drawn as lines:
 *
 * <pre>
 *   |Δloss|  = |L_hand − L_dl4j| / max(1, |L_hand|, |L_dl4j|)     (scaled, against tol.lossScaled)
 *   |Δgrad|  = max over elements |∂L/∂θ_hand − ∂L/∂θ_dl4j|        (against tol.gradScaled)
 *   |Δparam| = max over elements |θ_hand − θ_dl4j| after the update (against tol.paramScaled)
 * </pre>
 *
 * A log axis has no 0, and two sides that agree to the last bit differ by exactly 0: such values
 * (and any below {@link #FLOOR}) are drawn on the floor line at {@value #FLOOR}, which the legend
 * says. Runs longer than {@link #MAX_POINTS} steps are drawn in buckets of consecutive steps: the
 * mean loss of each bucket and its largest difference (a difference is never hidden).
 */
public final class LossPlot {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 900;
    /** Where 0 and anything smaller is drawn on the log axis. */
    public static final double FLOOR = 1e-18;
    /** The most points a curve gets; longer runs are bucketed. */
    public static final int MAX_POINTS = 4000;

    private LossPlot() {
    }

    /** The loss curves of {@code result}, with {@code tol}'s bounds. */
    public static Picture of(LockstepResult result, Tolerances tol) {
        Charts.headless();
        List<StepRecord> steps = result.steps();
        int n = steps.size();
        int bucket = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int m = (n + bucket - 1) / bucket;
        double[] x = new double[m], ls = new double[m], ld = new double[m], dl = new double[m], dg = new double[m], dp = new double[m];
        for (int k = 0; k < m; k++) {
            int from = k * bucket, to = Math.min(n, from + bucket);
            double sumS = 0, sumD = 0, maxL = 0, maxG = 0, maxP = 0;
            for (int i = from; i < to; i++) {
                StepRecord r = steps.get(i);
                sumS += r.lossScratch();
                sumD += r.lossDl4j();
                maxL = worse(maxL, r.scaledLossDiff());
                maxG = worse(maxG, r.maxGradDiff());
                maxP = worse(maxP, r.maxParamDiff());
            }
            x[k] = steps.get(to - 1).step();
            ls[k] = sumS / (to - from);
            ld[k] = sumD / (to - from);
            dl[k] = maxL;
            dg[k] = maxG;
            dp[k] = maxP;
        }
        String per = bucket == 1 ? "per step" : "per bucket of " + bucket + " steps (mean loss, largest difference)";
        XYChart top = lossChart(result, x, ls, ld, per);
        XYChart bottom = diffChart(x, dl, dg, dp, tol, per);
        BufferedImage img = Charts.canvas(WIDTH, HEIGHT);
        Charts.paintInto(img, top, 0, 0, WIDTH, HEIGHT / 2);
        Charts.paintInto(img, bottom, 0, HEIGHT / 2, WIDTH, HEIGHT - HEIGHT / 2);
        return Charts.picture("loss.png", "Loss per step, both sides, and how far apart they are", img);
    }

    /** Keeps NaN (a side that blew up) over any number. */
    private static double worse(double max, double d) {
        return Double.isNaN(max) || Double.isNaN(d) ? Double.NaN : Math.max(max, d);
    }

    private static XYChart lossChart(LockstepResult result, double[] x, double[] ls, double[] ld, String per) {
        XYChart c = new XYChart(WIDTH, HEIGHT / 2);
        Charts.style(c.getStyler());
        c.setTitle("Loss " + per + ": " + result.task() + ", " + Fmt.count(result.steps().size(), "step"));
        c.setXAxisTitle("step");
        c.setYAxisTitle("mean batch loss");
        styleAxes(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(0);
        if (x.length == 0) {
            c.addSeries("no steps (--epochs 0)", new double[]{0}, new double[]{0}).setMarker(SeriesMarkers.NONE);
            return c;
        }
        Charts.xAxisAround(c, x);
        XYSeries s = c.addSeries("hand-written", x, finite(ls));
        s.setLineColor(Charts.HAND_WRITTEN);
        s.setLineStyle(new BasicStroke(4f));
        s.setMarker(SeriesMarkers.NONE);
        XYSeries d = c.addSeries("DL4J", x, finite(ld));
        d.setLineColor(Charts.DL4J);
        d.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{8f, 6f}, 0f));
        d.setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static XYChart diffChart(double[] x, double[] dl, double[] dg, double[] dp, Tolerances tol, String per) {
        XYChart c = new XYChart(WIDTH, HEIGHT / 2);
        Charts.style(c.getStyler());
        c.setTitle("Differences " + per + " (log axis; 0 is drawn at " + sci(FLOOR) + ")");
        c.setXAxisTitle("step");
        c.setYAxisTitle("|hand-written − DL4J|");
        styleAxes(c);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(FLOOR);
        double top = Math.max(Math.max(tol.lossScaled(), Math.max(tol.gradScaled(), tol.paramScaled())), max(dl, dg, dp));
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Math.max(top, FLOOR)) + 1)));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendFont(Charts.CAPTION.deriveFont(13f));
        double[] xs = x.length == 0 ? new double[]{0} : x;
        double x0 = xs[0], x1 = xs[xs.length - 1] == x0 ? x0 + 1 : xs[xs.length - 1];
        Charts.xAxisAround(c, x);
        if (x.length > 0) {
            line(c, "|Δloss| scaled", x, Charts.floored(dl, FLOOR), Charts.CLASSES[0], 1.6f);
            line(c, "max |Δgrad|", x, Charts.floored(dg, FLOOR), Charts.CLASSES[2], 1.6f);
            line(c, "max |Δparam|", x, Charts.floored(dp, FLOOR), Charts.CLASSES[4], 1.6f);
        }
        if (tol.lossScaled() == tol.gradScaled() && tol.gradScaled() == tol.paramScaled()) {
            tolerance(c, "tolerance " + sci(tol.lossScaled()), x0, x1, tol.lossScaled());
        } else {
            tolerance(c, "loss tolerance " + sci(tol.lossScaled()), x0, x1, tol.lossScaled());
            tolerance(c, "grad tolerance " + sci(tol.gradScaled()), x0, x1, tol.gradScaled());
            tolerance(c, "param tolerance " + sci(tol.paramScaled()), x0, x1, tol.paramScaled());
        }
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y, java.awt.Color color, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
        s.setMarker(SeriesMarkers.NONE);
    }

    private static void tolerance(XYChart c, String name, double x0, double x1, double tol) {
        XYSeries s = c.addSeries(name, new double[]{x0, x1}, new double[]{Math.max(tol, FLOOR), Math.max(tol, FLOOR)});
        s.setLineColor(Charts.TOLERANCE);
        s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{12f, 6f}, 0f));
        s.setMarker(SeriesMarkers.NONE);
    }

    static void styleAxes(XYChart c) {
        c.getStyler().setAxisTitleFont(Charts.AXIS_TITLE);
        c.getStyler().setAxisTickLabelsFont(Charts.TICKS);
        c.getStyler().setPlotGridLinesColor(new java.awt.Color(0xe0, 0xe0, 0xe0));
        c.getStyler().setXAxisTickMarkSpacingHint(90);
    }

    private static double max(double[]... series) {
        double m = 0;
        for (double[] s : series) for (double v : s) if (v > m && !Double.isInfinite(v)) m = v;
        return m;
    }

    /** NaN and ±∞ become gaps (a blown-up side), so the axis keeps its scale. */
    private static double[] finite(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) if (Double.isInfinite(out[i])) out[i] = Double.NaN;
        return out;
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.0e", v);
    }
}
