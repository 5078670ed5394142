package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnparity.parity.Divergence;
import nnparity.parity.LockstepResult;
import nnparity.parity.Phase;
import nnparity.parity.Predictions;
import nnparity.parity.StepRecord;
import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.plot.Picture;
import nnparity.report.HtmlReport.Cell;
import nnparity.report.HtmlReport.Paragraph;
import nnparity.report.HtmlReport.Preformatted;
import nnparity.report.HtmlReport.Table;
import nnparity.report.HtmlReport.Tone;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;

/**
 * The {@code --html} page as text: every caller string escaped, pictures embedded byte for byte,
 * nothing fetched from anywhere, the verdict and the first divergence shown, the same content
 * giving the same bytes. (That a browser loads every picture: {@link HtmlReportBrowserTest}.)
 */
class HtmlReportTest {

    static final String HOSTILE = "</td><script>alert('x')</script><img src=\"http://evil.example/x.png\"> & \"q\"";

    @TempDir
    Path tmp;

    /** Three steps, the third over the tolerance in its gradient: a DISAGREE verdict. */
    static Verdict disagreeing() {
        List<StepRecord> steps = List.of(new StepRecord(1, 1, 1.3862943611198906, 1.3862943611198906, 0, 2.1e-17),
                new StepRecord(2, 1, 1.25, 1.25, 3e-18, 4e-17),
                new StepRecord(3, 1, 1.125, 1.125, 5e-9, 6e-9));
        Divergence d = new Divergence(3, Phase.BACKWARD, 2, "W", 7, 1, 0.125, 0.125000005);
        LockstepResult run = new LockstepResult(NetSpec.quadrant(), new TrainSpec(3, 4, 42), "quadrants", steps,
                0, 0, 5e-9, 6e-9, d, null, 0.5, 2.5, null);
        Predictions p = new Predictions(List.of(new double[]{2, 2}), new double[]{0.25, 0.75}, new double[]{0.25, 0.75}, 2);
        return new Verdict(run.outcome(), d, run, p);
    }

    static Verdict agreeing() {
        List<StepRecord> steps = List.of(new StepRecord(1, 1, 0.5, 0.5, 0, 0));
        LockstepResult run = new LockstepResult(NetSpec.quadrant(), new TrainSpec(1, 4, 42), "quadrants", steps,
                0, 0, 0, 0, null, null, 0.1, 0.2, null);
        Predictions p = new Predictions(List.of(new double[]{2, 2}), new double[]{0.9, 0.1}, new double[]{0.9, 0.1}, 2);
        return Verdict.of(run, p, Tolerances.DEFAULT);
    }

    private static List<String> matches(String regex, String text) {
        List<String> all = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) all.add(m.groupCount() > 0 ? m.group(1) : m.group());
        return all;
    }

    @Test
    void escapeTurnsMarkupCharactersIntoReferencesAndControlCharactersIntoReplacements() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlReport.escape("a<b> & \"c\" 'd'"));
        assertEquals("tab\tline\nnul\uFFFDbell\uFFFDc1\uFFFDend", HtmlReport.escape("tab\tline\nnul\u0000bell\u0007c1\u0085end"));
        assertEquals("Δloss → 2×2 ü \u00a0", HtmlReport.escape("Δloss → 2×2 ü \u00a0"));
        // the edges of the two ranges refused: C0 controls below U+0020, DEL and the C1 controls up to U+009F
        assertEquals("\uFFFD ~\uFFFD\uFFFD\u00a0", HtmlReport.escape("\u001f ~\u007f\u009f\u00a0"));
    }

    @Test
    void noCallerStringReachesThePageAsMarkup() {
        String page = HtmlReport.builder(HOSTILE).lead(HOSTILE).header(HOSTILE, HOSTILE)
                .section(HOSTILE, new Paragraph(HOSTILE), new Preformatted(HOSTILE),
                        new Table(HOSTILE, List.of(HOSTILE, "n"), List.of(List.of(Cell.of(HOSTILE), Cell.of(HOSTILE))), 1))
                .verdict("PASS", true, HOSTILE, List.of(new Paragraph(HOSTILE)))
                .pictures(List.of(TestPictures.picture("a.png", HOSTILE, 20, 10, 1)))
                .wallClock(HOSTILE).build().html();

        assertEquals(1, matches("<script", page).size(), "only the page's own script");
        assertFalse(page.contains("evil.example/x.png\">"), "no attribute of a caller's");
        assertFalse(page.contains("</td><script>"));
        String escaped = "&lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=&quot;http://evil.example/x.png&quot;&gt; &amp; &quot;q&quot;";
        // title, h1, lead, header th+td, section h2, p, pre, caption, th, 2 td, banner, verdict, detail p, alt, figcaption, wall clock
        assertEquals(19, matches(Pattern.quote(escaped), page).size());
    }

    @Test
    void everyPictureIsEmbeddedByteForByteWithItsSizeAndCaption() {
        Picture a = TestPictures.picture("loss.png", "Loss per step, both sides", 37, 23, 1);
        Picture b = TestPictures.picture("regions.png", "Decision regions", 900, 310, 2);
        String page = HtmlReport.builder("t").pictures(List.of(a, b)).build().html();

        List<String> data = matches("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"", page);
        assertEquals(2, data.size());
        assertArrayEquals(a.png(), Base64.getDecoder().decode(data.get(0)));
        assertArrayEquals(b.png(), Base64.getDecoder().decode(data.get(1)));
        assertTrue(page.contains("alt=\"Loss per step, both sides\" width=\"37\" height=\"23\">"), page);
        assertTrue(page.contains("alt=\"Decision regions\" width=\"900\" height=\"310\">"));
        assertTrue(page.contains("<figcaption>Loss per step, both sides <span class=\"file\">loss.png</span></figcaption>"));
        assertEquals(List.of("<figure>", "<figure class=\"wide\">"), matches("<figure[^>]*>", page));
    }

    @Test
    void aPictureAsWideAsThePageThresholdTakesTheWholeWidthAndOneNarrowerDoesNot() {
        String page = HtmlReport.builder("t").pictures(List.of(TestPictures.picture("a.png", "a", 760, 10, 1),
                TestPictures.picture("b.png", "b", 759, 10, 1))).build().html();
        assertEquals(List.of("<figure class=\"wide\">", "<figure>"), matches("<figure[^>]*>", page));
    }

    @Test
    void pngSizeReadsTheHeaderAndRefusesBytesWithoutOne() {
        assertArrayEquals(new int[]{300, 70}, HtmlReport.pngSize(TestPictures.png(300, 70, 1)));
        byte[] header = new byte[24];
        System.arraycopy(TestPictures.png(3, 2, 1), 0, header, 0, 24);
        header[16] = 1; // width 0x01000003
        assertArrayEquals(new int[]{16777219, 2}, HtmlReport.pngSize(header));
        assertNull(HtmlReport.pngSize(java.util.Arrays.copyOf(header, 23)));
        byte[] each = header.clone();
        System.arraycopy(new byte[]{1, 2, 3, 4, (byte) 0x80, 0, 0, (byte) 0xff}, 0, each, 16, 8);
        assertArrayEquals(new int[]{0x01020304, 0x800000ff}, HtmlReport.pngSize(each), "every byte in its place, high bit included");
        byte[] noIhdr = header.clone();
        noIhdr[12] = 'X';
        assertNull(HtmlReport.pngSize(noIhdr));
        for (int i = 13; i <= 15; i++) {
            byte[] bad = header.clone();
            bad[i] = 'X';
            assertNull(HtmlReport.pngSize(bad), "IHDR with byte " + i + " changed");
        }
    }

    @Test
    void thePageFetchesNothingItsOnlySourcesAreDataUrisAndItsOwnAnchors() {
        String page = HtmlReport.builder("t").verdict(disagreeing(), Tolerances.DEFAULT)
                .pictures(List.of(TestPictures.picture("a.png", "a", 20, 10, 1))).build().html();

        assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                + " style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"));
        for (String src : matches("\\bsrc=\"([^\"]*)\"", page)) assertTrue(src.startsWith("data:image/png;base64,"), src);
        for (String href : matches("\\bhref=\"([^\"]*)\"", page)) assertTrue(href.startsWith("#"), href);
        assertFalse(page.contains("<link"));
        assertFalse(page.contains("url("));
        assertFalse(page.contains("@import"));
    }

    @Test
    void aDisagreementShowsItsLineItsFiguresBesideTheTolerancesAndTheFirstDivergence() {
        Verdict v = disagreeing();
        List<StepRecord> printed = v.run().steps();
        String page = HtmlReport.builder("t").steps(printed, v.run(), 2).verdict(v, Tolerances.DEFAULT).build().html();

        String rest = HtmlReport.escape(v.line().substring("DISAGREE: ".length()));
        assertTrue(page.contains("<p class=\"banner bad\"><span class=\"badge\">DISAGREE</span> <span class=\"verdict-line\">"
                + rest + "</span></p>"), page);
        assertTrue(page.contains("<p class=\"verdict bad\"><strong>DISAGREE</strong> " + rest + "</p>"));
        assertTrue(page.contains("<tr><td>gradient, max |Δ|</td><td>3 steps</td><td class=\"num\">5.0e-9</td><td class=\"num\">1.0e-12</td></tr>"), page);
        assertTrue(page.contains("<tr><td>parameters, max |Δ|</td><td>3 steps</td><td class=\"num\">6.0e-9</td><td class=\"num\">1.0e-12</td></tr>"));
        assertTrue(page.contains("<td class=\"num good\">0</td>"), "the loss within its tolerance is green");
        assertTrue(page.contains("<tr><td>element</td><td class=\"num\">W2[7,1]</td></tr>"), page);
        assertTrue(page.contains("<tr><td>compared</td><td class=\"num\">backward pass (gradient)</td></tr>"));
        assertTrue(page.contains("<tr><td>hand-written</td><td class=\"num\">0.12500000000000000</td></tr>"));
        assertTrue(page.contains("<tr><td>DL4J</td><td class=\"num\">0.12500000500000000</td></tr>"));
        assertTrue(page.contains("<tr><td>|Δ|</td><td class=\"num bad\">5.00e-09</td></tr>"));
        // the step table: the divergent step's row is marked, the others not
        assertTrue(page.contains("<tr><td class=\"num bad\">3</td><td class=\"num bad\">1</td><td class=\"num bad\">1.1250000000000000</td>"), page);
        assertTrue(page.contains("<tr><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1.2500000000000000</td>"));
        assertTrue(page.contains("<tr><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1.3862943611198906</td>"
                + "<td class=\"num\">1.3862943611198906</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">2.1e-17</td></tr>"));
        assertTrue(page.contains("steps 1, every 2, and the last (3 in all)"));
    }

    @Test
    void anAgreementIsGreenWithoutADivergenceAndDivergedTrainingSaysWhere() {
        String agree = HtmlReport.builder("t").verdict(agreeing(), Tolerances.DEFAULT).build().html();
        assertTrue(agree.contains("<p class=\"banner good\"><span class=\"badge\">AGREE</span>"));
        assertFalse(agree.contains("The first difference beyond the tolerance"));
        assertFalse(agree.contains("updater state"), "SGD has no state");

        Verdict a = agreeing();
        LockstepResult blew = new LockstepResult(a.run().spec(), a.run().train(), "q", a.run().steps(), 0, 0, 0, 0, null,
                "the loss is NaN at step 1.", 0, 0, null);
        String diverged = HtmlReport.builder("t").verdict(Verdict.of(blew, a.predictions(), Tolerances.DEFAULT), Tolerances.DEFAULT).build().html();
        assertTrue(diverged.contains("<span class=\"badge\">DIVERGED</span>"));
        assertTrue(diverged.contains("<p>Training diverged: the loss is NaN at step 1.</p>"));
    }

    @Test
    void aFigureExactlyAtItsToleranceIsWithinItAndTheSameClassCountIsOfPoints() {
        Verdict a = agreeing();
        LockstepResult r = new LockstepResult(a.run().spec(), a.run().train(), "q", a.run().steps(), 1e-12, 1e-12, 1e-12, 2e-12,
                null, null, 0, 0, null);
        Predictions p = new Predictions(List.of(new double[]{0, 0}, new double[]{1, 1}, new double[]{2, 2}, new double[]{3, 3}),
                new double[]{0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.4, 0.6}, new double[]{0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.6, 0.4}, 2);
        String page = HtmlReport.builder("t").verdict(new Verdict(r.outcome(), null, r, p), Tolerances.DEFAULT).build().html();
        assertTrue(page.contains("<tr><td>gradient, max |Δ|</td><td>1 step</td><td class=\"num good\">1.0e-12</td>"), page);
        assertTrue(page.contains("<tr><td>parameters, max |Δ|</td><td>1 step</td><td class=\"num\">2.0e-12</td>"), page);
        assertTrue(page.contains("<td>4 points; the same class for 3</td>"), page);
    }

    @Test
    void aVerdictOfAnotherKindTakesItsWordItsToneAndItsDetails() {
        String fail = HtmlReport.builder("t").verdict("FAIL", false, "FAIL: check 1", List.of(new Paragraph("why"))).build().html();
        assertTrue(fail.contains("<p class=\"banner bad\"><span class=\"badge\">FAIL</span> <span class=\"verdict-line\">check 1</span></p>"), fail);
        assertTrue(fail.contains("<p class=\"verdict bad\"><strong>FAIL</strong> check 1</p>\n<p>why</p>"), fail);
        String pass = HtmlReport.builder("t").verdict("PASS", true, "all three checks hold", List.of()).build().html();
        assertTrue(pass.contains("<p class=\"banner good\"><span class=\"badge\">PASS</span> <span class=\"verdict-line\">all three checks hold</span>"), pass);
    }

    @Test
    void anUpdaterWithStateAddsItsRow() {
        Verdict a = agreeing();
        NetSpec adam = a.run().spec().withUpdater(nnparity.spec.UpdaterSpec.defaults(nnparity.spec.Updater.ADAM));
        LockstepResult r = new LockstepResult(adam, a.run().train(), "q", a.run().steps(), 0, 0, 0, 0, null, null, 0, 0, null, 3e-17);
        String page = HtmlReport.builder("t").verdict(Verdict.of(r, a.predictions(), Tolerances.DEFAULT), Tolerances.DEFAULT).build().html();
        assertTrue(page.contains("<tr><td>updater state, max |Δ|</td><td>1 step</td><td class=\"num good\">3.0e-17</td>"), page);
    }

    @Test
    void noStepsSaysSoInsteadOfAnEmptyTable() {
        Verdict a = agreeing();
        String page = HtmlReport.builder("t").steps(List.of(), a.run(), 1).build().html();
        assertTrue(page.contains("No training steps"));
        assertFalse(page.contains("<table"));
    }

    @Test
    void aTableTextColumnsAreLeftAlignedNumbersRightAndHeatShadesTheCell() {
        Table t = new Table("cap", List.of("class", "A", "B"), List.of(List.of(Cell.of("A"), Cell.heat("9", 0.5, Tone.PLAIN),
                Cell.heat("1", 1.0, Tone.GOOD))), 1);
        String page = HtmlReport.builder("t").section("Confusion", t).build().html();
        assertTrue(page.contains("<thead><tr><th>class</th><th class=\"num\">A</th><th class=\"num\">B</th></tr></thead>"), page);
        assertTrue(page.contains("<tr><td>A</td><td class=\"num\" style=\"background:rgba(37,99,235,0.425)\">9</td>"
                + "<td class=\"num good\" style=\"background:rgba(37,99,235,0.850);color:#fff\">1</td></tr>"), page);
        assertTrue(page.contains("<p class=\"caption\">cap</p>"));
        assertTrue(page.contains("<section id=\"s1\">\n<h2>Confusion</h2>"));
        assertTrue(page.contains("<a href=\"#s1\">Confusion</a>"));
    }

    @Test
    void aHeatJustOverHalfTurnsTheTextWhiteAndHalfDoesNot() {
        String page = HtmlReport.builder("t").section("x", new Table(null, List.of("a", "b"),
                List.of(List.of(Cell.heat("1", 0.55, Tone.PLAIN), Cell.heat("2", 0.56, Tone.PLAIN))), 0)).build().html();
        assertTrue(page.contains("style=\"background:rgba(37,99,235,0.468)\">1<"), page);
        assertTrue(page.contains("style=\"background:rgba(37,99,235,0.476);color:#fff\">2<"), page);
    }

    @Test
    void badTablesAndCellsAreRefusedNamingTheValue() {
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> new Table(null, List.of("a", "b"), List.of(List.of(Cell.of("1"))), 0));
        assertEquals("a row has 1 cells for 2 columns: [a, b]", row.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Table(null, List.of("a"), List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> new Table(null, List.of("a"), List.of(), -1));
        new Table(null, List.of("a"), List.of(), 1);
        new Table(null, List.of("a"), List.of(), 0);
        IllegalArgumentException heat = assertThrows(IllegalArgumentException.class, () -> Cell.heat("x", 1.5, Tone.PLAIN));
        assertEquals("a cell's heat is in [0, 1] or NaN (none), not 1.5", heat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cell.heat("x", -0.01, Tone.PLAIN));
        Cell.heat("x", 0, Tone.PLAIN);
        Cell.heat("x", 1, Tone.PLAIN);
    }

    @Test
    void theNavigationListsTheSectionsThePageHasInOrder() {
        Verdict v = agreeing();
        String page = HtmlReport.builder("t").header("spec", "s").steps(v.run().steps(), v.run(), 1).verdict(v, Tolerances.DEFAULT)
                .section("Predictions", new Paragraph("p")).pictures(List.of(TestPictures.picture("a.png", "a", 20, 10, 1))).build().html();
        assertTrue(page.contains("<nav><a href=\"#run\">The run</a> · <a href=\"#steps\">Training, step by step</a> · "
                + "<a href=\"#verdict\">Verdict</a> · <a href=\"#s1\">Predictions</a> · <a href=\"#pictures\">Pictures</a></nav>"), page);
        String bare = HtmlReport.builder("t").build().html();
        assertTrue(bare.contains("<nav></nav>"));
        assertFalse(bare.contains("<section"));
        assertFalse(bare.contains(HtmlReport.VARIES_MARK));
    }

    @Test
    void theSameContentGivesTheSameBytesAndOnlyTheWallClockLineIsMarkedAsVarying() {
        String one = page("time: 1.00 s"), two = page("time: 2.00 s");
        assertEquals(one, page("time: 1.00 s"));
        List<String> a = Stream.of(one.split("\n")).filter(l -> !l.contains(HtmlReport.VARIES_MARK)).toList();
        List<String> b = Stream.of(two.split("\n")).filter(l -> !l.contains(HtmlReport.VARIES_MARK)).toList();
        assertEquals(a, b);
        assertEquals(one.split("\n").length - 1, a.size(), "exactly one line is marked");
        assertTrue(one.contains("<p class=\"wall-clock\" data-varies=\"wall-clock\">time: 1.00 s</p>\n"));
    }

    private static String page(String time) {
        Verdict v = disagreeing();
        return HtmlReport.builder("nn-parity: quadrants").header("spec", "2→50→4").steps(v.run().steps(), v.run(), 1)
                .verdict(v, Tolerances.DEFAULT).pictures(List.of(TestPictures.picture("a.png", "a", 64, 48, 3)))
                .wallClock(time).build().html();
    }

    @Test
    void writeReplacesTheTargetWholeAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(tmp.resolve("run.html"), "an earlier page");
        HtmlReport r = HtmlReport.builder("Δ ü").build();
        r.write(target);
        assertEquals(r.html(), Files.readString(target, StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("run.html"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(r.html().startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
        assertTrue(r.html().endsWith("</body>\n</html>\n"));
    }
}
