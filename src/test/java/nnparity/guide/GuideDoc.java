package nnparity.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a guide (LEARN.md, LEARN.zh.md) claims, read off its markdown by three conventions, so
 * that {@link GuideTest} can check every claim against the code:
 *
 * <pre>
 *   [`scratch/Dense.java:56`](src/main/java/nnparity/scratch/Dense.java#L56)      an excerpt: this caption line,
 *   ```java                                                                         then a java block that must
 *   public Matrix forward(Matrix x) {                                               appear in that file, starting
 *   ```                                                                             within ±5 lines of line 56
 *
 *   ```console                                                                      a command: the first line runs
 *   $ mvn -q exec:java -Dexec.mainClass=Compare -Dexec.args="--epochs 0"            Compare with these arguments,
 *   nn-parity: quadrants, the tutorial's 4 points                                   the rest is its output
 *   time: … (varies)                                                                (a line "PREFIX… (varies)"
 *   ```                                                                             matches any line with PREFIX)
 *
 *   [`BaseLayer.backpropGradient`](https://github.com/deeplearning4j/deeplearning4j/blob/1.0.0-M2.1/…/BaseLayer.java#L75)
 *                                                                                   a link into DL4J's sources at
 *                                                                                   the pom's version, whose line
 *                                                                                   declares that method
 * </pre>
 *
 * A command may end in {@code ; echo "exit $?"}; its block's last line is then {@code exit N}.
 * Anything that breaks a convention (a java block without a caption, a {@code $} line that is
 * not a Compare command, a DL4J link without a line) is a {@link #problems() problem}: the guide
 * may show nothing that is not checked.
 */
public final class GuideDoc {
    /** The command prefix every runnable line starts with. */
    static final String COMPARE = "$ mvn -q exec:java -Dexec.mainClass=Compare";
    /** The suffix that makes a command show its exit code. */
    static final String ECHO_EXIT = "; echo \"exit $?\"";
    /** Where a line that differs from run to run begins: {@code PREFIX… (varies)}. */
    static final String VARIES = "… (varies)";
    static final String DL4J_BLOB = "https://github.com/deeplearning4j/deeplearning4j/blob/";

    private static final Pattern CAPTION = Pattern.compile("^\\[`([^`\\]]+):(\\d+)`\\]\\(([^)#\\s]+)#L(\\d+)\\)\\s*:?\\s*$");
    private static final Pattern ARGS = Pattern.compile("^ -Dexec\\.args=\"([^\"]*)\"$");
    private static final Pattern EXIT = Pattern.compile("^exit (\\d+)$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
    private static final Pattern DL4J_LINK = Pattern.compile(Pattern.quote(DL4J_BLOB) + "([^/]+)/([^#]+)#L(\\d+)(?:-L(\\d+))?");
    private static final Pattern MEMBER = Pattern.compile("^`?([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?(?:\\(\\))?`?$");

    /** A piece of the project's source shown in the guide. {@code line} is the caption's 1-based line. */
    public record Excerpt(String path, int line, List<String> lines, int guideLine) {
        @Override public String toString() { return path + ":" + line; }
    }

    /**
     * A Compare run shown in the guide: its arguments, the output shown, whether it ends in
     * {@code ; echo "exit $?"}, and the exit code shown (null when none is shown yet: a problem
     * for such a command, but the command is kept so that {@link PrintGuideOutputs} can fill it).
     */
    public record Command(List<String> args, List<String> output, boolean showsExit, Integer exitCode, int guideLine) {
        /** The arguments as typed, e.g. {@code --epochs 0}. */
        public String argLine() { return String.join(" ", args); }
        @Override public String toString() { return args.isEmpty() ? "(no flags)" : argLine(); }
    }

    /**
     * A link to DL4J's sources: the version and path in DL4J's repository, the line it points at,
     * and the class and member its text names (member null for a link to a class).
     */
    public record SourceLink(String version, String path, int line, String className, String member, int guideLine) {
        @Override public String toString() { return className + (member == null ? "" : "." + member) + " → " + path + "#L" + line; }
    }

    /** A link to a file of this project, e.g. {@code src/main/java/…/Dense.java#L56}. */
    public record FileLink(String path, int guideLine) { }

    private final String name;
    private final List<Excerpt> excerpts = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<SourceLink> sourceLinks = new ArrayList<>();
    private final List<FileLink> fileLinks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private GuideDoc(String name, List<String> lines) {
        this.name = name;
        parse(lines);
    }

    public static GuideDoc read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses markdown {@code text}; {@code name} names it in problems, e.g. {@code LEARN.md}. */
    public static GuideDoc parse(String name, String text) {
        return new GuideDoc(name, Arrays.asList(text.split("\n", -1)));
    }

    public List<Excerpt> excerpts() { return excerpts; }
    public List<Command> commands() { return commands; }
    public List<SourceLink> sourceLinks() { return sourceLinks; }
    public List<FileLink> fileLinks() { return fileLinks; }
    /** Each breach of the conventions, as {@code NAME:LINE: what}. */
    public List<String> problems() { return problems; }
    public String name() { return name; }

    private void parse(List<String> lines) {
        String caption = null;
        int captionLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                String info = line.substring(3).strip();
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) end++;
                if (end == lines.size()) {
                    problem(i + 1, "a code block that never closes");
                    return;
                }
                List<String> body = lines.subList(i + 1, end);
                block(info, body, i + 1, caption, captionLine);
                caption = null;
                i = end;
                continue;
            }
            if (caption != null && !line.isBlank()) problem(captionLine, "an excerpt caption not followed by a ```java block");
            caption = null;
            links(line, i + 1);
            if (CAPTION.matcher(line).matches()) {
                caption = line;
                captionLine = i + 1;
            }
        }
        if (caption != null) problem(captionLine, "an excerpt caption not followed by a ```java block");
    }

    private void block(String info, List<String> body, int fenceLine, String caption, int captionLine) {
        if (info.equals("java")) {
            if (caption == null) {
                problem(fenceLine, "a java block without an excerpt caption [`FILE:LINE`](PATH#LLINE) on the line before it");
                return;
            }
            Matcher m = CAPTION.matcher(caption);
            if (!m.matches()) throw new IllegalStateException(caption);
            String shown = m.group(1), path = m.group(3);
            int line = Integer.parseInt(m.group(2));
            if (!path.endsWith(shown) || Integer.parseInt(m.group(4)) != line) {
                problem(captionLine, "the caption says " + shown + ":" + line + " but links to " + path + "#L" + m.group(4));
                return;
            }
            if (body.stream().allMatch(String::isBlank)) {
                problem(fenceLine, "an empty excerpt");
                return;
            }
            excerpts.add(new Excerpt(path, line, List.copyOf(body), fenceLine + 1));
            return;
        }
        if (caption != null) problem(captionLine, "an excerpt caption followed by a ```" + info + " block, not ```java");
        boolean hasPrompt = body.stream().anyMatch(l -> l.startsWith("$ "));
        if (!hasPrompt) return;
        if (!body.get(0).startsWith("$ ")) {
            problem(fenceLine + 1, "a command block must start with its $ line");
            return;
        }
        for (int k = 1; k < body.size(); k++) {
            if (body.get(k).startsWith("$ ")) problem(fenceLine + 1 + k, "one command per block: a second $ line");
        }
        command(body, fenceLine + 1);
    }

    private void command(List<String> body, int line) {
        String cmd = body.get(0);
        if (!cmd.startsWith(COMPARE)) {
            problem(line, "a command that the guide's test cannot run (only `" + COMPARE + " [-Dexec.args=\"…\"]` is run): " + cmd);
            return;
        }
        String rest = cmd.substring(COMPARE.length());
        boolean echo = rest.endsWith(ECHO_EXIT);
        if (echo) rest = rest.substring(0, rest.length() - ECHO_EXIT.length());
        List<String> args;
        if (rest.isEmpty()) {
            args = List.of();
        } else {
            Matcher m = ARGS.matcher(rest);
            if (!m.matches()) {
                problem(line, "cannot read the arguments of " + cmd + "; write -Dexec.args=\"…\" last (or before ; echo \"exit $?\")");
                return;
            }
            args = m.group(1).isBlank() ? List.of() : List.of(m.group(1).strip().split("\\s+"));
        }
        List<String> output = new ArrayList<>(body.subList(1, body.size()));
        Integer exit = null;
        if (echo) {
            Matcher e = output.isEmpty() ? null : EXIT.matcher(output.get(output.size() - 1));
            if (e == null || !e.matches()) {
                problem(line, "a command ending in ; echo \"exit $?\" must show `exit N` as its last line");
            } else {
                exit = Integer.parseInt(e.group(1));
                output.remove(output.size() - 1);
            }
        }
        commands.add(new Command(args, List.copyOf(output), echo, exit, line));
    }

    /** Links in {@code line}, outside ``double-backtick`` code spans (where the guide shows its own conventions). */
    private void links(String line, int lineNo) {
        Matcher m = LINK.matcher(line.replaceAll("``.*?``", ""));
        while (m.find()) {
            String text = m.group(1), url = m.group(2);
            if (url.startsWith("https://github.com/deeplearning4j/")) {
                Matcher d = DL4J_LINK.matcher(url);
                Matcher t = MEMBER.matcher(text);
                if (!d.matches()) {
                    problem(lineNo, "a link into DL4J's repository that is not " + DL4J_BLOB + "VERSION/PATH#LLINE: " + url);
                } else if (!t.matches()) {
                    problem(lineNo, "a link into DL4J's sources whose text is not `Class` or `Class.method`: [" + text + "]");
                } else {
                    sourceLinks.add(new SourceLink(d.group(1), d.group(2), Integer.parseInt(d.group(3)), t.group(1), t.group(2), lineNo));
                }
            } else if (!url.contains("://") && !url.startsWith("#") && !url.startsWith("mailto:")) {
                int hash = url.indexOf('#');
                fileLinks.add(new FileLink(hash < 0 ? url : url.substring(0, hash), lineNo));
            }
        }
    }

    private void problem(int line, String what) {
        problems.add(name + ":" + line + ": " + what);
    }
}
