package nnparity.plot;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import nnparity.report.AtomicOutput;

/**
 * {@code benchmarks/run.sh}'s last step: {@code java -cp benchmarks.jar nnparity.plot.BenchmarkPlot
 * RESULTS_DIR} reads the JMH CSV files there (run.sh has JMH write CSV: {@code -rf csv}) and draws
 * the scaling sweep into {@code RESULTS_DIR/sweep.png}: the time of one training step against the
 * batch size, one line per hidden size and side (784-H-10 × batch, hand-written solid, DL4J dashed
 * in the same colour), log-log, so that a slope of 1 is time proportional to the batch.
 *
 * <p>Rows used: {@code HandWrittenBench.step} and {@code Dl4jBench.step} on shapes
 * {@code 784-H-10xB}, the real data ({@code input=data}); DL4J's in double, at its default settings
 * of the suite (1 thread, the DataSet API, workspaces enabled), so both sides compute the same
 * thing. Exit 0 with a note when the folder holds no sweep (e.g. {@code run.sh quick}); exit 2 with
 * one line for a folder that does not exist.
 */
public final class BenchmarkPlot {
    public static final int WIDTH = 1100;
    public static final int HEIGHT = 750;
    static final Pattern SHAPE = Pattern.compile("784-(\\d+)-10x(\\d+)");

    private BenchmarkPlot() {
    }

    /** One measured step: side, hidden size, batch, milliseconds per step. */
    record Point(String side, int hidden, int batch, double millis) {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 1) {
            err.println("usage: BenchmarkPlot RESULTS_DIR (a benchmarks/results/<mode>-<time> folder with JMH CSV files)");
            return 2;
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir)) {
            err.println("BenchmarkPlot: " + dir + " is not a folder; give a benchmarks/results/<mode>-<time> folder with JMH CSV files");
            return 2;
        }
        List<Point> points = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) points.addAll(read(f));
        }
        if (points.isEmpty()) {
            out.println("sweep: none drawn; " + dir + " holds no 784-H-10 training-step results (benchmarks/run.sh full measures the sweep)");
            return 0;
        }
        Picture p = of(points, dir.getFileName().toString());
        Path target = dir.resolve(p.fileName());
        AtomicOutput.writeFile(target, tmp -> Files.write(tmp, p.png()));
        out.println("sweep: " + target);
        return 0;
    }

    /** The sweep's rows of one JMH CSV file (none when it has no step results). */
    static List<Point> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<Point> out = new ArrayList<>();
        if (lines.isEmpty()) return out;
        List<String> header = fields(lines.get(0));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) col.put(header.get(i), i);
        if (!col.containsKey("Benchmark") || !col.containsKey("Score") || !col.containsKey("Param: shape")) return out;
        Map<String, Point> seen = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> f = fields(line);
            String bench = f.get(col.get("Benchmark"));
            String side = bench.endsWith("HandWrittenBench.step") ? "hand-written" : bench.endsWith("Dl4jBench.step") ? "DL4J" : null;
            if (side == null) continue;
            if (!is(f, col, "Param: input", "data") || !is(f, col, "Param: dtype", "double") || !is(f, col, "Param: api", "dataset")
                    || !is(f, col, "Param: workspaces", "ENABLED") || (side.equals("DL4J") && !is(f, col, "Param: threads", "1")))
                continue;
            Matcher m = SHAPE.matcher(f.get(col.get("Param: shape")));
            if (!m.matches()) continue;
            double millis = Double.parseDouble(f.get(col.get("Score"))) * perMillisecond(col.containsKey("Unit") ? f.get(col.get("Unit")) : "us/op");
            Point p = new Point(side, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), millis);
            seen.putIfAbsent(side + " " + p.hidden() + " " + p.batch(), p);
        }
        out.addAll(seen.values());
        return out;
    }

    /** A column that is absent (this file has no such parameter) or has the value. */
    private static boolean is(List<String> f, Map<String, Integer> col, String name, String value) {
        Integer i = col.get(name);
        return i == null || f.get(i).equals(value);
    }

    /** Milliseconds per unit of JMH's average time. */
    static double perMillisecond(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-6;
            case "us/op" -> 1e-3;
            case "ms/op" -> 1;
            case "s/op" -> 1e3;
            default -> throw new IllegalArgumentException("JMH unit " + unit + " is not an average time per op (ns/op, us/op, ms/op, s/op)");
        };
    }

    /** A CSV line's fields, quotes removed (JMH quotes text fields; none holds a comma). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else b.append(c);
        }
        out.add(b.toString());
        return out;
    }

    /** The sweep's chart. */
    static Picture of(List<Point> points, String run) {
        Charts.headless();
        XYChart c = new XYChart(WIDTH, HEIGHT);
        Charts.style(c.getStyler());
        LossPlot.styleAxes(c);
        c.setTitle("One training step, 784-H-10: time against batch size (" + run + ")");
        c.setXAxisTitle("batch size");
        c.setYAxisTitle("milliseconds per step (JMH average)");
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(10);
        TreeMap<Integer, Integer> colour = new TreeMap<>();
        for (Point p : points) colour.putIfAbsent(p.hidden(), 0);
        int k = 0;
        for (Integer h : colour.keySet()) colour.put(h, k++);
        for (String side : List.of("hand-written", "DL4J")) {
            for (int h : colour.keySet()) {
                List<Point> line = points.stream().filter(p -> p.side().equals(side) && p.hidden() == h)
                        .sorted((a, b) -> Integer.compare(a.batch(), b.batch())).toList();
                if (line.isEmpty()) continue;
                double[] x = line.stream().mapToDouble(Point::batch).toArray(), y = line.stream().mapToDouble(Point::millis).toArray();
                XYSeries s = c.addSeries(String.format(Locale.ROOT, "%s, H = %d", side, h), x, y);
                java.awt.Color col = Charts.CLASSES[colour.get(h) % Charts.CLASSES.length];
                s.setLineColor(col);
                s.setMarkerColor(col);
                boolean hand = side.equals("hand-written");
                s.setMarker(hand ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                s.setLineStyle(hand ? new BasicStroke(3f) : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{9f, 6f}, 0f));
            }
        }
        return Charts.picture("sweep.png", "Scaling sweep: time per training step against batch size, both sides", c);
    }
}
