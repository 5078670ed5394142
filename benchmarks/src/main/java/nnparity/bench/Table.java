package nnparity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the README's table from JMH's CSV results ({@code -rf csv}): for every shape and pass
 * (training step, inference), the time of each side, the ratio DL4J / hand-written and each
 * side's GFLOP/s by the flop count of {@link Shape}. Where several DL4J setups were measured for
 * one case, the fastest is shown and its non-default knobs are named. Then the epoch and the
 * kernel baselines, and the machine.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar nnparity.bench.Table results/*.csv
 * </pre>
 */
public final class Table {
    private Table() {
    }

    /** One JMH result row: benchmark class and method, parameters, time in µs and its error. */
    record Result(String bench, String method, Map<String, String> params, double micros, double errMicros) {
        String param(String k) {
            return params.getOrDefault(k, "");
        }

        /** The DL4J knobs that differ from their defaults, e.g. {@code threads=1}. */
        String knobs() {
            List<String> k = new ArrayList<>();
            String t = param("threads");
            if (!t.isEmpty() && !t.equals("default") && !t.equals("auto")) k.add("threads=" + t);
            if (!param("workspaces").isEmpty() && !param("workspaces").equals("ENABLED")) k.add("ws=" + param("workspaces"));
            if (!param("api").isEmpty() && !param("api").equals("dataset")) k.add("fit(arrays)");
            return String.join(",", k);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Table results.csv [more.csv ...]");
            System.exit(2);
        }
        List<Result> rs = new ArrayList<>();
        for (String a : args) rs.addAll(read(Path.of(a)));
        System.out.print(render(rs));
    }

    static String render(List<Result> rs) {
        StringBuilder out = new StringBuilder();
        // shape → pass → side → fastest result
        Map<String, Map<String, Map<String, Result>>> best = new TreeMap<>(Table::compareShapes);
        for (Result r : rs) {
            String side = switch (r.bench()) {
                case "HandWrittenBench" -> "hand";
                case "Dl4jBench" -> r.param("dtype").equals("float") ? "dl4jFloat" : "dl4j";
                default -> null;
            };
            if (side == null || r.method().equals("baseline") || !r.param("input").equals("data") && !r.param("input").isEmpty()) continue;
            best.computeIfAbsent(r.param("shape"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.method(), k -> new HashMap<>())
                    .merge(side, r, (a, b) -> a.micros() <= b.micros() ? a : b);
        }
        out.append("| net, batch | pass | hand-written | DL4J (double) | DL4J / hand-written | hand-written GFLOP/s | DL4J GFLOP/s | DL4J (float) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (var byShape : best.entrySet()) {
            Shape s = Shape.parse(byShape.getKey());
            for (String pass : List.of("step", "infer")) {
                Map<String, Result> sides = byShape.getValue().get(pass);
                if (sides == null) continue;
                double flops = pass.equals("step") ? s.stepFlops() : s.forwardFlops();
                Result h = sides.get("hand"), d = sides.get("dl4j"), f = sides.get("dl4jFloat");
                out.append("| ").append(s.nIn()).append('-').append(s.hidden()).append('-').append(s.nOut())
                        .append(", ").append(s.batch())
                        .append(" | ").append(pass.equals("step") ? "train step" : "inference")
                        .append(" | ").append(time(h))
                        .append(" | ").append(time(d))
                        .append(" | ").append(h != null && d != null ? ratio(d.micros() / h.micros()) : "–")
                        .append(" | ").append(gflops(flops, h))
                        .append(" | ").append(gflops(flops, d))
                        .append(" | ").append(time(f))
                        .append(" |\n");
            }
        }
        appendSetups(out, rs);
        appendOthers(out, rs);
        out.append('\n').append(Machine.describe()).append('\n');
        return out.toString();
    }

    /** When one DL4J case was measured in several setups: all of them, fastest first. */
    private static void appendSetups(StringBuilder out, List<Result> rs) {
        Map<String, List<Result>> cases = new TreeMap<>();
        for (Result r : rs) {
            if (!(r.bench().equals("Dl4jBench") || r.bench().equals("HandWrittenBench")) || r.method().equals("baseline")) continue;
            String side = r.bench().equals("Dl4jBench") ? "DL4J " + r.param("dtype") : "hand-written";
            cases.computeIfAbsent(r.param("shape") + " " + r.method() + ", " + side + ", input " + r.param("input"),
                    k -> new ArrayList<>()).add(r);
        }
        boolean header = false;
        for (var e : cases.entrySet()) {
            if (e.getValue().size() < 2) continue;
            if (!header) {
                out.append("\nSetups measured (DL4J threads: ND4J's OpenMP and OpenBLAS; ws: workspaces; fit(DataSet) or fit(arrays);"
                        + " hand-written threads: the kernel's):\n");
                header = true;
            }
            List<Result> l = new ArrayList<>(e.getValue());
            l.sort((a, b) -> Double.compare(a.micros(), b.micros()));
            List<String> cells = new ArrayList<>();
            for (Result r : l) {
                cells.add(r.bench().equals("HandWrittenBench")
                        ? String.format(Locale.ROOT, "threads=%s %s µs", r.param("threads"), num(r.micros()))
                        : String.format(Locale.ROOT, "threads=%s ws=%s fit(%s) %s µs", r.param("threads"), r.param("workspaces"),
                                r.param("api").equals("arrays") ? "arrays" : "DataSet", num(r.micros())));
            }
            out.append("- ").append(e.getKey()).append(": ").append(String.join("; ", cells)).append('\n');
        }
    }

    private static void appendOthers(StringBuilder out, List<Result> rs) {
        List<String> lines = new ArrayList<>();
        for (Result r : rs) {
            if (r.bench().equals("EpochBench") && !r.method().equals("baseline")) {
                lines.add(String.format(Locale.ROOT, "- One Fashion-MNIST epoch (60,000 images, 600 steps of 100, batch conversion included), %s: %.3f s ± %.3f",
                        r.method().equals("handWritten") ? "hand-written" : "DL4J", r.micros() / 1e6, r.errMicros() / 1e6));
            }
            if (r.bench().equals("EpochBench") && r.method().equals("baseline")) {
                lines.add(String.format(Locale.ROOT, "- of which converting the 600 batches from bytes (Batch.of): %.3f s", r.micros() / 1e6));
            }
            if (r.bench().equals("KernelBench") && !r.method().equals("baseline")) {
                Shape s = Shape.parse(r.param("shape"));
                double flops = 2.0 * s.batch() * s.nIn() * s.hidden();
                lines.add(String.format(Locale.ROOT, "- x·W1 [%d×%d]·[%d×%d], %s: %s µs, %.1f GFLOP/s",
                        s.batch(), s.nIn(), s.nIn(), s.hidden(),
                        r.method().equals("textbook") ? "textbook triple loop" : "tuned kernel (Matrix.times)",
                        num(r.micros()), flops / r.micros() / 1e3));
            }
            if (!r.param("input").equals("dense")) continue;
            if (r.bench().equals("HandWrittenBench") || r.bench().equals("Dl4jBench")) {
                Shape s = Shape.parse(r.param("shape"));
                double flops = r.method().equals("step") ? s.stepFlops() : s.forwardFlops();
                if (!r.method().equals("baseline"))
                    lines.add(String.format(Locale.ROOT, "- dense inputs (noise, no zeros), %s %s %s: %s µs, %.1f GFLOP/s",
                            s, r.bench().equals("HandWrittenBench") ? "hand-written" : "DL4J " + r.param("dtype"),
                            r.method().equals("step") ? "train step" : "inference", num(r.micros()), flops / r.micros() / 1e3));
            }
        }
        if (!lines.isEmpty()) out.append('\n').append(String.join("\n", lines)).append('\n');
    }

    private static String time(Result r) {
        if (r == null) return "–";
        String t = num(r.micros()) + " µs";
        if (r.micros() > 0 && r.errMicros() > 0) t += String.format(Locale.ROOT, " ±%.0f%%", 100 * r.errMicros() / r.micros());
        String k = r.knobs();
        return k.isEmpty() ? t : t + " (" + k + ")";
    }

    private static String gflops(double flops, Result r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.1f", flops / r.micros() / 1e3);
    }

    private static String ratio(double x) {
        return x >= 10 ? String.format(Locale.ROOT, "%.0f×", x) : String.format(Locale.ROOT, "%.1f×", x);
    }

    private static String num(double micros) {
        if (micros >= 100) return String.format(Locale.ROOT, "%,.0f", micros);
        if (micros >= 10) return String.format(Locale.ROOT, "%.1f", micros);
        return String.format(Locale.ROOT, "%.2f", micros);
    }

    /** By input size, hidden size, batch. */
    private static int compareShapes(String a, String b) {
        Shape x = Shape.parse(a), y = Shape.parse(b);
        int c = Integer.compare(x.nIn(), y.nIn());
        if (c == 0) c = Integer.compare(x.hidden(), y.hidden());
        if (c == 0) c = Integer.compare(x.batch(), y.batch());
        return c;
    }

    /** Reads JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: …". */
    static List<Result> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) return List.of();
        List<String> head = fields(lines.get(0));
        int iBench = head.indexOf("Benchmark"), iScore = head.indexOf("Score"), iErr = head.indexOf("Score Error (99.9%)"),
                iUnit = head.indexOf("Unit");
        List<Result> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> f = fields(line);
            String[] name = f.get(iBench).split("\\.");
            if (name.length < 2) continue;
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < head.size(); i++) {
                if (head.get(i).startsWith("Param: ") && i < f.size() && !f.get(i).isEmpty())
                    params.put(head.get(i).substring("Param: ".length()), f.get(i));
            }
            double scale = switch (f.get(iUnit)) {
                case "ns/op" -> 1e-3;
                case "us/op" -> 1;
                case "ms/op" -> 1e3;
                case "s/op" -> 1e6;
                default -> throw new IllegalArgumentException("unit " + f.get(iUnit) + " is not a time per op; run JMH with -bm avgt or ss");
            };
            double err = f.get(iErr).isEmpty() || f.get(iErr).equals("NaN") ? Double.NaN : Double.parseDouble(f.get(iErr)) * scale;
            out.add(new Result(name[name.length - 2], name[name.length - 1], params, Double.parseDouble(f.get(iScore)) * scale, err));
        }
        return out;
    }

    /** One CSV line's fields; quotes are stripped, "" inside quotes is a quote. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
