package nnparity.data;

import static nnparity.data.IdxTestFiles.gzip;
import static nnparity.data.IdxTestFiles.imageFile;
import static nnparity.data.IdxTestFiles.labelFile;
import static nnparity.data.IdxTestFiles.labelValues;
import static nnparity.data.IdxTestFiles.pixelAt;
import static nnparity.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MnistDataTest {

    /**
     * Features are one correctly rounded division p / 255.0; the reference here is the independent
     * product p · (1/255), which can differ from it by an ulp or two of a number ≤ 1.
     */
    private static final double PIXEL_SCALE_TOL = 1e-15;

    @TempDir
    Path dir;

    private MnistData load(int n, int rows, int cols) {
        Path im = write(dir, "im.gz", gzip(imageFile(n, rows, cols)));
        Path lb = write(dir, "lb", labelFile(labelValues(n)));
        return MnistData.load(im, lb, "tiny train");
    }

    @Test
    void loadPairsEachImageWithItsLabel() {
        MnistData d = load(12, 2, 3);
        assertEquals(12, d.size());
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        for (int i = 0; i < 12; i++) {
            assertEquals(i % 10, d.label(i));
            for (int k = 0; k < 6; k++) assertEquals(pixelAt(i, k), d.pixel(i, k));
        }
    }

    @Test
    void nFeaturesIsRowsTimesColsAndThereAreTenClasses() {
        MnistData d = load(2, 28, 28);
        assertEquals(784, d.nFeatures());
        assertEquals(10, d.nClasses());
    }

    @Test
    void featuresArePixelsOver255InTheUnitInterval() {
        byte[] px = {0, (byte) 255, 51, (byte) 128, 1, (byte) 254};
        MnistData d = MnistData.of("six", 2, 3, px, new byte[] {4});
        double[] x = new double[6];
        d.copyFeatures(0, x, 0);
        assertEquals(0.0, x[0], 0.0, "black is exactly 0");
        assertEquals(1.0, x[1], 0.0, "white is exactly 1");
        for (int k = 0; k < 6; k++) {
            assertEquals((px[k] & 0xFF) * (1.0 / 255), x[k], PIXEL_SCALE_TOL, "pixel " + k);
            assertTrue(x[k] >= 0 && x[k] <= 1);
        }
    }

    @Test
    void copyFeaturesWritesOnlyItsSliceAtTheOffset() {
        MnistData d = load(3, 2, 2);
        double[] dst = new double[2 + 4 + 3];
        Arrays.fill(dst, -7);
        d.copyFeatures(2, dst, 2);
        assertEquals(-7, dst[0], 0.0);
        assertEquals(-7, dst[1], 0.0);
        for (int k = 0; k < 4; k++) assertEquals(pixelAt(2, k) / 255.0, dst[2 + k], PIXEL_SCALE_TOL);
        for (int j = 6; j < 9; j++) assertEquals(-7, dst[j], 0.0);
    }

    @Test
    void copyFeaturesRejectsAnIndexOrSliceOutOfBounds() {
        MnistData d = load(3, 2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> d.copyFeatures(3, new double[4], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.copyFeatures(0, new double[4], 1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.label(-1));
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFilesAndBothCounts() {
        Path im = write(dir, "train-images-idx3-ubyte", imageFile(5, 2, 2));
        Path lb = write(dir, "train-labels-idx1-ubyte", labelFile(labelValues(4)));
        DataException e = assertThrows(DataException.class, () -> MnistData.load(im, lb, "x"));
        String m = e.getMessage();
        assertTrue(m.contains(im + " holds 5 images") && m.contains(lb + " holds 4 labels"), m);
    }

    @Test
    void badLabelFileFailsTheWholeLoad() {
        Path im = write(dir, "im", imageFile(3, 2, 2));
        Path lb = write(dir, "lb", labelFile(new byte[] {1, 10, 2}));
        DataException e = assertThrows(DataException.class, () -> MnistData.load(im, lb, "x"));
        assertTrue(e.getMessage().contains("label 10 at index 1"), e.getMessage());
    }

    @Test
    void limitKeepsTheFirstExamplesInOrder() {
        // The file IdxTestFiles builds for 12 images of 2×3: pixel k of image i is (7i + 3k) mod 256,
        // label i is i mod 10. Written out here for the first five, so the limited set is checked
        // against the format, not against the set it was cut from.
        int[][] firstFivePixels = {
            {0, 3, 6, 9, 12, 15},
            {7, 10, 13, 16, 19, 22},
            {14, 17, 20, 23, 26, 29},
            {21, 24, 27, 30, 33, 36},
            {28, 31, 34, 37, 40, 43},
        };
        int[] firstFiveLabels = {0, 1, 2, 3, 4};
        MnistData first = load(12, 2, 3).limit(5);
        assertEquals(5, first.size());
        assertEquals("tiny train", first.name());
        assertEquals("tiny train(5 × 2×3)", first.toString());
        double[] x = new double[6];
        for (int i = 0; i < 5; i++) {
            assertEquals(firstFiveLabels[i], first.label(i), "label " + i);
            first.copyFeatures(i, x, 0);
            for (int k = 0; k < 6; k++) {
                assertEquals(firstFivePixels[i][k], first.pixel(i, k), "pixel " + k + " of image " + i);
                assertEquals(firstFivePixels[i][k] * (1.0 / 255), x[k], PIXEL_SCALE_TOL, "feature " + k + " of image " + i);
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, first.classCounts());
        assertThrows(IndexOutOfBoundsException.class, () -> first.label(5));
        assertThrows(IndexOutOfBoundsException.class, () -> first.pixel(5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> first.copyFeatures(5, new double[6], 0));
    }

    @Test
    void limitToTheWholeSizeIsTheSetItself() {
        MnistData d = load(12, 2, 3);
        assertSame(d, d.limit(12));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 13})
    void limitOutsideOneToSizeIsRejected(int n) {
        MnistData d = load(12, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.limit(n));
        assertTrue(e.getMessage().contains("limit " + n) && e.getMessage().contains("1 to 12"), e.getMessage());
    }

    @Test
    void classCountsAddUpToTheSize() {
        MnistData d = load(23, 1, 1);
        assertArrayEquals(new int[] {3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, d.classCounts());
    }

    @Test
    void ofRejectsPixelsThatDoNotMakeWholeImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistData.of("x", 2, 2, new byte[7], new byte[2]));
        assertEquals("7 pixel bytes do not make 2 images of 2×2 (8 bytes)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 200})
    void ofRejectsALabelOutsideZeroToNine(int label) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistData.of("x", 1, 1, new byte[2], new byte[] {3, (byte) label}));
        assertEquals("label " + label + " at index 1 is out of range; labels must be 0 to 9", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 2", "2, 0", "-1, 1"})
    void ofRejectsAnImageSideBelowOne(int rows, int cols) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistData.of("x", rows, cols, new byte[0], new byte[] {1}));
        assertEquals("image size " + rows + "×" + cols + " is invalid; rows and columns must be ≥ 1", e.getMessage());
    }

    @Test
    void ofAcceptsTheSmallestSetOneImageOfOnePixel() {
        MnistData d = MnistData.of("dot", 1, 1, new byte[] {(byte) 200}, new byte[] {9});
        assertEquals(1, d.size());
        assertEquals(200, d.pixel(0, 0));
        assertEquals(9, d.label(0));
        assertEquals("dot(1 × 1×1)", d.toString());
    }

    @Test
    void ofCopiesItsArrays() {
        byte[] px = {1, 2};
        byte[] lb = {4};
        MnistData d = MnistData.of("copy", 1, 2, px, lb);
        px[0] = 99;
        lb[0] = 7;
        assertEquals(1, d.pixel(0, 0));
        assertEquals(4, d.label(0));
    }

    @Test
    void limitToOneKeepsJustTheFirstExample() {
        MnistData one = load(12, 2, 3).limit(1);
        assertEquals(1, one.size());
        assertEquals(0, one.label(0));
        assertEquals(15, one.pixel(0, 5)); // (7·0 + 3·5) mod 256
    }

    @Test
    void toStringIsNameSizeAndImageShape() {
        assertEquals("tiny train(4 × 28×28)", load(4, 28, 28).toString());
    }
}
