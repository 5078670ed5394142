package nnparity.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import nnparity.gradcheck.CrossFrameworkCheck;
import nnparity.gradcheck.GradientCheckReport;
import nnparity.gradcheck.GroupStats;
import nnparity.gradcheck.NumericalCheck;

/**
 * {@code gradcheck.png}: every compared parameter's relative error |a − b| / max(|a|, |b|), one
 * panel per parameter group (W1, b1, …, WL, bL), the element's index in the group along x, on a
 * log axis:
 * <ul>
 *   <li>check 1 (blue circles): the hand-written gradient vs central differences, bound
 *       {@value NumericalCheck#MAX_REL_ERROR};</li>
 *   <li>check 3 (orange diamonds): the hand-written gradient vs DL4J's, bound
 *       {@value CrossFrameworkCheck#MAX_REL_ERROR} (an element also passes at |a − b| ≤ 1e-12,
 *       which is how a tiny gradient can sit above the line and pass);</li>
 *   <li>red ×, along the top: parameters check 1 skipped because their ±ε perturbation crosses a
 *       kink (relu at 0, …), which measures no derivative.</li>
 * </ul>
 * An error of exactly 0 (or below {@link #FLOOR}) is drawn at {@value #FLOOR}.
 */
public final class GradcheckPlot {
    public static final int PANEL_WIDTH = 480;
    public static final int PANEL_HEIGHT = 480;
    public static final int MAX_COLS = 4;
    public static final double FLOOR = 1e-18;

    private GradcheckPlot() {
    }

    public static Picture of(GradientCheckReport report) {
        Charts.headless();
        double top = 1e-5;
        for (GradientCheckReport.Row r : report.rows()) {
            for (double e : r.numerical().elements().relError()) if (e > top) top = e;
            for (double e : r.crossFramework().elements().relError()) if (e > top) top = e;
        }
        double yMax = Math.pow(10, Math.ceil(Math.log10(top)) + 3); // room above the bounds for the legend
        List<XYChart> panels = new ArrayList<>();
        boolean first = true;
        for (GradientCheckReport.Row r : report.rows()) {
            panels.add(panel(r, yMax, first));
            first = false;
        }
        int cols = Math.min(MAX_COLS, panels.size());
        return Charts.picture("gradcheck.png", "Gradient check: each parameter's relative error, checks 1 and 3, per group",
                Charts.grid(panels, cols, PANEL_WIDTH, PANEL_HEIGHT));
    }

    private static XYChart panel(GradientCheckReport.Row r, double yMax, boolean legend) {
        XYChart c = new XYChart(PANEL_WIDTH, PANEL_HEIGHT);
        Charts.style(c.getStyler());
        LossPlot.styleAxes(c);
        c.getStyler().setChartTitleFont(Charts.TITLE.deriveFont(15f));
        c.getStyler().setLegendFont(Charts.CAPTION);
        c.getStyler().setAxisTickLabelsFont(Charts.CAPTION);
        c.setTitle(r.label() + (r.pass() ? "" : " — FAILS"));
        c.setXAxisTitle("element of " + r.group());
        c.setYAxisTitle(legend ? "relative error (0 drawn at " + LossPlot.sci(FLOOR) + ")" : "relative error");
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(FLOOR).setYAxisMax(yMax);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setLegendVisible(legend);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        int size = Math.max(1, r.crossFramework().checked());
        double xMax = Math.max(size, maxIndex(r.numerical()) + 1) - 0.5;
        c.getStyler().setXAxisMin(-0.5).setXAxisMax(Math.max(xMax, 0.5));
        bound(c, "check 1 bound " + LossPlot.sci(NumericalCheck.MAX_REL_ERROR), NumericalCheck.MAX_REL_ERROR, Charts.HAND_WRITTEN, -0.5, xMax);
        bound(c, "check 3 bound " + LossPlot.sci(CrossFrameworkCheck.MAX_REL_ERROR), CrossFrameworkCheck.MAX_REL_ERROR, Charts.DL4J, -0.5, xMax);
        errors(c, "check 1: vs central differences", r.numerical().elements(), new FixedMarker(FixedMarker.Shape.CIRCLE, 7), Charts.HAND_WRITTEN);
        errors(c, "check 3: vs DL4J", r.crossFramework().elements(), new FixedMarker(FixedMarker.Shape.DIAMOND, 8), Charts.DL4J);
        int[] skipped = r.numerical().elements().skipped();
        if (skipped.length > 0) {
            double[] x = new double[skipped.length], y = new double[skipped.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = skipped[k];
                y[k] = yMax / 3;
            }
            XYSeries s = c.addSeries("skipped at a kink (" + skipped.length + ")", x, y);
            s.setMarker(new FixedMarker(FixedMarker.Shape.CROSS, 8));
            s.setMarkerColor(Charts.TOLERANCE);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return c;
    }

    private static int maxIndex(GroupStats g) {
        int m = -1;
        for (int i : g.elements().index()) m = Math.max(m, i);
        for (int i : g.elements().skipped()) m = Math.max(m, i);
        return m;
    }

    private static void errors(XYChart c, String name, GroupStats.Elements e, FixedMarker marker, Color color) {
        if (e.index().length == 0) return;
        double[] x = new double[e.index().length];
        for (int k = 0; k < x.length; k++) x[k] = e.index()[k];
        XYSeries s = c.addSeries(name, x, Charts.floored(e.relError(), FLOOR));
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    private static void bound(XYChart c, String name, double y, Color color, double x0, double x1) {
        XYSeries s = c.addSeries(name, new double[]{x0, x1}, new double[]{y, y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{10f, 5f}, 0f));
        s.setMarker(SeriesMarkers.NONE);
    }
}
