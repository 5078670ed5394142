package nnparity.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
 * <p>Each grid point owns the cell of side 0.025 around it. A class's cells are drawn as one XChart
 * polygon series ({@link #rectangles}: runs of equal class along a row, stacked while the rows
 * repeat), each rectangle grown by {@value #CELL_OVERLAP} of a cell on every side so that
 * neighbouring classes overlap by a pixel instead of leaving an antialiased seam. The picture is the
 * same grid as one square marker per point (how it was drawn before), at a few hundred rectangles
 * instead of 2 × 25,921 markers (docs/plots.md has the cost of each).
 *
 * <p>Any net with two inputs can be drawn: the quadrant task, xor, a user's network. The
 * predictions come from {@code predict}, e.g. {@code lockstep::predict}, called with
 * {@value #ROWS_PER_CALL} grid rows at a time ({@link #classify}).
 */
public final class DecisionRegions {
    public static final int PANEL_WIDTH = 600;
    public static final int WIDTH = 3 * PANEL_WIDTH;
    public static final int HEIGHT = 660;
    /** Grid points per side. */
    public static final int CELLS = 161;
    public static final double RANGE = 2.0;
    /** Grid rows per call of the nets ({@link #classify}): 8 × 161 = 1,288 points. */
    static final int ROWS_PER_CALL = 8;
    /** How much lighter than the class colour a region is (0 = same, 1 = white). */
    static final double REGION_LIGHTNESS = 0.55;
    /** How far each rectangle of cells reaches past its cells' edges, in cells (≈ 0.75 px at ≈ 3 px a cell). */
    static final double CELL_OVERLAP = 0.25;
    static final Color DIFFER = new Color(0xd6, 0x27, 0x28);

    private DecisionRegions() {
    }

    /** The x (and y) coordinate of grid column (row) {@code i}: −2 + i · 4/(CELLS − 1). */
    static double coord(int i) {
        return -RANGE + i * (2 * RANGE / (CELLS - 1));
    }

    /**
     * Both nets' classes at the grid points, row by row from (−2, −2): column c and row r at index
     * r · {@value #CELLS} + c.
     *
     * @param hand the hand-written net's class at each grid point
     * @param dl4j DL4J's
     */
    public record Classes(int[] hand, int[] dl4j) {
        public Classes {
            if (hand.length != CELLS * CELLS || dl4j.length != CELLS * CELLS)
                throw new IllegalArgumentException("a class for each of the " + CELLS + "² grid points, not " + hand.length + " and " + dl4j.length);
            hand = hand.clone();
            dl4j = dl4j.clone();
        }

        @Override
        public int[] hand() {
            return hand.clone();
        }

        @Override
        public int[] dl4j() {
            return dl4j.clone();
        }

        /** How many grid points the nets put in different classes. */
        public int differ() {
            int n = 0;
            for (int i = 0; i < hand.length; i++) if (hand[i] != dl4j[i]) n++;
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Classes c && Arrays.equals(hand, c.hand) && Arrays.equals(dl4j, c.dl4j);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(hand) + Arrays.hashCode(dl4j);
        }

        @Override
        public String toString() {
            return "Classes(" + CELLS + "² grid points, " + differ() + " differ)";
        }
    }

    /**
     * Both nets' classes on the grid, argmax of their probabilities, asking {@code predict} for
     * {@value #ROWS_PER_CALL} grid rows at a time: DL4J's first {@code output} on all 25,921 points
     * at once took 0.22–0.57 s, on batches of 1,288 points 0.07 s in all (measured; docs/plots.md).
     * Uses the nets: call it on the thread that owns them, not while they train or predict.
     */
    public static Classes classify(Function<List<double[]>, Predictions> predict) {
        int[] hand = new int[CELLS * CELLS], dl4j = new int[CELLS * CELLS];
        for (int r0 = 0; r0 < CELLS; r0 += ROWS_PER_CALL) {
            int r1 = Math.min(CELLS, r0 + ROWS_PER_CALL);
            List<double[]> pts = new ArrayList<>((r1 - r0) * CELLS);
            for (int r = r0; r < r1; r++) for (int c = 0; c < CELLS; c++) pts.add(new double[]{coord(c), coord(r)});
            Predictions p = predict.apply(pts);
            for (int i = 0; i < pts.size(); i++) {
                hand[r0 * CELLS + i] = p.classScratch(i);
                dl4j[r0 * CELLS + i] = p.classDl4j(i);
            }
        }
        return new Classes(hand, dl4j);
    }

    /**
     * The picture of what {@code predict} (both nets' probabilities on a list of (x, y) points)
     * gives on the grid: {@link #classify} then {@link #of(Classes, LabelledData, List, double[])}.
     */
    public static Picture of(Function<List<double[]>, Predictions> predict, LabelledData training, List<String> classNames, double[] marked) {
        requireTwoInputs(training);
        return of(classify(predict), training, classNames, marked);
    }

    /**
     * The picture of both nets' classes on the grid. Touches no net: it can be drawn on any thread.
     *
     * @param classes    both nets' classes at the grid points ({@link #classify})
     * @param training   the training set (two features), drawn as points
     * @param classNames one name per class, e.g. I, II, III, IV
     * @param marked     a point to mark, e.g. {2, 2}, or null
     */
    public static Picture of(Classes classes, LabelledData training, List<String> classNames, double[] marked) {
        Charts.headless();
        requireTwoInputs(training);
        int[] hand = classes.hand, dl4j = classes.dl4j;
        int n = hand.length, nClasses = classNames.size(), differ = classes.differ();
        List<XYChart> panels = List.of(
                regions("hand-written net: predicted class", hand, nClasses, classNames, training, marked),
                regions("DL4J net: predicted class", dl4j, nClasses, classNames, training, marked),
                difference(hand, dl4j, differ, training, marked));
        BufferedImage img = Charts.grid(panels, 3, PANEL_WIDTH, HEIGHT);
        return Charts.picture("regions.png", String.format(Locale.ROOT,
                "Decision regions over [-2,2]², both nets; classes differ at %d of %d grid points", differ, n), img);
    }

    private static void requireTwoInputs(LabelledData training) {
        if (training.nFeatures() != 2)
            throw new IllegalArgumentException("decision regions need two inputs; this data has " + training.nFeatures());
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

    /** One net's classes: one polygon series per class. */
    private static XYChart regions(String title, int[] cls, int nClasses, List<String> names,
                                   LabelledData training, double[] marked) {
        XYChart c = panel(title);
        for (int k = 0; k < nClasses; k++) {
            List<int[]> rects = rectangles(cls, k);
            if (rects.isEmpty()) continue;
            cells(c, names.get(k), rects, Charts.lighter(color(k), REGION_LIGHTNESS));
        }
        trainingPoints(c, training, true);
        mark(c, marked);
        return c;
    }

    private static XYChart difference(int[] hand, int[] dl4j, int differ, LabelledData training, double[] marked) {
        XYChart c = panel(differ == 0 ? "Where the classes differ: nowhere" : "Where the classes differ: " + differ + " points");
        int[] d = new int[hand.length];
        for (int i = 0; i < d.length; i++) d[i] = hand[i] != dl4j[i] ? 1 : 0;
        List<int[]> rects = rectangles(d, 1);
        if (!rects.isEmpty()) cells(c, "classes differ", rects, DIFFER);
        trainingPoints(c, training, false);
        mark(c, marked);
        return c;
    }

    /**
     * The grid cells whose class is {@code k} ({@code cls} row by row, {@value #CELLS} to a row), as
     * rectangles {c0, c1, r0, r1} of whole cells (columns c0..c1, rows r0..r1, inclusive): each row's
     * runs of class k, a run extending the rectangle above it when the row before had the same run.
     * In the order they are closed, then by first row: the same classes give the same list.
     */
    static List<int[]> rectangles(int[] cls, int k) {
        if (cls.length != CELLS * CELLS) throw new IllegalArgumentException("a grid of " + CELLS + "² classes, not " + cls.length);
        List<int[]> done = new ArrayList<>();
        List<int[]> open = new ArrayList<>();
        for (int r = 0; r < CELLS; r++) {
            List<int[]> next = new ArrayList<>();
            for (int c = 0; c < CELLS; c++) {
                if (cls[r * CELLS + c] != k) continue;
                int c1 = c;
                while (c1 + 1 < CELLS && cls[r * CELLS + c1 + 1] == k) c1++;
                int[] above = null;
                for (int[] o : open) if (o[0] == c && o[1] == c1) above = o;
                if (above != null) {
                    open.remove(above);
                    above[3] = r;
                    next.add(above);
                } else {
                    next.add(new int[]{c, c1, r, r});
                }
                c = c1;
            }
            done.addAll(open);
            open = next;
        }
        done.addAll(open);
        return done;
    }

    /**
     * Rectangles of cells as one polygon series: the path visits each rectangle (corners in the same
     * turning order, each grown by {@link #CELL_OVERLAP}) from the first rectangle's corner and goes
     * back along the same line, so the filled shape is exactly their union (the way out and back
     * cancel under the non-zero winding rule) and is filled, antialiased, in one piece.
     */
    private static void cells(XYChart c, String name, List<int[]> rects, Color color) {
        int n = rects.size() * 6 + 1;
        double[] x = new double[n], y = new double[n];
        double half = 2 * RANGE / (CELLS - 1) * (0.5 + CELL_OVERLAP);
        x[0] = coord(rects.get(0)[0]) - half;
        y[0] = coord(rects.get(0)[2]) - half;
        int i = 1;
        for (int[] rc : rects) {
            double x0 = coord(rc[0]) - half, x1 = coord(rc[1]) + half, y0 = coord(rc[2]) - half, y1 = coord(rc[3]) + half;
            double[][] corners = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}, {x[0], y[0]}};
            for (double[] p : corners) {
                x[i] = p[0];
                y[i++] = p[1];
            }
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(color);
        s.setLineColor(color);
        s.setLineStyle(SeriesLines.NONE);
        s.setMarker(SeriesMarkers.NONE);
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

    private static double[][] columns(List<double[]> pts) {
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new double[][]{x, y};
    }
}
