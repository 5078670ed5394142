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

    /**
     * One result: benchmark class and method, parameters, time in µs and its error; when the same
     * case was measured in several rounds ({@link #merge}), the median of the rounds' times, their
     * min and max, and the number of rounds.
     */
    record Result(String bench, String method, Map<String, String> params, double micros, double errMicros,
                  double min, double max, int rounds) {
        Result(String bench, String method, Map<String, String> params, double micros, double errMicros) {
            this(bench, method, params, micros, errMicros, micros, micros, 1);
        }

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
            if (param("openblas").equals("unset")) k.add("OPENBLAS_* unset");
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
        System.out.print(render(merge(rs)));
    }

    /**
     * The rounds of one case (same benchmark, method and parameters) as one result: the median of
     * their times (the lower middle one for an even count), their min and max.
     */
    static List<Result> merge(List<Result> rs) {
        Map<String, List<Result>> byCase = new LinkedHashMap<>();
        for (Result r : rs) byCase.computeIfAbsent(r.bench() + "." + r.method() + new TreeMap<>(r.params()), k -> new ArrayList<>()).add(r);
        List<Result> out = new ArrayList<>();
        for (List<Result> l : byCase.values()) {
            if (l.size() == 1) {
                out.add(l.get(0));
                continue;
            }
            double[] t = l.stream().mapToDouble(Result::micros).sorted().toArray();
            Result f = l.get(0);
            out.add(new Result(f.bench(), f.method(), f.params(), t[(t.length - 1) / 2], Double.NaN, t[0], t[t.length - 1], t.length));
        }
        return out;
    }

    /** The hand-written side's default setup: the kernel's own choice of threads. */
    static boolean defaultHand(Result r) {
        return r.param("threads").isEmpty() || r.param("threads").equals("auto");
    }

    static String render(List<Result> rs) {
        StringBuilder out = new StringBuilder();
        double peak = Machine.peakGflops();
        // shape → pass → side → fastest result
        Map<String, Map<String, Map<String, Result>>> best = new TreeMap<>(Table::compareShapes);
        for (Result r : rs) {
            String side = switch (r.bench()) {
                case "HandWrittenBench" -> defaultHand(r) ? "hand" : null;
                case "Dl4jBench" -> r.param("dtype").equals("float") ? "dl4jFloat" : "dl4j";
                case "NumpyStep" -> "numpy";
                default -> null;
            };
            if (side == null || r.method().equals("baseline") || !r.param("input").equals("data") && !r.param("input").isEmpty()) continue;
            best.computeIfAbsent(r.param("shape"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.method(), k -> new HashMap<>())
                    .merge(side, r, (a, b) -> a.micros() <= b.micros() ? a : b);
        }
        boolean floats = rs.stream().anyMatch(r -> r.param("dtype").equals("float"));
        out.append("| net, batch | pass | hand-written | numpy (fastest setup) | hand-written / numpy | DL4J (double) | DL4J / numpy | DL4J / hand-written"
                + " | hand-written GFLOP/s (% of peak) | numpy GFLOP/s (% of peak) | DL4J GFLOP/s (% of peak) |" + (floats ? " DL4J (float) |" : "") + "\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (floats ? "---:|" : "") + "\n");
        for (var byShape : best.entrySet()) {
            Shape s = Shape.parse(byShape.getKey());
            for (String pass : List.of("step", "infer")) {
                Map<String, Result> sides = byShape.getValue().get(pass);
                if (sides == null) continue;
                double flops = pass.equals("step") ? s.stepFlops() : s.forwardFlops();
                Result h = sides.get("hand"), np = sides.get("numpy"), d = sides.get("dl4j"), f = sides.get("dl4jFloat");
                out.append("| ").append(s.nIn()).append('-').append(s.hidden()).append('-').append(s.nOut())
                        .append(", ").append(s.batch())
                        .append(" | ").append(pass.equals("step") ? "train step" : "inference")
                        .append(" | ").append(time(h))
                        .append(" | ").append(time(np))
                        .append(" | ").append(h != null && np != null ? ratio(h.micros() / np.micros()) : "–")
                        .append(" | ").append(time(d))
                        .append(" | ").append(d != null && np != null ? ratio(d.micros() / np.micros()) : "–")
                        .append(" | ").append(h != null && d != null ? ratio(d.micros() / h.micros()) : "–")
                        .append(" | ").append(gflops(flops, h, peak))
                        .append(" | ").append(gflops(flops, np, peak))
                        .append(" | ").append(gflops(flops, d, peak))
                        .append(" |").append(floats ? " " + time(f) + " |" : "")
                        .append("\n");
            }
        }
        out.append("\nTimes: the median of ").append(rounds(rs)).append(" (min–max); each round ran every side once, in turn."
                + " Ratios and GFLOP/s are of the medians. ").append(Machine.peakNote()).append('\n');
        appendSetups(out, rs);
        appendOthers(out, rs);
        out.append('\n').append(Machine.describe()).append('\n');
        return out.toString();
    }

    /** "5 rounds", or "3–5 rounds" where cases differ. */
    private static String rounds(List<Result> rs) {
        int lo = rs.stream().filter(r -> !r.bench().equals("EpochBench")).mapToInt(Result::rounds).min().orElse(1);
        int hi = rs.stream().mapToInt(Result::rounds).max().orElse(1);
        return (lo == hi ? String.valueOf(hi) : lo + "–" + hi) + (hi == 1 ? " round" : " rounds");
    }

    /** When one case was measured in several setups (DL4J's knobs, the kernel's, numpy's OpenBLAS): all of them, fastest first. */
    private static void appendSetups(StringBuilder out, List<Result> rs) {
        Map<String, List<Result>> cases = new TreeMap<>();
        for (Result r : rs) {
            if (!(r.bench().equals("Dl4jBench") || r.bench().equals("HandWrittenBench") || r.bench().equals("NumpyStep")) || r.method().equals("baseline")) continue;
            String side = switch (r.bench()) {
                case "Dl4jBench" -> "DL4J " + r.param("dtype");
                case "NumpyStep" -> "numpy";
                default -> "hand-written";
            };
            cases.computeIfAbsent(r.param("shape") + " " + r.method() + ", " + side + ", input " + r.param("input"),
                    k -> new ArrayList<>()).add(r);
        }
        boolean header = false;
        for (var e : cases.entrySet()) {
            if (e.getValue().size() < 2) continue;
            if (!header) {
                out.append("\nSetups measured (DL4J threads: ND4J's OpenMP and OpenBLAS; ws: workspaces; openblas: OPENBLAS_CORETYPE and"
                        + " OPENBLAS_L2_SIZE as the environment sets them, or unset; hand-written: the kernel's threads;"
                        + " numpy: the OPENBLAS_* variables and OPENBLAS_NUM_THREADS):\n");
                header = true;
            }
            List<Result> l = new ArrayList<>(e.getValue());
            l.sort((a, b) -> Double.compare(a.micros(), b.micros()));
            List<String> cells = new ArrayList<>();
            for (Result r : l) {
                String setup = switch (r.bench()) {
                    case "HandWrittenBench" -> "threads=" + r.param("threads");
                    case "NumpyStep" -> String.format(Locale.ROOT, "openblas=%s threads=%s%s", r.param("openblas"), r.param("threads"), malloc(r));
                    default -> String.format(Locale.ROOT, "threads=%s ws=%s fit(%s)%s", r.param("threads"), r.param("workspaces"),
                            r.param("api").equals("arrays") ? "arrays" : "DataSet", r.param("openblas").isEmpty() ? "" : " openblas=" + r.param("openblas"));
                };
                cells.add(setup + " " + spread(r));
            }
            out.append("- ").append(e.getKey()).append(": ").append(String.join("; ", cells)).append('\n');
        }
    }

    /** "732 µs (701–880)" for several rounds, "732 µs" for one. */
    private static String spread(Result r) {
        String t = num(r.micros()) + " µs";
        return r.rounds() > 1 ? t + " (" + num(r.min()) + "–" + num(r.max()) + ")" : t;
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
        String t = spread(r);
        if (r.rounds() == 1 && r.micros() > 0 && r.errMicros() > 0) t += String.format(Locale.ROOT, " ±%.0f%%", 100 * r.errMicros() / r.micros());
        String k = r.bench().equals("NumpyStep") ? "openblas=" + r.param("openblas") + ", threads=" + r.param("threads") + malloc(r) : r.knobs();
        return k.isEmpty() ? t : t + " (" + k + ")";
    }

    /** numpy's malloc setup where it is not glibc's default (numpy_step.py's {@code malloc} column). */
    private static String malloc(Result r) {
        String m = r.param("malloc");
        return m.isEmpty() || m.equals("default") ? "" : ", malloc " + m;
    }

    private static String gflops(double flops, Result r, double peak) {
        if (r == null) return "–";
        double g = flops / r.micros() / 1e3;
        return peak > 0 ? String.format(Locale.ROOT, "%.1f (%.0f%%)", g, 100 * g / peak) : String.format(Locale.ROOT, "%.1f", g);
    }

    private static String ratio(double x) {
        if (x >= 10) return String.format(Locale.ROOT, "%.0f×", x);
        return x >= 1 ? String.format(Locale.ROOT, "%.1f×", x) : String.format(Locale.ROOT, "%.2f×", x);
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
