package nnparity.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The order in which examples are visited: each epoch is a seeded Fisher–Yates shuffle of
 * {@code 0 … n-1}, cut into batches of {@code batchSize} (the last holds the remainder
 * {@code n mod batchSize} when that is not 0; a batch size ≥ n gives one batch). Epoch e uses
 * its own {@code Random}, so any epoch can be recomputed without replaying the ones before it,
 * and the same seed always gives the same order.
 */
public final class BatchOrder {
    private final int n;
    private final int batchSize;
    private final long seed;

    public BatchOrder(int n, int batchSize, long seed) {
        if (n < 1) throw new IllegalArgumentException("cannot batch " + n + " examples; need ≥ 1");
        if (batchSize < 1) throw new IllegalArgumentException("batch size " + batchSize + " is invalid; it must be ≥ 1");
        this.n = n;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The batches of epoch {@code e} (0-based), each an array of example indices. */
    public int[][] epoch(int e) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Random rnd = new Random(seed * 1_000_003L + e);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        int[][] batches = new int[stepsPerEpoch()][];
        for (int s = 0, from = 0; s < batches.length; s++, from += batchSize) {
            batches[s] = Arrays.copyOfRange(perm, from, from + Math.min(batchSize, n - from));
        }
        return batches;
    }

    /**
     * {@code ⌈n / batchSize⌉}: full batches, plus one for the remainder {@code n mod batchSize} if
     * any. Computed without overflow, so a batch size up to {@code Integer.MAX_VALUE} gives one batch.
     */
    public int stepsPerEpoch() {
        return n / batchSize + (n % batchSize == 0 ? 0 : 1);
    }
}
