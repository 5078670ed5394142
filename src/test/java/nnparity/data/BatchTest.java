package nnparity.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchTest {

    /** Features here are small integers, or k/255 for pixels, compared with the literal quotient. */
    private static final double EXACT = 0.0;
    /** p/255 against the literal decimal, which is within an ulp of it. */
    private static final double PIXEL_TOL = 1e-15;

    @Test
    void ofGathersTheRowsInTheGivenOrderWithOneHotLabels() {
        Batch b = Batch.of(QuadrantData.tutorial(), new int[] {2, 0, 3});
        assertEquals(3, b.rows());
        assertEquals(2, b.nIn());
        assertEquals(4, b.nOut());
        assertArrayEquals(new int[] {2, 0, 3}, b.indices());
        assertArrayEquals(new double[] {-1, -1, 1, 1, 1, -1}, b.x(), EXACT);
        assertArrayEquals(new double[] {
            0, 0, 1, 0,
            1, 0, 0, 0,
            0, 0, 0, 1,
        }, b.t(), EXACT);
        assertArrayEquals(new int[] {2, 0, 3}, b.labels());
    }

    @Test
    void imageRowsAreWholeImagesAtRowTimesNIn() {
        // Two 1×3 images: pixels {0, 51, 255} with label 7 and {255, 0, 102} with label 2.
        MnistData d = MnistData.of("two", 1, 3, new byte[] {0, 51, (byte) 255, (byte) 255, 0, 102}, new byte[] {7, 2});
        Batch b = Batch.of(d, new int[] {1, 0, 1});
        assertEquals(3, b.nIn());
        assertEquals(10, b.nOut());
        assertArrayEquals(new double[] {1, 0, 0.4, 0, 0.2, 1, 1, 0, 0.4}, b.x(), PIXEL_TOL);
        double[] t = new double[30];
        t[2] = 1;
        t[10 + 7] = 1;
        t[20 + 2] = 1;
        assertArrayEquals(t, b.t(), EXACT);
        assertArrayEquals(new int[] {2, 7, 2}, b.labels());
    }

    @Test
    void theBatchKeepsItsOwnCopyOfTheIndices() {
        int[] idx = {1, 2};
        Batch b = Batch.of(QuadrantData.tutorial(), idx);
        idx[0] = 3;
        assertArrayEquals(new int[] {1, 2}, b.indices());
    }

    @Test
    void allIsEveryExampleInOrder() {
        Batch b = Batch.all(QuadrantData.tutorial());
        assertArrayEquals(new int[] {0, 1, 2, 3}, b.indices());
        assertArrayEquals(new int[] {0, 1, 2, 3}, b.labels());
        assertArrayEquals(new double[] {1, 1, -1, 1, -1, -1, 1, -1}, b.x(), EXACT);
    }
}
