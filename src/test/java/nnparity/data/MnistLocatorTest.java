package nnparity.data;

import static nnparity.data.IdxTestFiles.writeDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nnparity.data.IdxTestFiles.Layout;
import nnparity.data.MnistLocator.Located;
import nnparity.data.MnistLocator.SystemDir;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MnistLocatorTest {

    @TempDir
    Path root;

    private Path explicit;
    private Path envDir;
    private Path home;
    private Path cache;
    private Path system;

    @BeforeEach
    void places() {
        explicit = root.resolve("mine");
        envDir = root.resolve("from-env");
        home = root.resolve("home");
        cache = home.resolve(".deeplearning4j/data/MNIST");
        system = root.resolve("usr/share/datasets/fashion-mnist");
    }

    private MnistLocator locator(Map<String, String> env) {
        Function<String, String> lookup = env::get;
        return new MnistLocator(lookup, home,
                List.of(new SystemDir(system, "Fashion-MNIST", "Debian package dataset-fashion-mnist")));
    }

    private MnistLocator locatorWithEnvDir() {
        return locator(Map.of("MNIST_DIR", envDir.toString()));
    }

    private void writeAllFour() {
        writeDataset(explicit);
        writeDataset(envDir);
        writeDataset(cache);
        writeDataset(system);
    }

    @Test
    void explicitDirBeatsEnvDl4jCacheAndSystemDirs() {
        writeAllFour();
        Located l = locatorWithEnvDir().locate(explicit);
        assertEquals(explicit.toAbsolutePath(), l.dir());
        assertEquals("--data", l.how());
        assertEquals("mine", l.datasetName());
        assertEquals(explicit.resolve("train-images-idx3-ubyte"), l.files().trainImages());
    }

    @Test
    void envVarBeatsDl4jCacheAndSystemDirs() {
        writeAllFour();
        Located l = locatorWithEnvDir().locate(null);
        assertEquals(envDir.toAbsolutePath(), l.dir());
        assertEquals("$MNIST_DIR", l.how());
    }

    @Test
    void dl4jCacheBeatsSystemDirsAndIsCalledMnist() {
        writeAllFour();
        Located l = locator(Map.of()).locate(null);
        assertEquals(cache.toAbsolutePath(), l.dir());
        assertEquals("MNIST", l.datasetName());
        assertEquals("DL4J's MNIST cache", l.how());
    }

    @Test
    void systemDirIsTheLastResortAndIsCalledFashionMnist() {
        writeDataset(system, Layout.GZ, 3, 2, 2, 3);
        Located l = locator(Map.of()).locate(null);
        assertEquals(system.toAbsolutePath(), l.dir());
        assertEquals("Fashion-MNIST", l.datasetName());
        assertEquals("Debian package dataset-fashion-mnist", l.how());
        assertEquals(system.resolve("t10k-labels-idx1-ubyte.gz"), l.files().testLabels());
        assertTrue(l.toString().startsWith("Fashion-MNIST in "), l.toString());
    }

    @Test
    void nothingFoundListsEveryPlaceLookedInOrderAndHowToGetData() throws IOException {
        Files.createDirectories(cache); // DL4J creates its cache directory empty before downloading
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(null));
        String m = e.getMessage();
        int[] at = {
            m.indexOf("--data DIR (not given)"),
            m.indexOf("$MNIST_DIR (not set)"),
            m.indexOf(cache + ", DL4J's MNIST cache (holds none of the 4 MNIST IDX files)"),
            m.indexOf(system + ", Debian package dataset-fashion-mnist (does not exist)"),
            m.indexOf("apt-get install dataset-fashion-mnist"),
            m.indexOf("pass --data DIR"),
        };
        for (int i = 0; i < at.length; i++) {
            assertTrue(at[i] >= 0, "part " + i + " missing from: " + m);
            if (i > 0) assertTrue(at[i] > at[i - 1], "part " + i + " out of order in: " + m);
        }
        assertTrue(m.contains("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                + "t10k-labels-idx1-ubyte"), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void explicitDirLackingFilesIsAnErrorEvenWhenOtherPlacesHaveData() throws IOException {
        writeAllFour();
        Files.delete(explicit.resolve("t10k-images-idx3-ubyte"));
        Files.delete(explicit.resolve("t10k-labels-idx1-ubyte"));
        DataException e = assertThrows(DataException.class, () -> locatorWithEnvDir().locate(explicit));
        assertTrue(e.getMessage().startsWith("--data " + explicit + ": lacks t10k-images-idx3-ubyte[.gz], "
                + "t10k-labels-idx1-ubyte[.gz]"), e.getMessage());
    }

    @Test
    void explicitDirThatDoesNotExistSaysSo() {
        Path nowhere = root.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(nowhere));
        assertTrue(e.getMessage().contains("--data " + nowhere + ": does not exist"), e.getMessage());
    }

    @Test
    void explicitPathThatIsAFileSaysItIsNotADirectory() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(file));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void envDirLackingFilesIsAnErrorNotASilentFallback() throws IOException {
        writeAllFour();
        Files.delete(envDir.resolve("train-labels-idx1-ubyte"));
        DataException e = assertThrows(DataException.class, () -> locatorWithEnvDir().locate(null));
        assertTrue(e.getMessage().startsWith("$MNIST_DIR=" + envDir + ": lacks train-labels-idx1-ubyte[.gz]"),
                e.getMessage());
    }

    @Test
    void blankEnvVarCountsAsUnset() {
        writeDataset(cache);
        assertEquals("MNIST", locator(Map.of("MNIST_DIR", "  ")).locate(null).datasetName());
    }

    @Test
    void incompleteDl4jCacheIsSkippedAndItsGapsListed() throws IOException {
        writeDataset(cache);
        Files.delete(cache.resolve("t10k-images-idx3-ubyte"));
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(null));
        assertTrue(e.getMessage().contains(cache + ", DL4J's MNIST cache (lacks t10k-images-idx3-ubyte[.gz])"),
                e.getMessage());

        writeDataset(system);
        assertEquals("Fashion-MNIST", locator(Map.of()).locate(null).datasetName());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void plainGzAndDottedFileNamesAllQualify(Layout layout) {
        writeDataset(explicit, layout, 3, 2, 2, 3);
        Located l = locator(Map.of()).locate(explicit);
        assertEquals(explicit.resolve(layout.name("train-labels-idx1-ubyte")), l.files().trainLabels());
        assertEquals(3, MnistSplits.load(l).trainSize());
    }

    @Test
    void plainFileIsPreferredWhenItsGzIsAlsoThere() {
        // DL4J's cache keeps each .gz download next to its unpacked file.
        writeDataset(cache, Layout.GZ, 3, 2, 2, 3);
        writeDataset(cache, Layout.PLAIN, 3, 2, 2, 3);
        Located l = locator(Map.of()).locate(null);
        assertEquals(cache.resolve("train-images-idx3-ubyte"), l.files().trainImages());
    }

    @Test
    void filesMayMixPlainAndGz() throws IOException {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        Files.delete(explicit.resolve("t10k-images-idx3-ubyte.gz"));
        IdxTestFiles.write(explicit, "t10k-images-idx3-ubyte", IdxTestFiles.imageFile(2, 2, 3));
        assertEquals(2, MnistSplits.load(locator(Map.of()).locate(explicit)).testSize());
    }

    @Test
    void explicitDirThatIsAKnownPlaceTakesThatPlacesName() {
        writeDataset(system);
        Located l = locator(Map.of()).locate(system);
        assertEquals("Fashion-MNIST", l.datasetName());
        assertEquals("--data", l.how());
    }

    @Test
    void withoutAHomeTheDl4jCacheIsSkipped() {
        writeDataset(system);
        MnistLocator noHome = new MnistLocator(k -> null, null, List.of(new SystemDir(system, "F", "sys")));
        assertEquals("F", noHome.locate(null).datasetName());
    }

    /** A locator that collects its notes in {@code notes} instead of logging them. */
    private MnistLocator noting(List<String> notes) {
        return new MnistLocator(k -> null, home, List.of(), notes::add);
    }

    @Test
    void identicalPlainAndGzCopiesAreFineAndTheNoteSaysWhichWasUsed() {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        writeDataset(explicit, Layout.PLAIN, 3, 2, 2, 3);
        List<String> notes = new ArrayList<>();
        Located l = noting(notes).locate(explicit);
        assertEquals(explicit.resolve("train-images-idx3-ubyte"), l.files().trainImages());
        assertEquals(List.of(
                explicit.resolve("train-images-idx3-ubyte") + " and train-images-idx3-ubyte.gz hold the same data; using train-images-idx3-ubyte",
                explicit.resolve("train-labels-idx1-ubyte") + " and train-labels-idx1-ubyte.gz hold the same data; using train-labels-idx1-ubyte",
                explicit.resolve("t10k-images-idx3-ubyte") + " and t10k-images-idx3-ubyte.gz hold the same data; using t10k-images-idx3-ubyte",
                explicit.resolve("t10k-labels-idx1-ubyte") + " and t10k-labels-idx1-ubyte.gz hold the same data; using t10k-labels-idx1-ubyte"),
                notes);
    }

    @Test
    void aDirectoryWithOneCopyOfEachFileNotesNothing() {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        List<String> notes = new ArrayList<>();
        noting(notes).locate(explicit);
        assertEquals(List.of(), notes);
    }

    @Test
    void thePublicLocatorLogsTheNoteOnStderrNotStdout() {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        IdxTestFiles.write(explicit, "train-images-idx3-ubyte", IdxTestFiles.imageFile(3, 2, 3));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            locator(Map.of()).locate(explicit);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", o.toString(StandardCharsets.UTF_8));
        assertTrue(e.toString(StandardCharsets.UTF_8).contains(
                "train-images-idx3-ubyte and train-images-idx3-ubyte.gz hold the same data; using train-images-idx3-ubyte"),
                e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void plainAndGzCopiesThatDifferAreRefusedNamingBoth() {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        byte[] other = IdxTestFiles.imageFile(2, 2, 3); // the test set's images, with one pixel changed:
        other[16 + 5] ^= 1; // pixel 5 of image 0, after the 16-byte header
        IdxTestFiles.write(explicit, "t10k-images-idx3-ubyte", other);
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(explicit));
        assertEquals(explicit.resolve("t10k-images-idx3-ubyte") + " and " + explicit.resolve("t10k-images-idx3-ubyte.gz")
                + " are both present but hold different data (after decompression they first differ at byte 21);"
                + " a dataset directory holds each file once, or copies with identical data, so remove the one that is wrong",
                e.getMessage());
    }

    @Test
    void differingCopiesInTheDl4jCacheAreRefusedNotSkipped() {
        writeDataset(cache, Layout.GZ, 3, 2, 2, 3);
        IdxTestFiles.write(cache, "train-labels-idx1-ubyte", IdxTestFiles.labelFile(new byte[] {0, 1, 9}));
        writeDataset(system);
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(null));
        assertTrue(e.getMessage().startsWith(cache.resolve("train-labels-idx1-ubyte") + " and "
                + cache.resolve("train-labels-idx1-ubyte.gz") + " are both present but hold different data "
                + "(after decompression they first differ at byte 10)"), e.getMessage());
    }

    @Test
    void aDottedCopyIsComparedLikeAGzCopy() {
        writeDataset(explicit, Layout.PLAIN, 3, 2, 2, 3);
        IdxTestFiles.write(explicit, "train-labels.idx1-ubyte", IdxTestFiles.labelFile(new byte[] {0, 1}));
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(explicit));
        assertTrue(e.getMessage().contains("first differ at byte 7"), e.getMessage()); // the count: 3 against 2
    }

    @Test
    void aBrokenCopyBesideAGoodOneIsReportedWithItsFault() {
        writeDataset(explicit, Layout.PLAIN, 3, 2, 2, 3);
        IdxTestFiles.write(explicit, "t10k-labels-idx1-ubyte.gz", new byte[] {0x1f, (byte) 0x8b, 8});
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(explicit));
        assertTrue(e.getMessage().startsWith(explicit.resolve("t10k-labels-idx1-ubyte.gz") + ": truncated gzip stream"),
                e.getMessage());
    }

    @Test
    void aDirectoryNamedLikeTheFileIsReportedAsADirectoryNotAsMissing() throws IOException {
        writeDataset(explicit);
        Files.delete(explicit.resolve("train-images-idx3-ubyte"));
        Files.createDirectory(explicit.resolve("train-images-idx3-ubyte"));
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(explicit));
        assertEquals("--data " + explicit + ": train-images-idx3-ubyte is a directory, not a file; a dataset directory"
                + " holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte"
                + " (each plain or .gz)", e.getMessage());
    }

    @Test
    void missingFilesAndUnusableOnesAreBothListed() throws IOException {
        writeDataset(explicit);
        Files.delete(explicit.resolve("train-images-idx3-ubyte"));
        Files.delete(explicit.resolve("t10k-labels-idx1-ubyte"));
        Files.createDirectory(explicit.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.createSymbolicLink(explicit.resolve("t10k-labels.idx1-ubyte"), root.resolve("elsewhere"));
        assertEquals("lacks train-images-idx3-ubyte[.gz]; t10k-labels-idx1-ubyte.gz is a directory, not a file; "
                + "t10k-labels.idx1-ubyte is a broken symbolic link (to " + root.resolve("elsewhere") + ")",
                MnistLocator.whatIsMissing(explicit));
    }

    @Test
    void aSymbolicLinkToADirectoryIsNamedAsSuch() throws IOException {
        writeDataset(explicit);
        Files.delete(explicit.resolve("train-labels-idx1-ubyte"));
        Files.createSymbolicLink(explicit.resolve("train-labels-idx1-ubyte"), root);
        assertEquals("train-labels-idx1-ubyte is a symbolic link to a directory, not a file",
                MnistLocator.whatIsMissing(explicit));
    }

    @Test
    void aPipeNamedLikeTheFileIsNotARegularFile() throws IOException, InterruptedException {
        writeDataset(explicit);
        Files.delete(explicit.resolve("train-labels-idx1-ubyte"));
        Path fifo = explicit.resolve("train-labels-idx1-ubyte");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available");
        assertEquals("train-labels-idx1-ubyte is not a regular file (a device, pipe or socket)",
                MnistLocator.whatIsMissing(explicit));
        Files.createSymbolicLink(explicit.resolve("train-labels.idx1-ubyte"), fifo);
        assertEquals("train-labels-idx1-ubyte is not a regular file (a device, pipe or socket); "
                + "train-labels.idx1-ubyte is a symbolic link to something that is not a regular file",
                MnistLocator.whatIsMissing(explicit));
    }

    @Test
    void aDirectoryNamedLikeThePlainFileIsSkippedWhenItsGzIsThere() throws IOException {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        Files.createDirectory(explicit.resolve("train-images-idx3-ubyte"));
        List<String> notes = new ArrayList<>();
        assertEquals(explicit.resolve("train-images-idx3-ubyte.gz"), noting(notes).locate(explicit).files().trainImages());
        assertEquals(List.of(), notes);
    }

    @Test
    void aDataDirThatIsABrokenLinkSaysSo() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("data"), root.resolve("unmounted"));
        DataException e = assertThrows(DataException.class, () -> locator(Map.of()).locate(link));
        assertTrue(e.getMessage().startsWith("--data " + link + ": is a broken symbolic link (to " + root.resolve("unmounted")
                + ")"), e.getMessage());
    }

    @Test
    void copiesThatDifferFromTheirFirstByteAreRefused() {
        writeDataset(explicit, Layout.GZ, 3, 2, 2, 3);
        IdxTestFiles.write(explicit, "train-images-idx3-ubyte", new byte[] {'P', 'K', 3, 4});
        DataException e = assertThrows(DataException.class, () -> noting(new ArrayList<>()).locate(explicit));
        assertTrue(e.getMessage().contains("(after decompression they first differ at byte 0)"), e.getMessage());
    }

    @Test
    void aCompleteDirectoryLacksNothing() {
        writeDataset(explicit);
        assertEquals("", MnistLocator.whatIsMissing(explicit));
    }

    @Test
    void theDl4jCacheGivenAsDataIsCalledMnist() {
        writeDataset(cache);
        Located l = locator(Map.of()).locate(cache);
        assertEquals("MNIST", l.datasetName());
        assertEquals("--data", l.how());
    }

    @Test
    void theMachinesLocatorFindsTheDl4jCacheUnderUserHomeAndSkipsItWithout() {
        String saved = System.getProperty("user.home");
        try {
            System.setProperty("user.home", home.toString());
            assertEquals(cache, MnistLocator.forThisMachine().dl4jCache());
            assertEquals("MnistLocator(--data, $MNIST_DIR, " + cache + ", /usr/share/datasets/fashion-mnist)",
                    MnistLocator.forThisMachine().toString());
            System.setProperty("user.home", "");
            assertEquals(null, MnistLocator.forThisMachine().dl4jCache());
            assertEquals("MnistLocator(--data, $MNIST_DIR, ~/.deeplearning4j/data/MNIST, /usr/share/datasets/fashion-mnist)",
                    MnistLocator.forThisMachine().toString());
            System.clearProperty("user.home");
            assertEquals(null, MnistLocator.forThisMachine().dl4jCache());
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void aNameTheSystemCannotLookUpIsReportedWithItsReason() throws IOException {
        // A directory whose own path fits PATH_MAX (4096) but whose files' paths do not: looking one up
        // fails with "File name too long", which is what the user must hear, not "holds none".
        Path deep = root.toAbsolutePath();
        while (deep.toString().length() + 1 + 250 < 4080) deep = deep.resolve("d".repeat(250));
        deep = deep.resolve("e".repeat(4080 - deep.toString().length() - 1)); // 1 to 250 characters, under NAME_MAX
        Files.createDirectories(deep);
        assertEquals(4080, deep.toString().length());
        String m = MnistLocator.whatIsMissing(deep);
        assertTrue(m.startsWith("train-images-idx3-ubyte cannot be checked: java.nio.file.FileSystemException: "), m);
        assertTrue(m.contains("File name too long"), m);
    }

    @Test
    void thisMachinesLocatorLooksInTheDebianFashionMnistDirectory() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), MnistLocator.DEBIAN_FASHION_MNIST.dir());
        assertEquals("Fashion-MNIST", MnistLocator.DEBIAN_FASHION_MNIST.datasetName());
        assertTrue(MnistLocator.forThisMachine().toString().endsWith("/usr/share/datasets/fashion-mnist)"));
    }
}
