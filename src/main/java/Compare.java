/**
 * The entry point for {@code mvn exec:java -Dexec.mainClass=Compare}: it only delegates to
 * {@link nnparity.cli.Main} and hands the exit code to the shell.
 */
public final class Compare {
    private Compare() {
    }

    public static void main(String[] args) {
        System.exit(nnparity.cli.Main.run(args));
    }
}
