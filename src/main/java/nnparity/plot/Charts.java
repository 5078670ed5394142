package nnparity.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * What every picture shares: headless AWT, one look (fonts, colours, white background), and the
 * step from XChart charts to PNG bytes. Several charts are composed into one PNG by letting each
 * chart paint itself into its cell of a grid (XChart's own {@code paint}); nothing is drawn by hand
 * but captions of raw images.
 */
final class Charts {
    static {
        // Before any AWT class loads: the main job runs inside Maven's JVM (exec:java) and on CI with no display.
        System.setProperty("java.awt.headless", "true");
    }

    /** The hand-written side's colour (blue) and DL4J's (orange), in every picture. */
    static final Color HAND_WRITTEN = new Color(0x1f, 0x77, 0xb4);
    static final Color DL4J = new Color(0xff, 0x7f, 0x0e);
    static final Color TOLERANCE = new Color(0xd6, 0x27, 0x28);
    static final Color GREY = new Color(0x7f, 0x7f, 0x7f);
    /** Distinct class colours (matplotlib's tab10), e.g. quadrant I..IV, digits 0..9. */
    static final Color[] CLASSES = {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c),
            new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2),
            new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf)};

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {
    }

    /** Makes sure the headless property is set (loading this class sets it). */
    static void headless() {
        // the static initializer did the work
    }

    /** The shared look: white, readable fonts, legend inside the plot. */
    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(TITLE);
        s.setLegendFont(LEGEND);
        s.setAntiAlias(true);
        s.setChartTitleBoxVisible(false);
        s.setPlotBorderVisible(true);
        s.setLegendBorderColor(GREY);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
    }

    /** A lighter shade of {@code c}: {@code amount} 0 is c, 1 is white. */
    static Color lighter(Color c, double amount) {
        return new Color(mix(c.getRed(), amount), mix(c.getGreen(), amount), mix(c.getBlue(), amount));
    }

    private static int mix(int v, double amount) {
        return (int) Math.round(v + (255 - v) * amount);
    }

    /** A blank canvas with antialiased text, for composing charts and images. */
    static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** Paints {@code chart} into the {@code w × h} cell at (x, y) of {@code img}. */
    static void paintInto(BufferedImage img, Chart<?, ?> chart, int x, int y, int w, int h) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.translate(x, y);
        g.setClip(0, 0, w, h);
        chart.paint(g, w, h);
        g.dispose();
    }

    /** Charts laid out in a grid of {@code cols} columns, each {@code cellW × cellH}. */
    static BufferedImage grid(List<? extends Chart<?, ?>> charts, int cols, int cellW, int cellH) {
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage img = canvas(cols * cellW, rows * cellH);
        for (int i = 0; i < charts.size(); i++) paintInto(img, charts.get(i), (i % cols) * cellW, (i / cols) * cellH, cellW, cellH);
        return img;
    }

    /** One chart as a picture. */
    static Picture picture(String fileName, String title, Chart<?, ?> chart) {
        BufferedImage img = canvas(chart.getWidth(), chart.getHeight());
        paintInto(img, chart, 0, 0, chart.getWidth(), chart.getHeight());
        return picture(fileName, title, img);
    }

    /** An image as a picture: PNG-encoded (ImageIO's encoder writes no time stamp, so equal pixels give equal bytes). */
    static Picture picture(String fileName, String title, BufferedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", bytes)) throw new IllegalStateException("this JVM has no PNG encoder");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return new Picture(fileName, title, bytes.toByteArray());
    }

    /** A title line drawn above composed charts (the picture's own heading, centred). */
    static void heading(BufferedImage img, String text, int y) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (img.getWidth() - w) / 2, y);
        g.dispose();
    }

    /** Values for a log axis: anything ≤ floor (0 included) is drawn at {@code floor}; NaN stays a gap. */
    static double[] floored(double[] v, double floor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Double.isNaN(v[i]) ? Double.NaN : Math.max(floor, Double.isInfinite(v[i]) ? Double.MAX_VALUE : v[i]);
        return out;
    }
}
