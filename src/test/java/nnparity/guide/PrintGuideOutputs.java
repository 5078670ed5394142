package nnparity.guide;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints every command block of a guide as it should read now: each command run in-process, its
 * output with the guide's own {@code … (varies)} lines kept, ready to paste over the old block.
 * It never writes a guide. Run from the repository root:
 *
 * <pre>
 *   mvn -q test-compile exec:java -Dexec.mainClass=nnparity.guide.PrintGuideOutputs -Dexec.classpathScope=test -Dexec.args="LEARN.md"
 * </pre>
 *
 * Each block is preceded by a line {@code <!-- LEARN.md:LINE -->} naming where it goes, and marked
 * {@code (unchanged)} or {@code (CHANGED)}. The Chinese guide shows the same blocks: paste them
 * there too (GuideTest checks that both guides show the same output).
 */
public final class PrintGuideOutputs {
    private PrintGuideOutputs() {
    }

    public static void main(String[] args) {
        Path guide = Path.of(args.length > 0 ? args[0] : "LEARN.md");
        GuideDoc doc = GuideDoc.read(guide);
        Map<String, GuideRun> runs = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (GuideDoc.Command c : doc.commands()) {
            GuideRun r = runs.computeIfAbsent(c.argLine(), k -> GuideRun.of(c.args()));
            boolean same = GuideChecks.outputProblem(c.output(), r.lines()) == null
                    && (c.showsExit() ? c.exitCode() != null && c.exitCode() == r.exitCode() : r.exitCode() == 0);
            out.append("<!-- ").append(guide).append(':').append(c.guideLine()).append(same ? " (unchanged)" : " (CHANGED)").append(" -->\n");
            out.append("```console\n");
            out.append(GuideDoc.COMPARE).append(c.args().isEmpty() ? "" : " -Dexec.args=\"" + c.argLine() + "\"")
                    .append(c.showsExit() ? GuideDoc.ECHO_EXIT : "").append('\n');
            for (String l : GuideChecks.asShown(c.output(), r.lines())) out.append(l).append('\n');
            if (c.showsExit()) out.append("exit ").append(r.exitCode()).append('\n');
            out.append("```\n\n");
        }
        System.out.print(out);
        System.out.flush();
        System.exit(0);
    }
}
