package nnparity.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import nnparity.data.MnistData;
import nnparity.parity.Predictions;
import nnparity.report.EpochTable;
import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * The digits task's pictures:
 * <ul>
 *   <li>{@code accuracy.png}: accuracy per epoch on the training and the test set, both nets
 *       (hand-written solid, DL4J dashed on top);</li>
 *   <li>{@code confusion.png}: the test set's confusion matrix after the last epoch as a heatmap,
 *       rows the actual class, columns the predicted one, labelled with the class names (both
 *       nets' matrices side by side when they differ);</li>
 *   <li>{@code misclassified.png}: the first {@value #MAX_MISCLASSIFIED} test images the
 *       hand-written net gets wrong, each captioned {@code true → predicted};</li>
 *   <li>{@code weights.png}: the first layer's weights, one rows×cols image per hidden unit j,
 *       W1[:, j] reshaped, blue negative, white 0, red positive, each scaled by its own max |w|.</li>
 * </ul>
 * The images are the data's own pixels, scaled up; the charts are XChart's.
 */
public final class DigitsPlots {
    public static final int ACCURACY_WIDTH = 1000;
    public static final int ACCURACY_HEIGHT = 600;
    public static final int CONFUSION_SIZE = 900;
    public static final int MAX_MISCLASSIFIED = 40;
    public static final int MAX_UNITS = 100;
    static final int IMAGE_SCALE = 4;
    static final int WEIGHT_SCALE = 3;

    private DigitsPlots() {
    }

    /**
     * @param epochs               the per-epoch accuracies (may be empty: no accuracy.png)
     * @param confusionHandWritten test confusion after the last epoch [actual][predicted], or null
     * @param confusionDl4j        DL4J's, or null
     * @param classes              class names in label order
     * @param test                 the test set
     * @param testPredictions      both nets' predictions on every test image, or null
     * @param params               the hand-written net's parameters (its first layer is drawn)
     */
    public static List<Picture> of(List<EpochTable.Row> epochs, int[][] confusionHandWritten, int[][] confusionDl4j,
                                   List<String> classes, MnistData test, Predictions testPredictions, ParamSet params) {
        Charts.headless();
        List<Picture> out = new ArrayList<>();
        if (!epochs.isEmpty()) out.add(accuracy(epochs));
        if (confusionHandWritten != null) out.add(confusion(confusionHandWritten, confusionDl4j, classes));
        if (testPredictions != null) out.add(misclassified(test, testPredictions, classes));
        out.add(weights(params.layer(1), test.rows(), test.cols()));
        return out;
    }

    static Picture accuracy(List<EpochTable.Row> rows) {
        XYChart c = new XYChart(ACCURACY_WIDTH, ACCURACY_HEIGHT);
        Charts.style(c.getStyler());
        LossPlot.styleAxes(c);
        c.setTitle("Accuracy per epoch (DL4J's Evaluation), both nets");
        c.setXAxisTitle("epoch");
        c.setYAxisTitle("accuracy");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setMarkerSize(9);
        c.getStyler().setYAxisDecimalPattern("0.00");
        c.getStyler().setXAxisDecimalPattern("0");
        double[] x = new double[rows.size()], trH = new double[x.length], trD = new double[x.length], teH = new double[x.length], teD = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            EpochTable.Row r = rows.get(i);
            x[i] = r.epoch();
            trH[i] = r.trainHandWritten();
            trD[i] = r.trainDl4j();
            teH[i] = r.testHandWritten();
            teD[i] = r.testDl4j();
        }
        if (x.length == 1) c.getStyler().setXAxisMin(x[0] - 1).setXAxisMax(x[0] + 1);
        series(c, "train, hand-written", x, trH, Charts.HAND_WRITTEN, false);
        series(c, "train, DL4J", x, trD, Charts.DL4J, true);
        series(c, "test, hand-written", x, teH, Charts.CLASSES[2], false);
        series(c, "test, DL4J", x, teD, Charts.CLASSES[3], true);
        return Charts.picture("accuracy.png", "Accuracy per epoch, training and test set, both nets", c);
    }

    private static void series(XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{8f, 6f}, 0f) : new BasicStroke(4f));
        s.setMarker(dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    }

    static Picture confusion(int[][] hand, int[][] dl4j, List<String> classes) {
        boolean same = dl4j == null || java.util.Arrays.deepEquals(hand, dl4j);
        if (same) {
            HeatMapChart c = heatmap("Test confusion matrix, both nets (identical)", hand, classes, CONFUSION_SIZE, CONFUSION_SIZE);
            return Charts.picture("confusion.png", "Test-set confusion matrix after the last epoch (the nets' matrices are identical)", c);
        }
        List<HeatMapChart> two = List.of(heatmap("hand-written net", hand, classes, CONFUSION_SIZE, CONFUSION_SIZE),
                heatmap("DL4J net", dl4j, classes, CONFUSION_SIZE, CONFUSION_SIZE));
        return Charts.picture("confusion.png", "Test-set confusion matrices after the last epoch: the nets differ",
                Charts.grid(two, 2, CONFUSION_SIZE, CONFUSION_SIZE));
    }

    /** Rows the actual class (top to bottom in label order), columns the predicted class. */
    private static HeatMapChart heatmap(String title, int[][] m, List<String> classes, int w, int h) {
        HeatMapChart c = new HeatMapChart(w, h, Styler.ChartTheme.XChart); // the (w, h) constructor leaves the heatmap styles unset (XChart 3.8.8)
        Charts.style(c.getStyler());
        c.getStyler().setAxisTitleFont(Charts.AXIS_TITLE);
        c.getStyler().setAxisTickLabelsFont(Charts.TICKS);
        c.setTitle(title);
        c.setXAxisTitle("predicted class");
        c.setYAxisTitle("actual class");
        c.getStyler().setShowValue(true);
        c.getStyler().setValueFont(Charts.CAPTION.deriveFont(13f));
        c.getStyler().setHeatMapValueDecimalPattern("0");
        c.getStyler().setXAxisLabelRotation(classes.stream().anyMatch(s -> s.length() > 2) ? 40 : 0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(0xc6, 0xdb, 0xef), new Color(0x6b, 0xae, 0xd6), new Color(0x08, 0x45, 0x94)});
        c.getStyler().setPlotContentSize(0.95);
        int n = classes.size();
        List<String> ys = new ArrayList<>(classes);
        Collections.reverse(ys); // the first class on top, as the matrix prints
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[]{p, n - 1 - a, m[a][p]});
                max = Math.max(max, m[a][p]);
            }
        }
        c.getStyler().setMin(0).setMax(max);
        c.addSeries("count", new ArrayList<>(classes), ys, cells);
        return c;
    }

    static Picture misclassified(MnistData test, Predictions pred, List<String> classes) {
        List<Integer> wrong = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < test.size(); i++) {
            if (pred.classScratch(i) != test.label(i)) {
                total++;
                if (wrong.size() < MAX_MISCLASSIFIED) wrong.add(i);
            }
        }
        int cols = 8, tileW = 170, tileH = test.rows() * IMAGE_SCALE + 34, top = 50;
        int rows = Math.max(1, (wrong.size() + cols - 1) / cols);
        BufferedImage img = Charts.canvas(cols * tileW, top + rows * tileH + 10);
        Charts.heading(img, String.format(Locale.ROOT, "Misclassified test images (hand-written net): first %d of %d, true → predicted",
                wrong.size(), total), 32);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(Charts.CAPTION.deriveFont(13f));
        for (int t = 0; t < wrong.size(); t++) {
            int i = wrong.get(t), x = (t % cols) * tileW, y = top + (t / cols) * tileH;
            BufferedImage digit = digit(test, i);
            int w = digit.getWidth() * IMAGE_SCALE;
            g.drawImage(digit, x + (tileW - w) / 2, y, w, digit.getHeight() * IMAGE_SCALE, null);
            String caption = classes.get(test.label(i)) + " → " + classes.get(pred.classScratch(i));
            g.setColor(Color.BLACK);
            int cw = g.getFontMetrics().stringWidth(caption);
            g.drawString(caption, x + (tileW - cw) / 2, y + digit.getHeight() * IMAGE_SCALE + 18);
        }
        g.dispose();
        return Charts.picture("misclassified.png", "Misclassified test images, true → predicted", img);
    }

    /** Test image {@code i} as grey pixels, ink dark on white (0 white, 255 black). */
    static BufferedImage digit(MnistData data, int i) {
        BufferedImage b = new BufferedImage(data.cols(), data.rows(), BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < data.rows(); r++) {
            for (int c = 0; c < data.cols(); c++) {
                int v = 255 - data.pixel(i, r * data.cols() + c);
                b.setRGB(c, r, (v << 16) | (v << 8) | v);
            }
        }
        return b;
    }

    static Picture weights(DenseParams w1, int rows, int cols) {
        int units = Math.min(w1.nOut(), MAX_UNITS), per = 10, tile = cols * WEIGHT_SCALE + 12, tileH = rows * WEIGHT_SCALE + 26, top = 50;
        int nCols = Math.min(per, units), nRows = (units + per - 1) / per;
        BufferedImage img = Charts.canvas(Math.max(nCols * tile, 700), top + nRows * tileH + 10);
        Charts.heading(img, "First-layer weights, one image per hidden unit (blue < 0 < red)"
                + (units < w1.nOut() ? String.format(Locale.ROOT, ", first %d of %d units", units, w1.nOut()) : ""), 32);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(Charts.CAPTION);
        g.setColor(Color.BLACK);
        for (int j = 0; j < units; j++) {
            int x = (j % per) * tile + 6, y = top + (j / per) * tileH;
            g.drawImage(weightImage(w1, j, rows, cols), x, y, cols * WEIGHT_SCALE, rows * WEIGHT_SCALE, null);
            g.drawString("unit " + (j + 1), x, y + rows * WEIGHT_SCALE + 15);
        }
        g.dispose();
        return Charts.picture("weights.png", "First-layer weights, one image per hidden unit", img);
    }

    /** W1[:, j] as a rows × cols image: w / max|W1[:, j]| mapped blue (−1) → white (0) → red (+1). */
    static BufferedImage weightImage(DenseParams w1, int j, int rows, int cols) {
        double max = 0;
        for (int i = 0; i < w1.nIn(); i++) max = Math.max(max, Math.abs(w1.w(i, j)));
        BufferedImage b = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < Math.min(w1.nIn(), rows * cols); i++) {
            double v = max == 0 ? 0 : w1.w(i, j) / max;
            b.setRGB(i % cols, i / cols, diverging(v));
        }
        return b;
    }

    /** −1 → blue (0x2166ac), 0 → white, +1 → red (0xb2182b), linear in between. */
    static int diverging(double v) {
        int[] end = v < 0 ? new int[]{0x21, 0x66, 0xac} : new int[]{0xb2, 0x18, 0x2b};
        double a = Math.min(1, Math.abs(v));
        int r = (int) Math.round(255 + (end[0] - 255) * a), gg = (int) Math.round(255 + (end[1] - 255) * a), bb = (int) Math.round(255 + (end[2] - 255) * a);
        return (r << 16) | (gg << 8) | bb;
    }
}
