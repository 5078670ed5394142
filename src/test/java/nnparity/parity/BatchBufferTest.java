package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;

/**
 * The lockstep's batches ({@link Lockstep.BatchBuffer}): each holds exactly its examples, in the
 * order asked, whatever the batch before it held, in arrays reused while the batch size stays.
 * The tutorial's points: (1,1) → I, (-1,1) → II, (-1,-1) → III, (1,-1) → IV.
 */
class BatchBufferTest {
    private static final QuadrantData TUTORIAL = QuadrantData.tutorial();

    @Test
    void aBatchHoldsItsExamplesFeaturesOneHotTargetsAndLabelsInTheOrderAsked() {
        Batch b = new Lockstep.BatchBuffer(TUTORIAL).of(new int[]{2, 0, 3});
        assertArrayEquals(new int[]{2, 0, 3}, b.indices());
        assertArrayEquals(new double[]{-1, -1, 1, 1, 1, -1}, b.x());
        assertArrayEquals(new double[]{0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1}, b.t());
        assertArrayEquals(new int[]{2, 0, 3}, b.labels());
        assertEquals(2, b.nIn());
        assertEquals(4, b.nOut());
        assertEquals(3, b.rows());
    }

    @Test
    void theNextBatchOfTheSameSizeKeepsNoTargetOfTheOneBefore() {
        Lockstep.BatchBuffer buffer = new Lockstep.BatchBuffer(TUTORIAL);
        Batch first = buffer.of(new int[]{0, 1});
        Batch second = buffer.of(new int[]{3, 2});
        assertArrayEquals(new double[]{1, -1, -1, -1}, second.x());
        assertArrayEquals(new double[]{0, 0, 0, 1, 0, 0, 1, 0}, second.t(), "only (1,-1) → IV and (-1,-1) → III");
        assertArrayEquals(new int[]{3, 2}, second.labels());
        assertSame(first.x(), second.x(), "the same size reuses the arrays");
        assertSame(first.t(), second.t());
        assertSame(first.labels(), second.labels());
    }

    @Test
    void aShortLastBatchGetsArraysOfItsOwnSizeAndAFullOneAfterItAgain() {
        Lockstep.BatchBuffer buffer = new Lockstep.BatchBuffer(TUTORIAL);
        buffer.of(new int[]{0, 1, 2});
        Batch shortOne = buffer.of(new int[]{3});
        assertArrayEquals(new double[]{1, -1}, shortOne.x());
        assertArrayEquals(new double[]{0, 0, 0, 1}, shortOne.t());
        assertArrayEquals(new int[]{3}, shortOne.labels());
        Batch full = buffer.of(new int[]{1, 0, 3});
        assertArrayEquals(new double[]{-1, 1, 1, 1, 1, -1}, full.x());
        assertArrayEquals(new double[]{0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1}, full.t());
        assertArrayEquals(new int[]{1, 0, 3}, full.labels());
    }
}
