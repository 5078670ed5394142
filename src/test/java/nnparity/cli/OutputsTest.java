package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output safety: outputs are checked for real before the first step, never collide, never
 * replace a device or an input, and a run leaves its outputs whole or not at all.
 */
class OutputsTest {
    @TempDir
    Path tmp;

    /** Every entry under the temp folder, recursively, relative to it: proves nothing else was left. */
    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp)).map(p -> tmp.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }


    // ----- Outputs.check, the unit -----

    @Test
    void absentOutputsInAnExistingFolderPassAndLeaveNothing() throws IOException {
        Outputs o = Outputs.check(tmp.resolve("r.json"), tmp.resolve("export"));

        assertEquals(tmp.toRealPath().resolve("r.json"), o.report());
        assertEquals(tmp.toRealPath().resolve("export"), o.export());
        assertEquals(List.of(), tree());
    }

    @Test
    void aReportThroughASymbolicLinkReplacesTheFileItNames() throws IOException {
        Path real = Files.writeString(tmp.resolve("real.json"), "{}");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), real);

        assertEquals(real.toRealPath(), Outputs.check(link, null).report());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedEvenThroughALink() throws IOException {
        Path input = Files.writeString(tmp.resolve("train-images-idx3-ubyte"), "data");
        Path link = Files.createSymbolicLink(tmp.resolve("r.json"), input);

        UsageError e = assertThrows(UsageError.class, () -> Outputs.check(link, null).refuseInputs(List.of(input)));
        assertTrue(e.getMessage().contains("an input of this run; it would be overwritten"), e.getMessage());
        assertEquals("data", Files.readString(input));
    }

    @Test
    void canonicalResolvesLinksAsFarAsThePathExists() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Path link = Files.createSymbolicLink(tmp.resolve("l"), dir);

        assertEquals(dir.toRealPath().resolve("x/y"), Outputs.canonical(link.resolve("x/y")));
    }

    // ----- end to end -----

    @Test
    void reportAndExportAtTheSamePathAreRefusedBeforeTraining() throws IOException {
        Path p = tmp.resolve("out");
        CliRun.of("--report", p.toString(), "--export", p.toString()).assertRefusedBeforeTraining("are the same path");
        assertEquals(List.of(), tree());
    }

    @Test
    void aReportInsideTheExportFolderIsRefusedBeforeTraining() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("export"));
        CliRun.of("--report", dir.resolve("r.json").toString(), "--export", dir.toString()).assertRefusedBeforeTraining("is inside the --export folder");
        assertEquals(List.of("export"), tree());
    }

    @ParameterizedTest(name = "--report {0} is refused and left a device")
    @ValueSource(strings = {"/dev/full", "/dev/null"})
    void aDeviceAsReportIsRefusedBeforeTraining(String device) {
        Path dev = Path.of(device);
        assertTrue(Files.exists(dev) && !Files.isRegularFile(dev), device + " exists on this machine and is not a regular file");

        CliRun.of("--epochs", "1", "--report", device).assertRefusedBeforeTraining("is not a regular file");
        assertTrue(Files.exists(dev) && !Files.isRegularFile(dev), device + " is still not a regular file");
    }

    /** Under Maven the test JVM's stdout is a pipe; from a shell it may be a terminal or a redirected file. */
    @Test
    void theProcesssOwnStdoutAsReportIsRefusedWhateverItIs() {
        CliRun r = CliRun.of("--epochs", "1", "--report", "/dev/stdout");
        String line = r.err().strip();
        r.assertRefusedBeforeTraining("--report /dev/stdout is ");
        assertTrue(line.contains("is not a regular file") || line.contains("own stdout or stderr"), line);
    }

    @Test
    void anExportFolderThatHoldsFilesIsRefusedNamingOneAndLeftAlone() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("export"));
        Files.createDirectory(dir.resolve("losses.csv"));

        CliRun.of("--export", dir.toString()).assertRefusedBeforeTraining("already holds files (e.g. losses.csv)");
        assertEquals(List.of("export", "export/losses.csv"), tree());
    }

    @Test
    void anExportIntoAMissingFolderIsRefusedAndCreatesNothing() throws IOException {
        Path dir = tmp.resolve("no/such/export");
        CliRun.of("--export", dir.toString()).assertRefusedBeforeTraining("does not exist");
        assertEquals(List.of(), tree());
    }

    @Test
    void aFinishedRunLeavesExactlyItsOutputsAndReplacesAnEarlierReport() throws IOException {
        Path report = Files.writeString(tmp.resolve("r.json"), "an earlier report");
        Path export = Files.createDirectory(tmp.resolve("export"));

        CliRun r = CliRun.of("--epochs", "2", "--report", report.toString(), "--export", export.toString());

        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(Files.readString(report).contains("\"verdict\": \"AGREE\""));
        assertEquals(List.of("export", "export/README.txt", "export/W1.npy", "export/W2.npy", "export/b1.npy", "export/b2.npy",
                "export/batches.csv", "export/losses.csv", "export/t.npy", "export/x.npy", "r.json"), tree());
    }

    @Test
    void aRunThatFailsAfterTheChecksLeavesNoOutputBehind() throws IOException {
        Path report = tmp.resolve("r.json"), export = tmp.resolve("export");

        CliRun r = CliRun.of("--task", "digits", "--data", tmp.resolve("no-data").toString(),
                "--report", report.toString(), "--export", export.toString());

        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        assertEquals(List.of(), tree());
    }
}
