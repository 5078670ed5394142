package nnparity.data;

import static nnparity.data.IdxTestFiles.writeDataset;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nnparity.data.IdxTestFiles.Layout;
import nnparity.data.MnistLocator.Located;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistSplitsTest {

    @TempDir
    Path dir;

    private static Located locate(Path dir) {
        return new MnistLocator(k -> null, null, List.of()).locate(dir);
    }

    @Test
    void loadsTrainAndTestNamedAfterTheDataset() {
        writeDataset(dir.resolve("digits"), Layout.GZ, 7, 4, 3, 2);
        MnistSplits s = MnistSplits.load(locate(dir.resolve("digits")));
        assertEquals(7, s.trainSize());
        assertEquals(4, s.testSize());
        assertEquals(3, s.rows());
        assertEquals(2, s.cols());
        assertEquals("digits train", s.train().name());
        assertEquals("digits test", s.test().name());
        assertEquals("digits: 7 train + 4 test, 3×2", s.toString());
    }

    @Test
    void trainAndTestOfDifferentImageSizesAreRejected() {
        Path d = dir.resolve("mixed");
        writeDataset(d, Layout.PLAIN, 3, 2, 2, 3);
        IdxTestFiles.write(d, "t10k-images-idx3-ubyte", IdxTestFiles.imageFile(2, 3, 3));
        DataException e = assertThrows(DataException.class, () -> MnistSplits.load(locate(d)));
        assertTrue(e.getMessage().contains("train images are 2×3 but test images are 3×3"), e.getMessage());
    }

    @Test
    void limitCapsEachSetAtItsSize() {
        writeDataset(dir, Layout.PLAIN, 7, 4, 2, 2);
        MnistSplits s = MnistSplits.load(locate(dir)).limit(5, 100);
        assertEquals(5, s.trainSize());
        assertEquals(4, s.testSize());
        assertThrows(IllegalArgumentException.class, () -> s.limit(0, 1));
    }

    @Test
    void limitOfOneAndOneKeepsTheFirstOfEach() {
        writeDataset(dir, Layout.PLAIN, 7, 4, 2, 2);
        MnistSplits s = MnistSplits.load(locate(dir)).limit(1, 1);
        assertEquals(1, s.trainSize());
        assertEquals(1, s.testSize());
        assertEquals(0, s.train().label(0));
        assertEquals(0, s.test().label(0));
    }

    @Test
    void limitsBelowOneAreRejectedNamingTheSet() {
        writeDataset(dir, Layout.PLAIN, 7, 4, 2, 2);
        MnistSplits s = MnistSplits.load(locate(dir));
        assertEquals("train limit 0 is invalid; it must be ≥ 1",
                assertThrows(IllegalArgumentException.class, () -> s.limit(0, 1)).getMessage());
        assertEquals("test limit -2 is invalid; it must be ≥ 1",
                assertThrows(IllegalArgumentException.class, () -> s.limit(1, -2)).getMessage());
    }

    @Test
    void realFashionMnistHas60000TrainAnd10000TestImagesOf28By28() {
        Path debian = MnistLocator.DEBIAN_FASHION_MNIST.dir();
        assumeTrue(Files.isDirectory(debian), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        MnistLocator onlyDebian = new MnistLocator(k -> null, null, List.of(MnistLocator.DEBIAN_FASHION_MNIST));
        Located where = onlyDebian.locate(null);
        assertEquals("Fashion-MNIST", where.datasetName());

        MnistSplits s = MnistSplits.load(where);
        assertEquals(60000, s.trainSize());
        assertEquals(10000, s.testSize());
        assertEquals(28, s.rows());
        assertEquals(28, s.cols());
        assertEquals(784, s.train().nFeatures());
        assertEquals("Fashion-MNIST train", s.train().name());
        // Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
        int[] train = new int[10];
        int[] test = new int[10];
        Arrays.fill(train, 6000);
        Arrays.fill(test, 1000);
        assertArrayEquals(train, s.train().classCounts());
        assertArrayEquals(test, s.test().classCounts());
    }
}
