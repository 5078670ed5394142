package nnparity.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's extractor and checks on small made-up guides: each check must be able to fail. */
class GuideChecksTest {
    private static final String SRC = String.join("\n",
            "package x;",                         // 1
            "",                                   // 2
            "final class Dense {",                // 3
            "    Matrix forward(Matrix x) {",     // 4
            "        this.x = x;",                // 5
            "        return x.times(w);",         // 6
            "    }",                              // 7
            "}", "");

    @TempDir Path root;

    private Path source() throws IOException {
        Path f = root.resolve("src/Dense.java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, SRC, StandardCharsets.UTF_8);
        return f;
    }

    private static String guide(int line, String... code) {
        return "# Guide\n\n[`Dense.java:" + line + "`](src/Dense.java#L" + line + ")\n```java\n" + String.join("\n", code) + "\n```\n";
    }

    private String problem(String guide) throws IOException {
        source();
        GuideDoc doc = GuideDoc.parse("G.md", guide);
        assertEquals(List.of(), doc.problems());
        assertEquals(1, doc.excerpts().size());
        return GuideChecks.excerptProblem(root, doc.excerpts().get(0));
    }

    @Test
    void anExcerptThatIsInItsFileAtItsLinePasses() throws IOException {
        assertNull(problem(guide(4, "Matrix forward(Matrix x) {", "    this.x = x;", "    return x.times(w);")));
    }

    @Test
    void anExcerptFiveLinesOffStillPassesAndSixDoesNot() throws IOException {
        assertNull(problem(guide(9, "Matrix forward(Matrix x) {")));
        String far = problem(guide(10, "Matrix forward(Matrix x) {"));
        assertNotNull(far);
        assertTrue(far.contains("now starts at line [4]"), far);
        assertTrue(far.contains("update the caption to :4"), far);
    }

    @Test
    void aDeliberatelyEditedExcerptFailsAndNamesTheLineThatDiffers() throws IOException {
        String p = problem(guide(4, "Matrix forward(Matrix x) {", "    this.x = x;", "    return x.times(w).plus(b);"));
        assertNotNull(p);
        assertTrue(p.contains("no longer in src/Dense.java"), p);
        assertTrue(p.contains("excerpt line 3 'return x.times(w).plus(b);' vs the file's line 6 'return x.times(w);'"), p);
    }

    @Test
    void anExcerptOfAFileThatIsGoneFails() {
        GuideDoc doc = GuideDoc.parse("G.md", guide(4, "Matrix forward(Matrix x) {"));
        assertTrue(GuideChecks.excerptProblem(root, doc.excerpts().get(0)).contains("src/Dense.java does not exist"));
    }

    @Test
    void aJavaBlockWithoutACaptionIsAProblemNotASilentPass() {
        GuideDoc doc = GuideDoc.parse("G.md", "text\n\n```java\nint x = 1;\n```\n");
        assertEquals(List.of("G.md:3: a java block without an excerpt caption [`FILE:LINE`](PATH#LLINE) on the line before it"), doc.problems());
    }

    @Test
    void aCaptionWhoseTextAndLinkDisagreeIsAProblem() {
        GuideDoc doc = GuideDoc.parse("G.md", "[`Dense.java:4`](src/Dense.java#L5)\n```java\nx\n```\n");
        assertEquals(List.of("G.md:1: the caption says Dense.java:4 but links to src/Dense.java#L5"), doc.problems());
    }

    @Test
    void aCommandBlockIsReadAsItsArgumentsOutputAndExitCode() {
        GuideDoc doc = GuideDoc.parse("G.md", String.join("\n", "```console",
                "$ mvn -q exec:java -Dexec.mainClass=Compare -Dexec.args=\"--activation step\"; echo \"exit $?\"",
                "error: activation 'step' cannot be trained", "exit 2", "```",
                "```console", "$ mvn -q exec:java -Dexec.mainClass=Compare", "AGREE", "```", ""));
        assertEquals(List.of(), doc.problems());
        assertEquals(List.of(new GuideDoc.Command(List.of("--activation", "step"), List.of("error: activation 'step' cannot be trained"), true, 2, 2),
                new GuideDoc.Command(List.of(), List.of("AGREE"), false, null, 7)), doc.commands());
    }

    @Test
    void aCommandTheTestCannotRunIsAProblem() {
        GuideDoc doc = GuideDoc.parse("G.md", "```console\n$ python3 replay.py\n0.5\n```\n");
        assertEquals(1, doc.problems().size());
        assertTrue(doc.problems().get(0).startsWith("G.md:2: a command that the guide's test cannot run"), doc.problems().get(0));
    }

    @Test
    void anEchoedExitCodeMustBeShown() {
        GuideDoc doc = GuideDoc.parse("G.md", "```console\n$ mvn -q exec:java -Dexec.mainClass=Compare; echo \"exit $?\"\nAGREE\n```\n");
        assertEquals(List.of("G.md:2: a command ending in ; echo \"exit $?\" must show `exit N` as its last line"), doc.problems());
        assertEquals(List.of(new GuideDoc.Command(List.of(), List.of("AGREE"), true, null, 2)), doc.commands(),
                "kept, so that PrintGuideOutputs can fill in its output and exit code");
    }

    @Test
    void outputMustMatchLineByLineExceptLinesMarkedVaries() {
        List<String> shown = List.of("AGREE: max 2.0e-14", "time: … (varies)", "");
        assertNull(GuideChecks.outputProblem(shown, List.of("AGREE: max 2.0e-14", "time: hand-written 0.0649 s")));
        assertEquals("output line 1 differs:\n  guide: AGREE: max 2.0e-14\n  run:   AGREE: max 2.1e-14",
                GuideChecks.outputProblem(shown, List.of("AGREE: max 2.1e-14", "time: 1 s")));
        assertEquals("output line 2 differs:\n  guide: time: … (varies)\n  run:   speed: 1 s",
                GuideChecks.outputProblem(shown, List.of("AGREE: max 2.0e-14", "speed: 1 s")));
        assertEquals("output line 3: the run printed more than the guide shows, from: extra",
                GuideChecks.outputProblem(shown, List.of("AGREE: max 2.0e-14", "time: 1 s", "extra")));
        assertEquals("output line 2: the guide shows more than the run printed, from: time: … (varies)",
                GuideChecks.outputProblem(shown, List.of("AGREE: max 2.0e-14")));
    }

    @Test
    void aVariesMarkWithoutAPrefixMatchesOnlyItself() {
        assertNotNull(GuideChecks.outputProblem(List.of("… (varies)"), List.of("anything")));
    }

    @Test
    void theRefreshedBlockKeepsTheGuidesVariesLinesAndMarksNewTimeLines() {
        List<String> shown = List.of("  data   loaded in … (varies)", "AGREE");
        assertEquals(List.of("  data   loaded in … (varies)", "AGREE!", "time: … (varies)"),
                GuideChecks.asShown(shown, List.of("  data   loaded in 2.1 s", "AGREE!", "time: hand-written 1 s", "")));
    }

    private Path jar(String entry, String text) throws IOException {
        Path jar = root.resolve("sources.jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return jar;
    }

    private static GuideDoc.SourceLink link(String markdown) {
        GuideDoc doc = GuideDoc.parse("G.md", markdown);
        assertEquals(List.of(), doc.problems());
        return doc.sourceLinks().get(0);
    }

    private static final String LAYER = "package a;\nclass BaseLayer {\n    public void backpropGradient(int e) {\n    }\n}\n";
    private static final String URL = "https://github.com/deeplearning4j/deeplearning4j/blob/1.0.0-M2.1/deeplearning4j/deeplearning4j-nn/src/main/java/a/BaseLayer.java";

    @Test
    void aDl4jLinkPassesOnlyAtTheLineThatDeclaresItsMember() throws IOException {
        Path jar = jar("a/BaseLayer.java", LAYER);
        assertNull(GuideChecks.linkProblem(link("see [`BaseLayer.backpropGradient`](" + URL + "#L3)"), "1.0.0-M2.1", jar));
        assertNull(GuideChecks.linkProblem(link("see [`BaseLayer`](" + URL + "#L2-L5)"), "1.0.0-M2.1", jar));
        assertEquals("guide line 1: [BaseLayer.backpropGradient] line 4 is '}'; backpropGradient( is declared at line 3",
                GuideChecks.linkProblem(link("see [`BaseLayer.backpropGradient`](" + URL + "#L4)"), "1.0.0-M2.1", jar));
    }

    @Test
    void aDl4jLinkToAnotherVersionThanThePomsFails() throws IOException {
        Path jar = jar("a/BaseLayer.java", LAYER);
        assertEquals("guide line 1: [BaseLayer.backpropGradient] links to DL4J 1.0.0-M2.1, but the pom uses 1.0.0-M3",
                GuideChecks.linkProblem(link("[`BaseLayer.backpropGradient`](" + URL + "#L3)"), "1.0.0-M3", jar));
    }

    @Test
    void aDl4jLinkWithoutALineIsAProblem() {
        GuideDoc doc = GuideDoc.parse("G.md", "[`BaseLayer`](" + URL + ")");
        assertEquals(1, doc.problems().size());
        assertTrue(doc.problems().get(0).startsWith("G.md:1: a link into DL4J's repository that is not"), doc.problems().get(0));
    }
}
