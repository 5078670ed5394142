package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plots DIR}: refused before training when it cannot be written whole; otherwise the run's pictures, the same for the same seed. */
class PlotsFlagTest {
    @TempDir
    Path tmp;

    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp)).map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }


    @Test
    void aFileIsRefusedAndKept() throws IOException {
        Path f = Files.writeString(tmp.resolve("plots"), "mine");
        CliRun.of("--plots", f.toString()).assertRefusedBeforeTraining("--plots " + f + " is a file");
        assertEquals("mine", Files.readString(f));
    }

    @Test
    void aFolderWithFilesIsRefusedAndKept() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("plots"));
        Files.writeString(dir.resolve("loss.png"), "old");
        CliRun.of("--plots", dir.toString()).assertRefusedBeforeTraining("already holds files (e.g. loss.png)");
        assertEquals(List.of("plots", "plots/loss.png"), tree());
    }

    @Test
    void aMissingParentIsRefused() {
        CliRun.of("--plots", tmp.resolve("no/such/plots").toString()).assertRefusedBeforeTraining("does not exist");
    }

    @Test
    void anUnwritableParentIsRefused() throws IOException {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        assertTrue(ro.toFile().setWritable(false));
        try {
            if (Files.isWritable(ro)) return; // root ignores permissions: nothing to test here
            CliRun.of("--plots", ro.resolve("plots").toString()).assertRefusedBeforeTraining("cannot be written");
        } finally {
            ro.toFile().setWritable(true);
        }
    }

    @Test
    void theExportFolderIsRefusedAsThePlotsFolder() {
        Path dir = tmp.resolve("out");
        CliRun.of("--export", dir.toString(), "--plots", dir.toString()).assertRefusedBeforeTraining("also the --export folder");
        Path r = tmp.resolve("p");
        CliRun.of("--report", r.resolve("r.json").toString(), "--plots", r.toString()).assertRefusedBeforeTraining("does not exist");
    }

    @Test
    void gradcheckRefusesABadFolderBeforeChecking() throws IOException {
        Path f = Files.writeString(tmp.resolve("plots"), "mine");
        CliRun r = CliRun.of("gradcheck", "--plots", f.toString());
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertFalse(r.out().contains("check 1"), r.out());
    }

    @Test
    void digitsWithCompareUpdatersRefusesPlots() {
        CliRun r = CliRun.of("--task", "digits", "--compare-updaters", "sgd,adam", "--plots", tmp.resolve("p").toString());
        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--plots draws one run"), r.err());
    }

    @Test
    void aQuadrantRunWritesItsThreePicturesTheSameForTheSameSeed() throws IOException {
        CliRun a = CliRun.of("--epochs", "20", "--plots", tmp.resolve("a").toString());
        CliRun b = CliRun.of("--epochs", "20", "--plots", tmp.resolve("b").toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("plots: " + tmp.resolve("a") + " (loss.png, regions.png, activations.png)"), a.out());
        assertEquals(List.of("a", "a/activations.png", "a/loss.png", "a/regions.png", "b", "b/activations.png", "b/loss.png", "b/regions.png"), tree());
        for (String f : List.of("loss.png", "regions.png", "activations.png"))
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }

    @Test
    void gradcheckDrawsItsPicture() throws IOException {
        CliRun r = CliRun.of("gradcheck", "--plots", tmp.resolve("g").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("g", "g/gradcheck.png"), tree());
    }
}
