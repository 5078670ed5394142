package nnparity.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import nnparity.data.MnistLocator;

/**
 * LEARN.md and LEARN.zh.md cannot go stale: every code excerpt is still in its file near the line
 * its caption names, every link into DL4J's sources points at the member it names in the version
 * the pom uses, every project file they link exists, and every command they show prints, when
 * run now through the CLI's entry point, what they show (lines marked {@code … (varies)} aside).
 * The conventions are {@link GuideDoc}'s. When an output changes on purpose, print the new blocks
 * with {@link PrintGuideOutputs} and paste them into both guides.
 */
class GuideTest {
    static final List<Path> GUIDES = List.of(Path.of("LEARN.md"), Path.of("LEARN.zh.md"));
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    /** Fewer than these in a guide means the parser stopped seeing them, not that the guide is short. */
    private static final int MIN_EXCERPTS = 15, MIN_COMMANDS = 10, MIN_SOURCE_LINKS = 12;

    @Test
    void bothGuidesFollowTheConventionsAndShowEnoughToCheck() {
        for (Path g : GUIDES) {
            GuideDoc doc = GuideDoc.read(g);
            assertEquals(List.of(), doc.problems(), g + " breaks the guide conventions (see GuideDoc)");
            assertTrue(doc.excerpts().size() >= MIN_EXCERPTS, g + ": only " + doc.excerpts().size() + " excerpts found");
            assertTrue(doc.commands().size() >= MIN_COMMANDS, g + ": only " + doc.commands().size() + " commands found");
            assertTrue(doc.sourceLinks().size() >= MIN_SOURCE_LINKS, g + ": only " + doc.sourceLinks().size() + " DL4J links found");
        }
    }

    /** The Chinese guide is the same guide: the same excerpts, commands, outputs and DL4J links, in the same order. */
    @Test
    void theChineseGuideShowsTheSameCodeCommandsAndOutputsAsTheEnglishOne() {
        GuideDoc en = GuideDoc.read(GUIDES.get(0)), zh = GuideDoc.read(GUIDES.get(1));
        assertEquals(excerptKeys(en), excerptKeys(zh), "excerpts");
        assertEquals(commandKeys(en), commandKeys(zh), "commands and their outputs");
        assertEquals(linkKeys(en), linkKeys(zh), "DL4J source links");
    }

    @TestFactory
    Stream<DynamicTest> everyExcerptIsStillInItsFileNearTheNamedLine() {
        return allGuides().flatMap(doc -> doc.excerpts().stream().map(e -> DynamicTest.dynamicTest(doc.name() + " " + e,
                () -> assertNull(GuideChecks.excerptProblem(Path.of(""), e), () -> doc.name() + ": " + GuideChecks.excerptProblem(Path.of(""), e)))));
    }

    @TestFactory
    Stream<DynamicTest> everyProjectFileTheGuidesLinkExists() {
        return allGuides().flatMap(doc -> doc.fileLinks().stream().map(l -> DynamicTest.dynamicTest(doc.name() + " → " + l.path(),
                () -> assertTrue(Files.exists(Path.of(l.path())), doc.name() + ":" + l.guideLine() + " links to " + l.path() + ", which does not exist"))));
    }

    /** Needs the sources jars in the local Maven repository (fetched once, see the skip message). */
    @TestFactory
    Stream<DynamicTest> everyDl4jLinkPointsAtTheMemberItNamesInThePomsVersion() throws IOException {
        String version = dl4jVersion();
        return allGuides().flatMap(doc -> doc.sourceLinks().stream().map(l -> DynamicTest.dynamicTest(doc.name() + " " + l, () -> {
            String module = GuideChecks.moduleOf(l.path());
            Path jar = sourcesJar(module == null ? "deeplearning4j-nn" : module, version);
            if (module != null && l.version().equals(version))
                assumeTrue(Files.isRegularFile(jar), "no " + jar + "; fetch it once with mvn dependency:get -Dartifact="
                        + (module.equals("nd4j-api") ? "org.nd4j" : "org.deeplearning4j") + ":" + module + ":" + version + ":jar:sources");
            assertNull(GuideChecks.linkProblem(l, version, jar), () -> doc.name() + ": " + GuideChecks.linkProblem(l, version, jar));
        })));
    }

    /**
     * Each distinct command of LEARN.md runs once; its output must be what the guide shows (the
     * Chinese guide shows the same, checked above). The digits command needs Fashion-MNIST.
     */
    @TestFactory
    Stream<DynamicTest> everyCommandPrintsWhatTheGuideShows() {
        GuideDoc doc = GuideDoc.read(GUIDES.get(0));
        Map<String, GuideRun> runs = new LinkedHashMap<>();
        return doc.commands().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            if (c.args().contains("digits"))
                assumeTrue(MnistLocator.findFiles(FASHION).isPresent(), "apt-get install dataset-fashion-mnist to run this command");
            GuideRun r = runs.computeIfAbsent(c.argLine(), k -> GuideRun.of(c.args()));
            assertTrue(!c.showsExit() || c.exitCode() != null, "LEARN.md:" + c.guideLine() + " echoes the exit code but shows none");
            int expectedExit = c.showsExit() ? c.exitCode() : 0;
            String problem = GuideChecks.outputProblem(c.output(), r.lines());
            String how = "\nLEARN.md:" + c.guideLine() + " runs `" + c.argLine() + "`. If the change is intended, print the new blocks with"
                    + " nnparity.guide.PrintGuideOutputs (see its javadoc) and paste them into both guides. The run printed:\n"
                    + String.join("\n", r.lines());
            assertEquals(expectedExit, r.exitCode(), () -> "exit code" + how);
            assertNull(problem, () -> problem + how);
        }));
    }

    private static Stream<GuideDoc> allGuides() {
        return GUIDES.stream().map(GuideDoc::read);
    }

    private static List<String> excerptKeys(GuideDoc d) {
        List<String> out = new ArrayList<>();
        for (GuideDoc.Excerpt e : d.excerpts()) out.add(e.path() + ":" + e.line() + "\n" + String.join("\n", e.lines()));
        return out;
    }

    private static List<String> commandKeys(GuideDoc d) {
        List<String> out = new ArrayList<>();
        for (GuideDoc.Command c : d.commands()) out.add(c.argLine() + " → exit " + c.exitCode() + "\n" + String.join("\n", c.output()));
        return out;
    }

    private static List<String> linkKeys(GuideDoc d) {
        List<String> out = new ArrayList<>();
        for (GuideDoc.SourceLink l : d.sourceLinks()) out.add(l.version() + " " + l);
        return out;
    }

    /** {@code dl4j.version} from pom.xml. */
    static String dl4jVersion() throws IOException {
        Matcher m = Pattern.compile("<dl4j\\.version>([^<]+)</dl4j\\.version>").matcher(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        if (!m.find()) throw new IllegalStateException("pom.xml has no <dl4j.version>");
        return m.group(1).strip();
    }

    /** The sources jar of {@code module} in the local Maven repository. */
    static Path sourcesJar(String module, String version) {
        String repo = System.getProperty("maven.repo.local", Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        String group = module.equals("nd4j-api") ? "org/nd4j" : "org/deeplearning4j";
        return Path.of(repo, group, module, version, module + "-" + version + "-sources.jar");
    }
}
