package nnparity.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;

import nnparity.data.LabelledData;
import nnparity.parity.Predictions;

/**
 * {@code regions.png}: what each net predicts over the square [−2, 2]², side by side. Each panel
 * colours a {@value #CELLS}×{@value #CELLS} grid of points (step 4/({@value #CELLS} − 1) = 0.025)
 * by the class the net gives it, argmax_k p_k(x, y), with the training points on top in their
 * label's colour (ringed in black) and the marked point (the tutorial's (2,2)) as a black diamond.
 * The third panel shows only the grid points where the two nets' classes differ: empty when they
 * agree everywhere.
 *
 * <p>Any net with two inputs can be drawn: the quadrant task, xor, a user's network. The
 * predictions come from {@code predict}, e.g. {@code lockstep::predict}, called once with every
 * grid point.
 */
public final class DecisionRegions {
    public static final int PANEL_WIDTH = 600;
    public static final int WIDTH = 3 * PANEL_WIDTH;
    public static final int HEIGHT = 660;
    /** Grid points per side. */
    public static final int CELLS = 161;
    public static final double RANGE = 2.0;
    /** How much lighter than the class colour a region is (0 = same, 1 = white). */
    static final double REGION_LIGHTNESS = 0.55;
    /** A grid point's square, a little larger than the ≈ 3 px between grid points, so the squares tile. */
    static final double CELL_PIXELS = 4.5;
    static final Color DIFFER = new Color(0xd6, 0x27, 0x28);

    private DecisionRegions() {
    }

    /** The x (and y) coordinate of grid column (row) {@code i}: −2 + i · 4/(CELLS − 1). */
    static double coord(int i) {
        return -RANGE + i * (2 * RANGE / (CELLS - 1));
    }

    /**
     * @param predict    both nets' probabilities on a list of (x, y) points
     * @param training   the training set (two features), drawn as points
     * @param classNames one name per class, e.g. I, II, III, IV
     * @param marked     a point to mark, e.g. {2, 2}, or null
     */
    public static Picture of(Function<List<double[]>, Predictions> predict, LabelledData training, List<String> classNames, double[] marked) {
        Charts.headless();
        if (training.nFeatures() != 2)
            throw new IllegalArgumentException("decision regions need two inputs; this data has " + training.nFeatures());
        List<double[]> grid = new ArrayList<>(CELLS * CELLS);
        for (int r = 0; r < CELLS; r++) for (int c = 0; c < CELLS; c++) grid.add(new double[]{coord(c), coord(r)});
        Predictions p = predict.apply(grid);
        int n = grid.size(), nClasses = classNames.size();
        int[] hand = new int[n], dl4j = new int[n];
        int differ = 0;
        for (int i = 0; i < n; i++) {
            hand[i] = p.classScratch(i);
            dl4j[i] = p.classDl4j(i);
            if (hand[i] != dl4j[i]) differ++;
        }
        List<XYChart> panels = List.of(
                regions("hand-written net: predicted class", grid, hand, nClasses, classNames, training, marked),
                regions("DL4J net: predicted class", grid, dl4j, nClasses, classNames, training, marked),
                difference(grid, hand, dl4j, differ, training, marked));
        BufferedImage img = Charts.grid(panels, 3, PANEL_WIDTH, HEIGHT);
        return Charts.picture("regions.png", String.format(Locale.ROOT,
                "Decision regions over [-2,2]², both nets; classes differ at %d of %d grid points", differ, n), img);
    }

    private static XYChart panel(String title) {
        XYChart c = new XYChart(PANEL_WIDTH, HEIGHT);
        Charts.style(c.getStyler());
        LossPlot.styleAxes(c);
        c.setTitle(title);
        c.setXAxisTitle("x₁");
        c.setYAxisTitle("x₂");
        double half = RANGE / (CELLS - 1);
        c.getStyler().setXAxisMin(-RANGE - half).setXAxisMax(RANGE + half).setYAxisMin(-RANGE - half).setYAxisMax(RANGE + half);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setPlotMargin(0);
        return c;
    }

    /** One net's classes: a square marker per grid point, one series per class. */
    private static XYChart regions(String title, List<double[]> grid, int[] cls, int nClasses, List<String> names,
                                   LabelledData training, double[] marked) {
        XYChart c = panel(title);
        for (int k = 0; k < nClasses; k++) {
            double[][] xy = select(grid, cls, k);
            if (xy[0].length == 0) continue;
            cells(c, names.get(k), xy, Charts.lighter(color(k), REGION_LIGHTNESS));
        }
        trainingPoints(c, training, true);
        mark(c, marked);
        return c;
    }

    private static XYChart difference(List<double[]> grid, int[] hand, int[] dl4j, int differ, LabelledData training, double[] marked) {
        XYChart c = panel(differ == 0 ? "Where the classes differ: nowhere" : "Where the classes differ: " + differ + " points");
        int[] d = new int[hand.length];
        for (int i = 0; i < d.length; i++) d[i] = hand[i] != dl4j[i] ? 1 : 0;
        double[][] xy = select(grid, d, 1);
        if (xy[0].length > 0) cells(c, "classes differ", xy, DIFFER);
        trainingPoints(c, training, false);
        mark(c, marked);
        return c;
    }

    private static void cells(XYChart c, String name, double[][] xy, Color color) {
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setMarker(new FixedMarker(FixedMarker.Shape.SQUARE, CELL_PIXELS));
        s.setMarkerColor(color);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    /**
     * Training points, one series per label, each over a black ring; coloured by label in the class
     * panels, grey in the difference panel. One legend entry stands for them all.
     */
    private static void trainingPoints(XYChart c, LabelledData data, boolean byLabel) {
        int nClasses = data.nClasses();
        double[] buf = new double[2];
        List<List<double[]>> perClass = new ArrayList<>();
        for (int k = 0; k < nClasses; k++) perClass.add(new ArrayList<>());
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, buf, 0);
            perClass.get(data.label(i)).add(buf.clone());
        }
        boolean first = true;
        for (int k = 0; k < nClasses; k++) {
            if (perClass.get(k).isEmpty()) continue;
            double[][] xy = columns(perClass.get(k));
            points(c, "ring " + k, xy, new FixedMarker(FixedMarker.Shape.CIRCLE, 15), Color.BLACK, false);
            String name = first ? (byLabel ? "training points (label's colour)" : "training points") : "training points " + k;
            points(c, name, xy, new FixedMarker(FixedMarker.Shape.CIRCLE, 11), byLabel ? color(k) : Charts.GREY, first);
            first = false;
        }
    }

    private static XYSeries points(XYChart c, String name, double[][] xy, Marker marker, Color color, boolean legend) {
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setShowInLegend(legend);
        return s;
    }

    private static void mark(XYChart c, double[] marked) {
        if (marked == null) return;
        String name = "(" + fmt(marked[0]) + ", " + fmt(marked[1]) + ")";
        XYSeries s = c.addSeries(name, new double[]{marked[0]}, new double[]{marked[1]});
        s.setMarker(new FixedMarker(FixedMarker.Shape.DIAMOND, 20));
        s.setMarkerColor(Color.BLACK);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static Color color(int k) {
        return Charts.CLASSES[k % Charts.CLASSES.length];
    }

    private static double[][] select(List<double[]> grid, int[] cls, int k) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < cls.length; i++) if (cls[i] == k) out.add(grid.get(i));
        return columns(out);
    }

    private static double[][] columns(List<double[]> pts) {
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new double[][]{x, y};
    }
}
