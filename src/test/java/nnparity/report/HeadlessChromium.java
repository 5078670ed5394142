package nnparity.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, run headless on a page from disk, for the tests of {@code --html}:
 * the DOM after the page's own script ran ({@code --dump-dom}) and a screenshot. Each run gets a
 * fresh profile folder and every feature that would reach the network is off.
 */
public final class HeadlessChromium {
    /** Where to look when {@code chromium} is not on the PATH. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    /** Virtual time the page may use before the DOM is dumped: its load event and script run well within it. */
    private static final int VIRTUAL_TIME_MS = 5000;
    /** A stuck browser fails the test instead of hanging it. */
    private static final long TIMEOUT_SECONDS = 120;

    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");
    private static final Pattern LOADED = Pattern.compile("\\bdata-loaded=\"(yes|no)\"");
    private static final Pattern BODY_COUNT = Pattern.compile("<body[^>]*\\bdata-images-loaded=\"(\\d+)/(\\d+)\"");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The installed browser, or empty when none is on the PATH (nor at /usr/bin/chromium). */
    public static Optional<HeadlessChromium> find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : NAMES) candidates.add(Path.of(dir, name));
            }
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst().map(HeadlessChromium::new);
    }

    /**
     * The browser, or the test is skipped (a JUnit assumption) with a message in the output saying
     * that no browser could be found and how to install one.
     */
    public static HeadlessChromium requireInstalled() {
        Optional<HeadlessChromium> found = find();
        if (found.isEmpty()) {
            String msg = "SKIPPED: no browser could be found (chromium or chromium-browser on the PATH, or /usr/bin/chromium);"
                    + " the --html page was not rendered. Install Debian's chromium (apt-get install chromium) to run this test.";
            System.out.println(msg);
            Assumptions.assumeTrue(false, msg);
        }
        return found.get();
    }

    public Path binary() {
        return binary;
    }

    /** The page's DOM after it loaded and its scripts ran. */
    public String dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        return run(page, workDir, List.of("--virtual-time-budget=" + VIRTUAL_TIME_MS, "--dump-dom"));
    }

    /** Saves a screenshot of the page, {@code width}×{@code height} pixels, to {@code png}. */
    public void screenshot(Path page, Path png, int width, int height, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(page, workDir, List.of("--virtual-time-budget=" + VIRTUAL_TIME_MS, "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath()));
        if (!Files.isRegularFile(png)) throw new IOException("chromium wrote no screenshot to " + png);
    }

    private String run(Path page, Path workDir, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(action);
        cmd.add(page.toAbsolutePath().toUri().toString());
        Path stdout = workDir.resolve("chromium-" + profile.getFileName() + ".out");
        Path stderr = workDir.resolve("chromium-" + profile.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0)
            throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr, StandardCharsets.UTF_8));
        return out;
    }

    /**
     * What the page's script recorded in a dumped DOM: how many {@code <img>} elements there are,
     * how many it marked loaded ({@code data-loaded="yes"}), how many it marked not loaded, and the
     * body's {@code data-images-loaded="k/n"} (null if the script never ran).
     */
    public record ImageCount(int images, int yes, int no, String body) {
        public static ImageCount of(String dom) {
            int images = 0, yes = 0, no = 0;
            Matcher img = IMG.matcher(dom);
            while (img.find()) {
                images++;
                Matcher m = LOADED.matcher(img.group());
                if (m.find()) {
                    if (m.group(1).equals("yes")) yes++;
                    else no++;
                }
            }
            Matcher b = BODY_COUNT.matcher(dom);
            return new ImageCount(images, yes, no, b.find() ? b.group(1) + "/" + b.group(2) : null);
        }
    }
}
