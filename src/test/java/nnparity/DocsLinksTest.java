package nnparity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (README.md, LEARN*.md, docs/, benchmarks/,
 * examples/) reaches a file that exists, and every {@code #anchor} a heading in it; images
 * included. Links to the web are not followed.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkInTheDocsReachesAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path md : markdownFiles()) {
            for (String target : links(Files.readString(md))) {
                if (target.matches("^[a-z]+:.*")) continue;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? md : md.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(md + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(md + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theLinkFinderSeesInlineLinksAndImagesButNotCode() {
        assertEquals(List.of("docs/a.md", "img/x.png#p"), links("see [a](docs/a.md) and ![x](img/x.png#p)\n```\n[b](nowhere.md)\n```\n"
                + "as ``[`F:L`](PATH#LL)`` or `[c](c.md)`\n"));
        assertEquals(List.of("why-it-matters", "a-b-c"), List.of(anchor("Why it matters"), anchor("A, b: c")));
    }

    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.trim().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) continue;
            Matcher m = LINK.matcher(line.replaceAll("``.*?``", "").replaceAll("`[^`]*`", ""));
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<String> anchors(Path md) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(md)) {
            if (line.matches("^#{1,6} .*")) out.add(anchor(line.replaceFirst("^#+ ", "")));
        }
        return out;
    }

    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath();
        try (Stream<Path> top = Files.list(root)) {
            top.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        for (String dir : List.of("docs", "benchmarks", "examples")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d, 2)) {
                s.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/")).forEach(files::add);
            }
        }
        assertTrue(files.size() > 3, "found the docs: " + files);
        return files;
    }
}
