package nnparity.guide;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import nnparity.cli.Main;

/**
 * One guide command run in-process through the CLI's entry point ({@link Main#run}), as
 * {@code mvn exec:java -Dexec.mainClass=Compare} runs it: its exit code and what a terminal
 * shows, stdout then stderr, without stderr's progress lines (which come and go with speed).
 */
record GuideRun(int exitCode, List<String> lines) {

    static GuideRun of(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        List<String> lines = new ArrayList<>(out.toString().lines().toList());
        err.toString().lines().filter(l -> !l.startsWith("progress: ")).forEach(lines::add);
        return new GuideRun(code, lines);
    }
}
