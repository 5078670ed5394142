package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write, then rename: a target holds the old content or the new, and no temporary is left behind. */
class AtomicOutputTest {
    /** How long the child JVM of the SIGTERM test may take to start and to stop. */
    static final long CHILD_SECONDS = 30;

    @TempDir
    Path tmp;

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFileIsReplacedWholeAndNoTemporaryIsLeft() throws IOException {
        Path f = tmp.resolve("r.json");
        Files.writeString(f, "old report, longer than the new one");

        AtomicOutput.writeString(f, "new");

        assertEquals("new", Files.readString(f));
        assertEquals(List.of("r.json"), entries());
    }

    @Test
    void aWriterThatFailsLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = tmp.resolve("r.json");
        Files.writeString(f, "old");

        IOException e = assertThrows(IOException.class, () -> AtomicOutput.writeFile(f, t -> {
            Files.writeString(t, "half");
            throw new IOException("disk full");
        }));

        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("r.json"), entries());
    }

    @Test
    void aFileGetsTheUsualPermissionsNotTemporaryFilesOwnerOnlyOnes() throws IOException {
        Path plain = Files.writeString(tmp.resolve("plain"), "x");
        Path atomic = tmp.resolve("atomic");

        AtomicOutput.writeString(atomic, "x");

        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(atomic));
    }

    @Test
    void aFolderAppearsOnlyWhenCompleteAndMayReplaceAnEmptyOne() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("export"));

        AtomicOutput.writeDir(dir, t -> {
            Files.writeString(t.resolve("a.csv"), "a");
            assertFalse(Files.exists(dir.resolve("a.csv")), "nothing is visible under the target's name while building");
        });

        assertEquals("a", Files.readString(dir.resolve("a.csv")));
        assertEquals(List.of("export"), entries());
    }

    @Test
    void aFolderWriterThatFailsLeavesNoFolderAtAll() throws IOException {
        Path dir = tmp.resolve("export");

        assertThrows(IOException.class, () -> AtomicOutput.writeDir(dir, t -> {
            Files.writeString(t.resolve("x.npy"), "part");
            throw new IOException("stopped");
        }));

        assertFalse(Files.exists(dir));
        assertEquals(List.of(), entries());
    }

    @Test
    void aFolderIsNeverMixedIntoOneThatHoldsFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("export"));
        Files.writeString(dir.resolve("stale.csv"), "old");

        assertThrows(IOException.class, () -> AtomicOutput.writeDir(dir, t -> Files.writeString(t.resolve("new.csv"), "new")));

        assertEquals(List.of("stale.csv"), Files.list(dir).map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        assertEquals(List.of("export"), entries());
    }

    @Test
    void probesCreateAndRemoveTheirTemporaryAndFailWhereNothingCanBeCreated() throws IOException {
        AtomicOutput.probeFile(tmp.resolve("r.json"));
        AtomicOutput.probeDir(tmp.resolve("export"));
        assertEquals(List.of(), entries());

        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(IOException.class, () -> AtomicOutput.probeFile(notADir.resolve("r.json")));
        assertThrows(IOException.class, () -> AtomicOutput.probeDir(notADir.resolve("export")));
    }

    @Test
    void sigtermWhileAFolderIsBuiltRemovesTheTemporaryFolder() throws Exception {
        Path target = tmp.resolve("export");
        Path started = tmp.resolve("started");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowExport.class.getName(), target.toString(), started.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_SECONDS);
            while (!Files.exists(started) && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(Files.exists(started), "the child began writing");
            assertTrue(entries().stream().anyMatch(n -> n.startsWith(".export.") && n.endsWith(".tmp")),
                    "a temporary folder is being built: " + entries());

            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS), "the child stops on SIGTERM");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of("started"), entries(), "no export and no temporary folder is left");
    }

    /** The child of the SIGTERM test: starts an export whose writer never finishes. */
    public static final class SlowExport {
        public static void main(String[] args) throws Exception {
            Path target = Path.of(args[0]), started = Path.of(args[1]);
            AtomicOutput.writeDir(target, t -> {
                Files.writeString(t.resolve("x.npy"), "partial");
                Files.writeString(started, "yes");
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(CHILD_SECONDS * 4));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
