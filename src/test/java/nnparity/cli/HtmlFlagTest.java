package nnparity.cli;

import static nnparity.data.IdxTestFiles.IMAGE_MAGIC;
import static nnparity.data.IdxTestFiles.LABEL_MAGIC;
import static nnparity.data.IdxTestFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnparity.report.HeadlessChromium;
import nnparity.report.HtmlReport;

/**
 * {@code --html FILE} end to end: the page holds what the console printed (header, the same step
 * rows, the verdict line, the predictions), a second run of the same seed writes the same page but
 * for its wall-clock line, the page opens in a browser, and a bad path fails before training with
 * one line and exit code 2, leaving nothing behind.
 */
class HtmlFlagTest {

    /** The console's step rows: step, epoch, both losses. */
    static final Pattern STEP_ROW = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\d+)\\s+(\\d\\.\\d{16})\\s+(\\d\\.\\d{16})\\s");

    @TempDir
    Path tmp;

    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp)).map(p -> tmp.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }

    private static String verdictLine(String out) {
        return out.lines().filter(l -> l.startsWith("AGREE: ") || l.startsWith("DISAGREE: ")).findFirst().orElseThrow();
    }

    /** The page's step-table rows, as (step, epoch, loss, loss) strings, in order. */
    private static List<String> pageSteps(String page) {
        String steps = page.substring(page.indexOf("<section id=\"steps\">"), page.indexOf("<section id=\"verdict\">"));
        Matcher m = Pattern.compile("<tr><td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td><td class=\"num\">([0-9.]+)</td>"
                + "<td class=\"num\">([0-9.]+)</td>").matcher(steps);
        List<String> rows = new ArrayList<>();
        while (m.find()) rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
        return rows;
    }

    private static List<String> consoleSteps(String out) {
        Matcher m = STEP_ROW.matcher(out);
        List<String> rows = new ArrayList<>();
        while (m.find()) rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
        return rows;
    }

    private static List<String> withoutWallClock(String page) {
        return page.lines().filter(l -> !l.contains(HtmlReport.VARIES_MARK)).toList();
    }

    @Test
    void theQuadrantPageHoldsWhatTheConsolePrintedAndTheSameSeedWritesTheSamePage() throws IOException, InterruptedException {
        Path html = tmp.resolve("run.html"), again = tmp.resolve("again.html");

        CliRun r = CliRun.of("--epochs", "60", "--predict", "-1,0.5", "--html", html.toString());
        CliRun r2 = CliRun.of("--epochs", "60", "--predict", "-1,0.5", "--html", again.toString());

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("html: " + html + "\n"), r.out());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String line = verdictLine(r.out());
        assertTrue(page.contains("<span class=\"badge\">AGREE</span> <span class=\"verdict-line\">"
                + HtmlReport.escape(line.substring("AGREE: ".length())) + "</span>"), line);
        assertTrue(page.contains("<title>nn-parity: quadrants, the tutorial&#39;s 4 points</title>"), page);
        String spec = r.out().lines().filter(l -> l.startsWith("  spec ")).findFirst().orElseThrow().substring(16);
        assertTrue(page.contains("<tr><th scope=\"row\">spec</th><td>" + HtmlReport.escape(spec) + "</td></tr>"), spec);
        assertTrue(page.contains("<tr><th scope=\"row\">training</th><td>60 epochs × 1 step of batch 4 = 60 steps, batch order"
                + " shuffled from seed 42</td></tr>"), page);
        List<String> console = consoleSteps(r.out());
        assertEquals(List.of("1", "5", "10", "15", "20", "25", "30", "35", "40", "45", "50", "55", "60"),
                console.stream().map(s -> s.split(" ")[0]).toList(), r.out());
        assertEquals(console, pageSteps(page), "the page's step rows are the console's");
        assertTrue(page.contains("<tr><td>(2,2)</td><td>I</td><td>I</td>"), page);
        assertTrue(page.contains("<tr><td>(-1,0.5)</td><td>II</td><td>II</td>"), page);
        assertTrue(page.contains("Held-out grid of 64 points: the classes agree on 64/64;"), page);
        String consoleTime = r.out().lines().filter(l -> l.startsWith("time: start-up ")).findFirst().orElseThrow();
        assertEquals(1, page.lines().filter(l -> l.contains(HtmlReport.VARIES_MARK) && l.contains(consoleTime)).count(),
                "the page's time line is the console's: " + consoleTime);

        assertEquals(Main.AGREE, r2.code(), r2.out() + r2.err());
        assertEquals(withoutWallClock(page), withoutWallClock(Files.readString(again, StandardCharsets.UTF_8)));

        var browser = HeadlessChromium.find();
        if (browser.isPresent()) {
            String dom = browser.get().dumpDom(html, tmp);
            assertTrue(dom.contains("<span class=\"badge\">AGREE</span>"), dom);
            assertEquals(HeadlessChromium.ImageCount.of(page).images(), HeadlessChromium.ImageCount.of(dom).yes());
        }
    }

    @Test
    void theDigitsPageHoldsTheAccuracyPerEpochAndTheConfusionMatrix() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tiny"));
        byte[][] train = DigitsJobTest.synthetic(100, 1), test = DigitsJobTest.synthetic(40, 2);
        Files.write(dir.resolve("train-images-idx3-ubyte"), file(IMAGE_MAGIC, train[0], 100, 28, 28));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), file(LABEL_MAGIC, train[1], 100));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), file(IMAGE_MAGIC, test[0], 40, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), file(LABEL_MAGIC, test[1], 40));
        Path html = tmp.resolve("digits.html");

        CliRun r = CliRun.of("--task", "digits", "--data", dir.toString(), "--epochs", "2", "--batch", "25", "--lr", "0.5",
                "--html", html.toString());

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains(HtmlReport.escape(verdictLine(r.out()).substring("AGREE: ".length()))));
        assertEquals(consoleSteps(r.out()), pageSteps(page));
        assertTrue(page.contains("<h2>Accuracy per epoch</h2>"), page);
        assertTrue(page.contains("<tr><th scope=\"row\">classes</th><td>0, 1, 2, 3, 4, 5, 6, 7, 8, 9</td></tr>"), page);
        // each epoch's row holds the figures the console's epoch table printed
        for (String epoch : new String[]{"1", "2"}) {
            String console = r.out().lines().filter(l -> l.matches("\\s+" + epoch + "\\s+0\\.\\d{4}.*")).findFirst().orElseThrow();
            String[] f = console.trim().split("\\s+");
            assertTrue(page.contains("<tr><td class=\"num\">" + epoch + "</td><td class=\"num\">" + f[1] + "</td><td class=\"num\">" + f[2]
                    + "</td><td class=\"num\">" + f[3] + "</td><td class=\"num\">" + f[4] + "</td><td class=\"num\">40/40</td></tr>"), console);
        }
        assertTrue(page.contains("<p class=\"caption\">Confusion matrix of the hand-written net (rows: actual class, columns: predicted)</p>"));
        Matcher cells = Pattern.compile("style=\"background:rgba\\(37,99,235,[0-9.]+\\)(?:;color:#fff)?\">(\\d+)</td>").matcher(page);
        int count = 0, total = 0;
        while (cells.find()) {
            count++;
            total += Integer.parseInt(cells.group(1));
        }
        assertEquals(100, count, "a 10×10 confusion matrix");
        assertEquals(40, total, "every test image counted once");
        assertTrue(page.contains("The DL4J net&#39;s Evaluation gives the identical confusion matrix"));
        assertTrue(page.contains("Test-set predictions: the same class for 40 of 40 images (1.0000)"));
        assertTrue(page.contains("========================Evaluation Metrics========================"), "DL4J's stats");
        String wall = page.lines().filter(l -> l.contains(HtmlReport.VARIES_MARK)).findFirst().orElseThrow();
        assertTrue(wall.contains("time per epoch: hand-written "), wall);
    }

    @Test
    void theGradientCheckPageHoldsEveryGroupTheScoresAndTheVerdictAndAFaultShowsAsFail() throws IOException {
        Path pass = tmp.resolve("pass.html"), fail = tmp.resolve("fail.html");

        CliRun ok = CliRun.of("gradcheck", "--html", pass.toString());
        CliRun bad = CliRun.of("gradcheck", "--fault", "missing-bias-gradient", "--activation", "tanh", "--steps", "3", "--html", fail.toString());

        assertEquals(Main.AGREE, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().endsWith("html: " + pass + "\n"), ok.out());
        String page = Files.readString(pass, StandardCharsets.UTF_8);
        String verdict = ok.out().lines().filter(l -> l.startsWith("PASS: ")).findFirst().orElseThrow();
        assertTrue(page.contains("<span class=\"badge\">PASS</span> <span class=\"verdict-line\">"
                + HtmlReport.escape(verdict.substring("PASS: ".length())) + "</span>"), page);
        // each console row (group, size, four errors, result) is a row of the page's table
        List<String> groups = ok.out().lines().filter(l -> l.startsWith("layer ")).toList();
        assertEquals(4, groups.size(), ok.out());
        for (String row : groups) {
            String[] f = row.split("\\s{2,}");
            assertTrue(page.contains("<tr><td>" + HtmlReport.escape(f[0]) + "</td><td class=\"num\">" + f[1] + "</td><td class=\"num\">"
                    + f[2] + "</td><td class=\"num\">" + f[3] + "</td><td class=\"num\">" + f[4] + "</td><td class=\"num\">" + f[5]
                    + "</td><td class=\"num good\">PASS</td></tr>"), row + "\n" + page);
        }
        assertTrue(page.contains("<td>check 1: the double-double reference</td>"), page);
        assertTrue(page.contains("<td class=\"num good\">PASS</td></tr>\n<tr><td>check 3: DL4J&#39;s score()</td>"), page);

        assertEquals(Main.DISAGREE, bad.code(), bad.out() + bad.err());
        String failed = Files.readString(fail, StandardCharsets.UTF_8);
        assertTrue(failed.contains("<p class=\"banner bad\"><span class=\"badge\">FAIL</span> <span class=\"verdict-line\">"
                + "check 1, check 2, check 3 (see the rows above; exit code 1).</span>"), failed);
        assertTrue(failed.contains("<tr><td>layer 1 b [50]</td>"), failed);
        assertTrue(failed.contains("<td class=\"num bad\">FAIL 1,2,3</td></tr>"), failed);
        assertTrue(failed.matches("(?s).*<td class=\"num bad\">[0-9.e+-]+ !</td>.*"), "an error over its bound is red");
    }

    @Test
    void theGradientCheckPageInAMissingFolderIsRefusedBeforeTheCheck() throws IOException {
        Path p = tmp.resolve("no/run.html");
        CliRun r = CliRun.of("gradcheck", "--html", p.toString());
        r.assertRefusedBeforeTraining("--html " + p + ": directory " + p.getParent() + " does not exist");
        assertEquals("", r.out());
        assertEquals(List.of(), tree());
    }

    // ----- bad paths: one line, exit 2, before training, nothing written -----


    @Test
    void aPageInAMissingFolderIsRefusedBeforeTraining() throws IOException {
        Path p = tmp.resolve("no/such/run.html");
        CliRun.of("--html", p.toString()).assertRefusedBeforeTraining("--html " + p + ": directory " + p.getParent() + " does not exist");
        assertEquals(List.of(), tree());
    }

    @Test
    void aFolderAsThePageIsRefusedBeforeTraining() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("pages"));
        CliRun.of("--html", d.toString()).assertRefusedBeforeTraining("--html " + d + " is a directory; give a file path, e.g. run.html");
        assertEquals(List.of("pages"), tree());
    }

    @Test
    void aDeviceAsThePageIsRefusedAndLeftADevice() {
        CliRun.of("--html", "/dev/null").assertRefusedBeforeTraining("--html /dev/null is not a regular file (a device, pipe or terminal)"
                + " and is refused: the page is written");
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void thePageAtTheReportsPathIsRefused() throws IOException {
        Path p = tmp.resolve("out");
        CliRun.of("--report", p.toString(), "--html", p.toString()).assertRefusedBeforeTraining("--report " + p + " and --html " + p + " are the same path");
        assertEquals(List.of(), tree());
    }

    @Test
    void thePageInsideTheExportFolderIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("export"));
        CliRun.of("--export", dir.toString(), "--html", dir.resolve("run.html").toString()).assertRefusedBeforeTraining("is inside the --export folder");
        assertEquals(List.of("export"), tree());
    }

    @Test
    void thePageAtTheModelItReadsIsRefusedAndTheFileKept() throws IOException {
        Path model = tmp.resolve("net.zip");
        Files.copy(Path.of("examples", "quadrant-model.zip"), model);
        byte[] before = Files.readAllBytes(model);
        CliRun.of("--model", model.toString(), "--html", model.toString()).assertRefusedBeforeTraining("--html " + model.toRealPath() + " is " + model + ", an input of this run; it would be overwritten");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)));
    }

    @Test
    void thePageIsRefusedWithTheUpdaterComparisonWhichMakesSeveralRuns() {
        CliRun.of("--task", "digits", "--compare-updaters", "sgd,adam", "--html", "x.html").assertRefusedBeforeTraining("--html describes one run; --compare-updaters makes 2");
    }
}
