package nnparity.guide;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checks behind {@link GuideTest}, each returning null when the guide's claim holds and
 * otherwise one message that names the guide's line, what it claims and what is there instead.
 */
public final class GuideChecks {
    /** How far an excerpt may start from the line its caption names. */
    public static final int LINE_SLACK = 5;

    private GuideChecks() {
    }

    /**
     * Null if {@code e}'s lines appear, consecutively, in {@code root/e.path()} starting within
     * ±{@link #LINE_SLACK} lines of {@code e.line()}. Lines are compared without leading and
     * trailing white space, so an excerpt may be shown less indented than in its file.
     */
    public static String excerptProblem(Path root, GuideDoc.Excerpt e) {
        Path file = root.resolve(e.path());
        if (!Files.isRegularFile(file)) return "guide line " + e.guideLine() + ": " + e.path() + " does not exist";
        List<String> src;
        try {
            src = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "guide line " + e.guideLine() + ": cannot read " + e.path() + ": " + ex.getMessage();
        }
        List<Integer> starts = occurrences(src, e.lines());
        for (int s : starts) if (Math.abs(s - e.line()) <= LINE_SLACK) return null;
        if (starts.isEmpty()) {
            return "guide line " + e.guideLine() + ": the excerpt captioned " + e + " is no longer in " + e.path()
                    + "; its first line not found there: " + firstMismatch(src, e) ;
        }
        return "guide line " + e.guideLine() + ": the excerpt captioned " + e + " now starts at line " + starts
                + " of " + e.path() + ", more than " + LINE_SLACK + " lines away; update the caption to :" + starts.get(0);
    }

    /** 1-based lines of {@code src} where {@code excerpt} starts, compared stripped. */
    static List<Integer> occurrences(List<String> src, List<String> excerpt) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s + excerpt.size() <= src.size(); s++) {
            boolean all = true;
            for (int k = 0; k < excerpt.size() && all; k++) all = src.get(s + k).strip().equals(excerpt.get(k).strip());
            if (all) out.add(s + 1);
        }
        return out;
    }

    /** The excerpt's longest matching start near its line, and the first line that differs there. */
    private static String firstMismatch(List<String> src, GuideDoc.Excerpt e) {
        int bestStart = -1, bestLen = -1;
        for (int s = Math.max(0, e.line() - 1 - LINE_SLACK); s <= Math.min(src.size() - 1, e.line() - 1 + LINE_SLACK); s++) {
            int k = 0;
            while (k < e.lines().size() && s + k < src.size() && src.get(s + k).strip().equals(e.lines().get(k).strip())) k++;
            if (k > bestLen) {
                bestLen = k;
                bestStart = s;
            }
        }
        if (bestStart < 0) return "'" + e.lines().get(0).strip() + "'";
        int k = bestLen;
        String file = bestStart + k < src.size() ? src.get(bestStart + k).strip() : "(end of file)";
        return "near line " + (bestStart + 1) + ", excerpt line " + (k + 1) + " '" + e.lines().get(k).strip() + "' vs the file's line "
                + (bestStart + k + 1) + " '" + file + "'";
    }

    /**
     * Null if the run's {@code actual} lines are the {@code shown} ones: equal line by line, except
     * that a shown line {@code PREFIX… (varies)} matches any actual line starting with PREFIX.
     * Trailing blank lines are ignored on both sides.
     */
    public static String outputProblem(List<String> shown, List<String> actual) {
        List<String> s = trimTrailingBlank(shown), a = trimTrailingBlank(actual);
        for (int i = 0; i < Math.max(s.size(), a.size()); i++) {
            String want = i < s.size() ? s.get(i) : null, got = i < a.size() ? a.get(i) : null;
            if (want == null) return "output line " + (i + 1) + ": the run printed more than the guide shows, from: " + got;
            if (got == null) return "output line " + (i + 1) + ": the guide shows more than the run printed, from: " + want;
            if (!matches(want, got)) return "output line " + (i + 1) + " differs:\n  guide: " + want + "\n  run:   " + got;
        }
        return null;
    }

    /** Whether one shown line matches one printed line (see {@link #outputProblem}). */
    static boolean matches(String shown, String actual) {
        String prefix = variesPrefix(shown);
        return prefix == null ? shown.equals(actual) : actual.startsWith(prefix);
    }

    /** PREFIX of a line {@code PREFIX… (varies)}, or null for a line that must match exactly. */
    static String variesPrefix(String shown) {
        if (!shown.endsWith(GuideDoc.VARIES)) return null;
        String prefix = shown.substring(0, shown.length() - GuideDoc.VARIES.length());
        return prefix.isBlank() ? null : prefix;
    }

    /**
     * The run's output as the guide should show it: {@code actual}, with each line that a varies
     * line of {@code shown} matches replaced by that varies line (in order). What the refresh tool
     * prints for pasting; never written into a guide by a test.
     */
    public static List<String> asShown(List<String> shown, List<String> actual) {
        List<String> varies = new ArrayList<>();
        for (String l : shown) if (variesPrefix(l) != null) varies.add(l);
        List<String> out = new ArrayList<>();
        int v = 0;
        for (String l : trimTrailingBlank(actual)) {
            if (v < varies.size() && matches(varies.get(v), l)) out.add(varies.get(v++));
            else if (l.startsWith("time: ") || l.startsWith("time per epoch: ")) out.add(l.substring(0, l.indexOf(':') + 2) + GuideDoc.VARIES);
            else out.add(l);
        }
        return out;
    }

    /**
     * Null if {@code link} points into DL4J's sources at {@code version} and its line declares the
     * member (or class) its text names, as read from {@code sourcesJar}. The path must lie under
     * one of the two modules whose sources jars the test reads.
     */
    public static String linkProblem(GuideDoc.SourceLink link, String version, Path sourcesJar) {
        String where = "guide line " + link.guideLine() + ": [" + link.className() + (link.member() == null ? "" : "." + link.member()) + "] ";
        if (!link.version().equals(version))
            return where + "links to DL4J " + link.version() + ", but the pom uses " + version;
        String entry = entryOf(link.path());
        if (entry == null) return where + "links to " + link.path() + ", outside the modules whose sources the test reads: " + String.join(", ", SOURCE_ROOTS);
        if (!entry.endsWith("/" + link.className() + ".java"))
            return where + "names class " + link.className() + " but links to " + entry;
        List<String> lines;
        try (ZipFile zip = new ZipFile(sourcesJar.toFile())) {
            ZipEntry z = zip.getEntry(entry);
            if (z == null) return where + entry + " is not in " + sourcesJar.getFileName();
            try (InputStream in = zip.getInputStream(z)) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        } catch (IOException ex) {
            return where + "cannot read " + sourcesJar + ": " + ex.getMessage();
        }
        if (link.line() < 1 || link.line() > lines.size()) return where + "line " + link.line() + " is past the end of " + entry;
        String at = lines.get(link.line() - 1);
        String wanted = link.member() == null ? "class " + link.className() : link.member() + "(";
        if (at.contains(wanted)) return null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains(wanted) && (link.member() == null || l.contains("public ") || l.contains("protected ") || l.contains("private ")))
                return where + "line " + link.line() + " is '" + at.strip() + "'; " + wanted + " is declared at line " + (i + 1);
        }
        return where + "line " + link.line() + " is '" + at.strip() + "', and " + wanted + " is nowhere in " + entry;
    }

    /** Where DL4J's repository keeps the sources of the modules the guide links to. */
    public static final List<String> SOURCE_ROOTS = List.of(
            "deeplearning4j/deeplearning4j-nn/src/main/java/",
            "nd4j/nd4j-backends/nd4j-api-parent/nd4j-api/src/main/java/");

    /** The module ("deeplearning4j-nn" or "nd4j-api") a repository path lies in, or null. */
    public static String moduleOf(String repoPath) {
        if (repoPath.startsWith(SOURCE_ROOTS.get(0))) return "deeplearning4j-nn";
        if (repoPath.startsWith(SOURCE_ROOTS.get(1))) return "nd4j-api";
        return null;
    }

    private static String entryOf(String repoPath) {
        for (String root : SOURCE_ROOTS) if (repoPath.startsWith(root)) return repoPath.substring(root.length());
        return null;
    }

    private static List<String> trimTrailingBlank(List<String> lines) {
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isBlank()) n--;
        return lines.subList(0, n);
    }
}
