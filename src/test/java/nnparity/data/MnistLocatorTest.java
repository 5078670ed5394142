package nnparity.data;

import static nnparity.data.IdxTestFiles.writeDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void thisMachinesLocatorLooksInTheDebianFashionMnistDirectory() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), MnistLocator.DEBIAN_FASHION_MNIST.dir());
        assertEquals("Fashion-MNIST", MnistLocator.DEBIAN_FASHION_MNIST.datasetName());
        assertTrue(MnistLocator.forThisMachine().toString().endsWith("/usr/share/datasets/fashion-mnist)"));
    }
}
