package nnparity.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import nnparity.parity.Divergence;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.StepRecord;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.plot.Picture;
import nnparity.text.Fmt;

/**
 * One run as a single self-contained HTML page ({@code --html FILE}): it opens from disk with no
 * network. The style sheet and a four-line script are inline, every picture is embedded as a
 * {@code data:image/png;base64,…} URI, and a Content-Security-Policy forbids the page any other
 * source, so nothing can be fetched even by mistake.
 *
 * <p>The page, top to bottom: the title and the verdict in one line (what a reader came for);
 * the run's header (spec, training, both nets, tolerance); the table of steps (the rows the
 * console printed); the verdict with its figures beside their tolerances and the first divergence,
 * if any; the caller's sections (predictions, accuracy, confusion matrix, …); every picture; and
 * a footer with the wall-clock time line.
 *
 * <p>Deterministic: the same content gives the same bytes. The only line that varies between two
 * runs of one seed is the wall-clock time line, which carries {@value #VARIES_MARK} so that a
 * comparison can drop it. All text is HTML-escaped ({@link #escape}); no caller string reaches the
 * page as markup.
 *
 * <p>The script marks each image {@code data-loaded="yes"} when the browser decoded it
 * ({@code naturalWidth > 0}) and {@code "no"} otherwise, and sets
 * {@code <body data-images-loaded="k/n">}: a headless browser's {@code --dump-dom} shows whether
 * every picture loaded.
 */
public final class HtmlReport {

    /** The attribute on the one element whose text varies between runs of the same seed. */
    public static final String VARIES_MARK = "data-varies=\"wall-clock\"";

    /** Pictures at least this wide (pixels) take the page's whole width; narrower ones share a row. */
    static final int WIDE_PICTURE = 760;

    /** How a table cell or a verdict is coloured. */
    public enum Tone { PLAIN, GOOD, BAD }

    /** A part of a caller's section. */
    public sealed interface Block permits Paragraph, Preformatted, Table {
    }

    /** A paragraph of plain text. */
    public record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Text shown as it is, in a fixed-width font (e.g. DL4J's {@code Evaluation.stats()}). */
    public record Preformatted(String text) implements Block {
        public Preformatted {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A table cell.
     *
     * @param text its text
     * @param tone its colour
     * @param heat a shade in [0, 1] behind the text (a heatmap cell), or NaN for none
     */
    public record Cell(String text, Tone tone, double heat) {
        public Cell {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(tone, "tone");
            if (!Double.isNaN(heat) && !(heat >= 0 && heat <= 1))
                throw new IllegalArgumentException("a cell's heat is in [0, 1] or NaN (none), not " + heat);
        }

        public static Cell of(String text) {
            return new Cell(text, Tone.PLAIN, Double.NaN);
        }

        public static Cell of(String text, Tone tone) {
            return new Cell(text, tone, Double.NaN);
        }

        /** A heatmap cell: {@code heat} in [0, 1] shades it. */
        public static Cell heat(String text, double heat, Tone tone) {
            return new Cell(text, tone, heat);
        }
    }

    /**
     * A table. The first {@code textColumns} columns hold text (left-aligned); the rest hold
     * numbers (right-aligned, in figures of equal width).
     *
     * @param caption     a line above the table, or null
     * @param columns     the column headings
     * @param rows        the rows, each with one cell per column
     * @param textColumns how many leading columns hold text
     */
    public record Table(String caption, List<String> columns, List<List<Cell>> rows, int textColumns) implements Block {
        public Table {
            columns = List.copyOf(columns);
            List<List<Cell>> copy = new ArrayList<>();
            for (List<Cell> r : rows) {
                if (r.size() != columns.size())
                    throw new IllegalArgumentException("a row has " + r.size() + " cells for " + columns.size() + " columns: " + columns);
                copy.add(List.copyOf(r));
            }
            rows = List.copyOf(copy);
            if (textColumns < 0 || textColumns > columns.size())
                throw new IllegalArgumentException("textColumns is in [0, " + columns.size() + "], not " + textColumns);
        }
    }

    /** A heading and its blocks. */
    record Section(String id, String heading, List<Block> blocks) {
    }

    /** The verdict: its word (AGREE, PASS, …), its tone, its one-line summary and the details below it. */
    record VerdictPart(String word, Tone tone, String line, List<Block> details) {
        /** The line after its leading word, e.g. {@code max |Δloss| …} of {@code AGREE: max |Δloss| …}, shown beside the word. */
        String rest() {
            return line.startsWith(word + ": ") ? line.substring(word.length() + 2) : line;
        }
    }

    private final String title;
    private final String lead;
    private final List<String[]> header;
    private final Section steps;
    private final VerdictPart verdict;
    private final List<Section> sections;
    private final List<Picture> pictures;
    private final String wallClock;

    private HtmlReport(Builder b) {
        this.title = b.title;
        this.lead = b.lead;
        this.header = List.copyOf(b.header);
        this.steps = b.steps;
        this.verdict = b.verdict;
        this.sections = List.copyOf(b.sections);
        this.pictures = List.copyOf(b.pictures);
        this.wallClock = b.wallClock;
    }

    /** A page titled {@code title}, e.g. {@code nn-parity: the tutorial's 4 points}. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Collects a page's parts; any may be left out. */
    public static final class Builder {
        private final String title;
        private String lead;
        private final List<String[]> header = new ArrayList<>();
        private Section steps;
        private VerdictPart verdict;
        private final List<Section> sections = new ArrayList<>();
        private final List<Picture> pictures = new ArrayList<>();
        private String wallClock;

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** A sentence under the title saying what the page is about. */
        public Builder lead(String sentence) {
            lead = Objects.requireNonNull(sentence, "sentence");
            return this;
        }

        /** One line of the run's header, e.g. {@code ("spec", "2-50-4 relu …")}. */
        public Builder header(String label, String value) {
            header.add(new String[]{Objects.requireNonNull(label, "label"), Objects.requireNonNull(value, "value")});
            return this;
        }

        /**
         * The table of steps: the rows the console printed ({@link ConsoleTable#printed()}), with
         * the first divergence's step marked.
         */
        public Builder steps(List<StepRecord> printed, LockstepResult run, long every) {
            List<List<Cell>> rows = new ArrayList<>();
            long bad = run.firstDivergence() == null ? -1 : run.firstDivergence().step();
            for (StepRecord r : printed) {
                Tone t = r.step() == bad ? Tone.BAD : Tone.PLAIN;
                rows.add(List.of(Cell.of(Long.toString(r.step()), t), Cell.of(Integer.toString(r.epoch()), t),
                        Cell.of(String.format(Locale.ROOT, "%.17g", r.lossScratch()), t),
                        Cell.of(String.format(Locale.ROOT, "%.17g", r.lossDl4j()), t),
                        Cell.of(Fmt.sci(r.absLossDiff()), t), Cell.of(Fmt.sci(r.maxGradDiff()), t), Cell.of(Fmt.sci(r.maxParamDiff()), t)));
            }
            List<Block> blocks = new ArrayList<>();
            long total = run.steps().size();
            if (printed.isEmpty()) {
                blocks.add(new Paragraph("No training steps: the nets were compared as they were initialised."));
            } else {
                blocks.add(new Paragraph(String.format(Locale.ROOT, "Both nets take the same batch at every step. Each row compares"
                        + " the loss before the update, the mean-loss gradient and the parameters after it: steps 1, every %d, and"
                        + " the last (%d in all). |Δ| is the largest absolute difference over every element.", every, total)));
                blocks.add(new Table(null, List.of("step", "epoch", "loss hand-written", "loss DL4J", "|Δloss|", "max |Δgrad|",
                        "max |Δparam|"), rows, 0));
            }
            steps = new Section("steps", "Training, step by step", blocks);
            return this;
        }

        /**
         * The lockstep's verdict: its line, each figure beside its tolerance, and the first
         * divergence (or where training blew up).
         */
        public Builder verdict(Verdict v, Tolerances tol) {
            LockstepResult r = v.run();
            Predictions p = v.predictions();
            List<List<Cell>> figures = new ArrayList<>();
            String over = Fmt.count(r.steps().size(), "step");
            figures.add(figure("loss, max |Δ| / max(1, |a|, |b|)", r.maxScaledLossDiff(), tol.lossScaled(), over));
            figures.add(figure("gradient, max |Δ|", r.maxAbsGradDiff(), tol.gradScaled(), over));
            figures.add(figure("parameters, max |Δ|", r.maxAbsParamDiff(), tol.paramScaled(), over));
            if (r.spec().updater().type().hasState())
                figures.add(figure("updater state, max |Δ|", r.maxAbsStateDiff(), tol.paramScaled(), over));
            long same = Math.round(p.agreement() * p.size());
            figures.add(figure("probabilities, max |Δp|", p.maxAbsProbDiff(), tol.probScaled(),
                    String.format(Locale.ROOT, "%d points; the same class for %d", p.size(), same)));
            List<Block> details = new ArrayList<>();
            details.add(new Table(null, List.of("compared", "over", "largest difference", "tolerance"), figures, 2));
            details.add(new Paragraph("Every difference, the loss's included, is judged relative to max(1, |a|, |b|) of the"
                    + " two values: absolutely below 1, relatively above."));
            if (r.diverged() != null) details.add(new Paragraph("Training diverged: " + r.diverged()));
            Divergence d = v.firstDivergence();
            if (d != null) details.add(divergence(d));
            Tone tone = switch (v.outcome()) {
                case AGREE -> Tone.GOOD;
                case DISAGREE, DIVERGED -> Tone.BAD;
            };
            verdict = new VerdictPart(v.outcome().name(), tone, v.line(), details);
            return this;
        }

        /** A verdict of another kind (e.g. the gradient check's PASS or FAIL). */
        public Builder verdict(String word, boolean good, String line, List<Block> details) {
            verdict = new VerdictPart(Objects.requireNonNull(word, "word"), good ? Tone.GOOD : Tone.BAD,
                    Objects.requireNonNull(line, "line"), List.copyOf(details));
            return this;
        }

        /** A section of the caller's, after the verdict: e.g. the predictions. */
        public Builder section(String heading, Block... blocks) {
            return section(heading, List.of(blocks));
        }

        public Builder section(String heading, List<Block> blocks) {
            sections.add(new Section("s" + (sections.size() + 1), Objects.requireNonNull(heading, "heading"), List.copyOf(blocks)));
            return this;
        }

        /** The pictures, in the order given. */
        public Builder pictures(List<Picture> all) {
            pictures.addAll(all);
            return this;
        }

        /** The wall-clock time line: the one line that differs between two runs of the same seed. */
        public Builder wallClock(String line) {
            wallClock = Objects.requireNonNull(line, "line");
            return this;
        }

        public HtmlReport build() {
            return new HtmlReport(this);
        }

        private static List<Cell> figure(String what, double value, double tol, String over) {
            Tone t = Double.isNaN(value) || !(value <= tol) ? Tone.PLAIN : Tone.GOOD;
            return List.of(Cell.of(what), Cell.of(over), Cell.of(Fmt.sci(value), t), Cell.of(Fmt.sci(tol)));
        }

        private static Table divergence(Divergence d) {
            List<List<Cell>> rows = new ArrayList<>();
            rows.add(List.of(Cell.of("step"), Cell.of(Long.toString(d.step()))));
            rows.add(List.of(Cell.of("compared"), Cell.of(d.phaseDescription())));
            rows.add(List.of(Cell.of("element"), Cell.of(d.where())));
            rows.add(List.of(Cell.of("hand-written"), Cell.of(String.format(Locale.ROOT, "%.17g", d.scratch()))));
            rows.add(List.of(Cell.of("DL4J"), Cell.of(String.format(Locale.ROOT, "%.17g", d.dl4j()))));
            rows.add(List.of(Cell.of("|Δ|"), Cell.of(String.format(Locale.ROOT, "%.3g", d.absDiff()), Tone.BAD)));
            return new Table("The first difference beyond the tolerance", List.of("", "value"), rows, 1);
        }
    }

    /** Writes the page to {@code target} atomically (a temporary file beside it, then a rename). */
    public void write(Path target) throws IOException {
        AtomicOutput.writeFile(target, tmp -> java.nio.file.Files.write(tmp, html().getBytes(StandardCharsets.UTF_8)));
    }

    /** The whole page. */
    public String html() {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
                .append(" style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"nn-parity\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header class=\"top\">\n<h1>").append(escape(title)).append("</h1>\n");
        if (lead != null) h.append("<p class=\"lead\">").append(escape(lead)).append("</p>\n");
        if (verdict != null) {
            h.append("<p class=\"banner ").append(tone(verdict.tone())).append("\"><span class=\"badge\">")
                    .append(escape(verdict.word())).append("</span> <span class=\"verdict-line\">").append(escape(verdict.rest()))
                    .append("</span></p>\n");
        }
        h.append("<nav>");
        List<String[]> links = new ArrayList<>();
        if (!header.isEmpty()) links.add(new String[]{"run", "The run"});
        if (steps != null) links.add(new String[]{steps.id(), steps.heading()});
        if (verdict != null) links.add(new String[]{"verdict", "Verdict"});
        for (Section s : sections) links.add(new String[]{s.id(), s.heading()});
        if (!pictures.isEmpty()) links.add(new String[]{"pictures", "Pictures"});
        for (int i = 0; i < links.size(); i++) {
            h.append(i == 0 ? "" : " · ").append("<a href=\"#").append(links.get(i)[0]).append("\">")
                    .append(escape(links.get(i)[1])).append("</a>");
        }
        h.append("</nav>\n</header>\n<main>\n");

        if (!header.isEmpty()) {
            h.append("<section id=\"run\">\n<h2>The run</h2>\n<table class=\"header\">\n<tbody>\n");
            for (String[] row : header) {
                h.append("<tr><th scope=\"row\">").append(escape(row[0])).append("</th><td>").append(escape(row[1])).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }
        if (steps != null) section(h, steps);
        if (verdict != null) {
            h.append("<section id=\"verdict\">\n<h2>Verdict</h2>\n<p class=\"verdict ").append(tone(verdict.tone()))
                    .append("\"><strong>").append(escape(verdict.word())).append("</strong> ")
                    .append(escape(verdict.rest())).append("</p>\n");
            for (Block b : verdict.details()) block(h, b);
            h.append("</section>\n");
        }
        for (Section s : sections) section(h, s);
        if (!pictures.isEmpty()) {
            h.append("<section id=\"pictures\">\n<h2>Pictures</h2>\n<div class=\"figures\">\n");
            for (Picture p : pictures) figure(h, p);
            h.append("</div>\n</section>\n");
        }
        h.append("</main>\n<footer>\n");
        if (wallClock != null) h.append("<p class=\"wall-clock\" ").append(VARIES_MARK).append(">").append(escape(wallClock)).append("</p>\n");
        h.append("<p>Written by nn-parity (a hand-written net and DL4J 1.0.0-M2.1). This page needs no network:")
                .append(" everything it shows is inside it.</p>\n</footer>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, Section s) {
        h.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(escape(s.heading())).append("</h2>\n");
        for (Block b : s.blocks()) block(h, b);
        h.append("</section>\n");
    }

    private static void block(StringBuilder h, Block b) {
        if (b instanceof Paragraph p) h.append("<p>").append(escape(p.text())).append("</p>\n");
        else if (b instanceof Preformatted p) h.append("<pre>").append(escape(p.text())).append("</pre>\n");
        else table(h, (Table) b);
    }

    private static void table(StringBuilder h, Table t) {
        if (t.caption() != null) h.append("<p class=\"caption\">").append(escape(t.caption())).append("</p>\n");
        h.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (int c = 0; c < t.columns().size(); c++) {
            h.append(c < t.textColumns() ? "<th>" : "<th class=\"num\">").append(escape(t.columns().get(c))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : t.rows()) {
            h.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                Cell cell = row.get(c);
                List<String> classes = new ArrayList<>();
                if (c >= t.textColumns()) classes.add("num");
                if (cell.tone() != Tone.PLAIN) classes.add(tone(cell.tone()));
                h.append("<td");
                if (!classes.isEmpty()) h.append(" class=\"").append(String.join(" ", classes)).append('"');
                if (!Double.isNaN(cell.heat()))
                    h.append(String.format(Locale.ROOT, " style=\"background:rgba(37,99,235,%.3f)%s\"", 0.85 * cell.heat(),
                            cell.heat() > 0.55 ? ";color:#fff" : ""));
                h.append('>').append(escape(cell.text())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void figure(StringBuilder h, Picture p) {
        byte[] png = p.png();
        int[] size = pngSize(png);
        h.append("<figure").append(size != null && size[0] >= WIDE_PICTURE ? " class=\"wide\"" : "").append(">\n<img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\" alt=\"").append(escape(p.title())).append('"');
        if (size != null) h.append(" width=\"").append(size[0]).append("\" height=\"").append(size[1]).append('"');
        h.append(">\n<figcaption>").append(escape(p.title())).append(" <span class=\"file\">").append(escape(p.fileName()))
                .append("</span></figcaption>\n</figure>\n");
    }

    /**
     * A PNG's width and height from its IHDR chunk (bytes 16–23, big-endian, right after the
     * signature and the chunk's length and type), or null when the bytes are too few or the first
     * chunk is not IHDR.
     */
    static int[] pngSize(byte[] png) {
        if (png.length < 24 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') return null;
        return new int[]{int32(png, 16), int32(png, 20)};
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String tone(Tone t) {
        return switch (t) {
            case PLAIN -> "plain";
            case GOOD -> "good";
            case BAD -> "bad";
        };
    }

    /**
     * {@code s} as HTML text or attribute value: {@code & < > " '} become character references;
     * control characters other than tab and newline (not allowed in HTML) become U+FFFD.
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0)) b.append('\uFFFD');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Marks each image loaded or not once the page has loaded, for a headless browser's DOM dump. */
    static final String SCRIPT = """
            window.addEventListener('load', function () {
              var ok = 0, all = document.images;
              for (var i = 0; i < all.length; i++) { var good = all[i].complete && all[i].naturalWidth > 0; all[i].setAttribute('data-loaded', good ? 'yes' : 'no'); if (good) ok++; }
              document.body.setAttribute('data-images-loaded', ok + '/' + all.length);
            });
            """;

    static final String CSS = """
            :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --good: #1a7f37; --good-bg: #dafbe1;
                    --bad: #cf222e; --bad-bg: #ffebe9; --accent: #0969da; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #fff; line-height: 1.5;
                   font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
            header.top, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
            header.top { padding-top: 24px; }
            h1 { font-size: 1.6rem; margin: 0 0 12px; }
            h2 { font-size: 1.25rem; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            p.lead { margin: -4px 0 14px; color: var(--muted); }
            nav { font-size: 0.95rem; color: var(--muted); margin: 8px 0 0; }
            a { color: var(--accent); text-decoration: none; }
            a:hover { text-decoration: underline; }
            .banner { margin: 0; padding: 12px 16px; border-radius: 8px; border: 1px solid; font-size: 0.95rem; }
            .banner.good { background: var(--good-bg); border-color: #4ac26b; }
            .banner.bad { background: var(--bad-bg); border-color: #ff8182; }
            .badge { display: inline-block; font-weight: 700; letter-spacing: 0.04em; padding: 1px 10px; margin-right: 6px;
                     border-radius: 999px; color: #fff; }
            .good .badge { background: var(--good); }
            .bad .badge { background: var(--bad); }
            p.verdict strong { margin-right: 4px; }
            p.verdict.good strong { color: var(--good); }
            p.verdict.bad strong { color: var(--bad); }
            .scroll { overflow-x: auto; margin: 8px 0 16px; }
            table { border-collapse: collapse; font-size: 0.9rem; }
            th, td { padding: 4px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            thead th { background: var(--soft); border-bottom: 2px solid var(--line); white-space: nowrap; }
            tbody tr:nth-child(even) td { background-color: #fbfcfd; }
            .num { text-align: right; font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
                   font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.good { color: var(--good); font-weight: 600; }
            td.bad { color: var(--bad); font-weight: 600; background: var(--bad-bg) !important; }
            table.header th { color: var(--muted); font-weight: 600; white-space: nowrap; background: none; border-bottom: 1px solid var(--line); }
            table.header td { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem;
                              overflow-wrap: anywhere; }
            p.caption { margin: 16px 0 0; font-weight: 600; }
            pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto;
                  font-size: 0.82rem; line-height: 1.35; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 20px; }
            figure { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
            figure.wide { grid-column: 1 / -1; }
            figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
            figcaption { margin-top: 8px; font-size: 0.92rem; color: var(--fg); text-align: center; }
            figcaption .file { color: var(--muted); font-size: 0.8rem; margin-left: 6px; }
            footer { margin-top: 40px; padding-bottom: 32px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
            @media print { nav { display: none; } figure { break-inside: avoid; } }
            """;
}
