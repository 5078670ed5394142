package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnparity.parity.Tolerances;
import nnparity.parity.Verdict;
import nnparity.plot.Picture;
import nnparity.report.HtmlReport.Cell;
import nnparity.report.HtmlReport.Paragraph;
import nnparity.report.HtmlReport.Table;

/**
 * The {@code --html} page in a real browser (Debian's {@code chromium}, headless, from disk, with
 * the network features off): every picture decodes ({@code naturalWidth > 0}, as the page's script
 * records it in the DOM), the verdict is on the page, and a screenshot is saved under
 * {@code target/html-report/}. A picture that cannot be decoded is reported as not loaded, so the
 * check can fail. Skipped, saying so, only when no chromium is installed.
 */
class HtmlReportBrowserTest {

    static final Path OUT = Path.of("target", "html-report");
    static final int SCREEN_WIDTH = 1200, SCREEN_HEIGHT = 1800;

    @TempDir
    Path tmp;

    /** Pictures of the sizes the plots draw (loss 1200×900, regions 1800×620, …) and a small one. */
    static List<Picture> pictures() {
        return List.of(TestPictures.picture("loss.png", "Loss per step, both sides", 1200, 900, 1),
                TestPictures.picture("regions.png", "Decision regions: hand-written | DL4J | where they differ", 1800, 620, 2),
                TestPictures.picture("activations.png", "Activation functions and their derivatives", 600, 360, 3),
                TestPictures.picture("digit.png", "A 28×28 image", 28, 28, 4));
    }

    @Test
    void everyPictureLoadsAndTheVerdictIsOnThePage() throws IOException, InterruptedException {
        HeadlessChromium browser = HeadlessChromium.requireInstalled();
        Verdict v = HtmlReportTest.disagreeing();
        HtmlReport report = HtmlReport.builder("nn-parity: quadrants, the tutorial's 4 points").lead("A test page.")
                .header("spec", v.run().spec().toString()).steps(v.run().steps(), v.run(), 1).verdict(v, Tolerances.DEFAULT)
                .section("Predictions", new Table("classes", List.of("point", "p"), List.of(List.of(Cell.of("(2,2)"), Cell.of("75.0%"))), 1),
                        new Paragraph("Held-out grid of 64 points."))
                .pictures(pictures()).wallClock("time: hand-written 1.00 s, DL4J 2.00 s").build();
        Files.createDirectories(OUT);
        Path page = OUT.resolve("page.html");
        report.write(page);

        String dom = browser.dumpDom(page, tmp);

        HeadlessChromium.ImageCount count = HeadlessChromium.ImageCount.of(dom);
        assertEquals(new HeadlessChromium.ImageCount(4, 4, 0, "4/4"), count, "every picture decoded in the browser");
        assertTrue(dom.contains("<span class=\"badge\">DISAGREE</span>"), "the verdict's word");
        assertTrue(dom.contains("first at step 3, backward pass (gradient), W2[7,1]"), "the verdict's line");
        assertTrue(dom.contains("The first difference beyond the tolerance"));

        Path shot = OUT.resolve("screenshot.png");
        browser.screenshot(page, shot, SCREEN_WIDTH, SCREEN_HEIGHT, tmp);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(SCREEN_WIDTH, img.getWidth());
        assertEquals(SCREEN_HEIGHT, img.getHeight());
        assertTrue(colours(img) > 100, "the screenshot shows a page, not one colour");
    }

    @Test
    void aPictureTheBrowserCannotDecodeIsReportedNotLoaded() throws IOException, InterruptedException {
        HeadlessChromium browser = HeadlessChromium.requireInstalled();
        byte[] good = TestPictures.png(40, 30, 1);
        byte[] broken = Arrays.copyOf(good, 40); // the signature and IHDR, then nothing: no image data
        assertArrayEquals(new int[]{40, 30}, HtmlReport.pngSize(broken), "it even claims its size");
        Path page = tmp.resolve("broken.html");
        HtmlReport.builder("t").pictures(List.of(new Picture("good.png", "good", good), new Picture("broken.png", "broken", broken)))
                .build().write(page);

        String dom = browser.dumpDom(page, tmp);

        assertEquals(new HeadlessChromium.ImageCount(2, 1, 1, "1/2"), HeadlessChromium.ImageCount.of(dom));
    }

    /** Distinct colours in the image, counted up to 1,000. */
    static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight() && seen.size() < 1000; y += 3)
            for (int x = 0; x < img.getWidth() && seen.size() < 1000; x += 3) seen.add(img.getRGB(x, y));
        return seen.size();
    }
}
