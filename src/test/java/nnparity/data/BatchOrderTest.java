package nnparity.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchOrderTest {

    /** The batches of an epoch laid end to end. */
    private static int[] concat(int[][] batches) {
        return Arrays.stream(batches).flatMapToInt(Arrays::stream).toArray();
    }

    /** The order, as one list, so that epochs can be compared and collected in a set. */
    private static List<Integer> order(int[][] batches) {
        return Arrays.stream(concat(batches)).boxed().toList();
    }

    @ParameterizedTest(name = "n={0}, batch {1}")
    @CsvSource({"1, 1", "2, 1", "10, 4", "10, 10", "97, 8", "100, 100", "1000, 33"})
    void everyEpochVisitsEachExampleExactlyOnce(int n, int batch) {
        BatchOrder order = new BatchOrder(n, batch, 7);
        for (int e = 0; e < 5; e++) {
            int[] seen = concat(order.epoch(e));
            assertEquals(n, seen.length, "epoch " + e + " length");
            int[] sorted = seen.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) assertEquals(i, sorted[i], "epoch " + e + " is not a permutation of 0.." + (n - 1));
        }
    }

    @Test
    void eachEpochHasItsOwnOrder() {
        // 20 epochs of 100 examples: a repeated order would be a 1-in-100! coincidence, so any
        // repeat means the shuffle ignores the epoch.
        BatchOrder order = new BatchOrder(100, 10, 42);
        Set<List<Integer>> seen = new HashSet<>();
        for (int e = 0; e < 20; e++) assertTrue(seen.add(order(order.epoch(e))), "epoch " + e + " repeats an earlier order");
    }

    @Test
    void noEpochIsLeftInTheIdentityOrder() {
        BatchOrder order = new BatchOrder(100, 10, 42);
        List<Integer> identity = order(new int[][] {java.util.stream.IntStream.range(0, 100).toArray()});
        for (int e = 0; e < 5; e++) assertFalse(order(order.epoch(e)).equals(identity), "epoch " + e + " is unshuffled");
    }

    @ParameterizedTest(name = "n={0}, batch {1}: {2} batches, the last of {3}")
    @CsvSource({"10, 4, 3, 2", "10, 5, 2, 5", "97, 8, 13, 1", "1000, 33, 31, 10", "7, 1, 7, 1", "8, 3, 3, 2"})
    void allBatchesAreFullExceptTheLastWhichHoldsTheRemainder(int n, int batch, int steps, int last) {
        BatchOrder order = new BatchOrder(n, batch, 42);
        int[][] batches = order.epoch(0);
        assertEquals(steps, batches.length);
        assertEquals(steps, order.stepsPerEpoch());
        for (int s = 0; s < steps - 1; s++) assertEquals(batch, batches[s].length, "batch " + s);
        assertEquals(last, batches[steps - 1].length, "last batch");
    }

    @ParameterizedTest(name = "n=3, batch {0}")
    @CsvSource({"3", "4", "1000", "2147483647"})
    void aBatchAtLeastAsLargeAsTheDataGivesOneBatchOfEverything(int batch) {
        BatchOrder order = new BatchOrder(3, batch, 42);
        assertEquals(1, order.stepsPerEpoch());
        int[][] batches = order.epoch(0);
        assertEquals(1, batches.length);
        assertArrayEquals(new int[] {2, 0, 1}, batches[0]); // seed 42, pinned like the orders below
    }

    @Test
    void seed42PinsTheOrderOfTenExamplesInBatchesOfFour() {
        // Copied once from a run; any change to the shuffle, the seed formula or the cutting shows here.
        BatchOrder order = new BatchOrder(10, 4, 42);
        assertArrayEquals(new int[][] {{6, 0, 7, 8}, {1, 5, 9, 3}, {2, 4}}, order.epoch(0));
        assertArrayEquals(new int[][] {{5, 3, 6, 1}, {0, 2, 8, 4}, {7, 9}}, order.epoch(1));
        assertArrayEquals(new int[][] {{1, 2, 9, 5}, {8, 0, 7, 3}, {6, 4}}, order.epoch(2));
    }

    @Test
    void anotherSeedGivesAnotherPinnedOrder() {
        BatchOrder order = new BatchOrder(10, 4, 43);
        assertArrayEquals(new int[][] {{6, 2, 8, 1}, {5, 0, 4, 7}, {9, 3}}, order.epoch(0));
        assertArrayEquals(new int[][] {{7, 9, 1, 0}, {4, 5, 2, 3}, {8, 6}}, order.epoch(1));
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        Set<List<Integer>> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            assertTrue(seen.add(order(new BatchOrder(100, 10, seed).epoch(0))), "seed " + seed + " repeats an order");
        }
    }

    @Test
    void anyEpochCanBeRecomputedOnItsOwn() {
        BatchOrder walked = new BatchOrder(50, 8, 42);
        for (int e = 0; e < 3; e++) walked.epoch(e);
        int[][] afterThree = walked.epoch(3);
        assertArrayEquals(new BatchOrder(50, 8, 42).epoch(3), afterThree);
        // and asking again, or out of order, changes nothing
        assertArrayEquals(afterThree, walked.epoch(3));
        // epoch 2 computed first, on a fresh order, is the pinned epoch 2 below
        assertArrayEquals(new int[][] {{1, 2, 9, 5}, {8, 0, 7, 3}, {6, 4}}, new BatchOrder(10, 4, 42).epoch(2));
    }

    @Test
    void batchesAreFreshArraysTheCallerMayKeep() {
        BatchOrder order = new BatchOrder(10, 4, 42);
        int[][] first = order.epoch(0);
        first[0][0] = -1;
        assertEquals(6, order.epoch(0)[0][0]);
    }

    @ParameterizedTest
    @CsvSource({"0, 'cannot batch 0 examples; need ≥ 1'", "-5, 'cannot batch -5 examples; need ≥ 1'"})
    void fewerThanOneExampleIsRejected(int n, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchOrder(n, 4, 42));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "-2147483648"})
    void batchSizeBelowOneIsRejected(int batch) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchOrder(10, batch, 42));
        assertEquals("batch size " + batch + " is invalid; it must be ≥ 1", e.getMessage());
    }

    @Test
    void oneExampleAndBatchOneAreTheSmallestValidOrder() {
        BatchOrder order = new BatchOrder(1, 1, 42);
        assertEquals(1, order.stepsPerEpoch());
        assertArrayEquals(new int[][] {{0}}, order.epoch(0));
    }
}
