package nnparity.gradcheck;

import java.util.Random;
import java.util.stream.IntStream;

import nnparity.spec.NetSpec;

/**
 * Which elements the numerical checks perturb. Every bias is always checked; a weight group larger
 * than {@code maxPerWeightGroup} is checked on a seeded sample of that many distinct elements.
 * (The cross-framework check needs no perturbation and always compares every element.)
 *
 * @param maxPerWeightGroup at most this many elements of each W; {@link Integer#MAX_VALUE} for all
 * @param seed              seeds the sample
 */
public record Coverage(int maxPerWeightGroup, long seed) {

    /** Nets up to this many parameters are checked completely by default: 2→50→4 has 354, 2→100→50→4 has 5,554. */
    public static final int FULL_CHECK_LIMIT = 10_000;
    /** The default sample per weight group of a larger net, such as 784→50→10 (39,760 parameters). */
    public static final int DEFAULT_SAMPLE = 200;

    public Coverage {
        if (maxPerWeightGroup < 1)
            throw new IllegalArgumentException("sample " + maxPerWeightGroup + " is invalid; it must be ≥ 1");
    }

    public static Coverage all() {
        return new Coverage(Integer.MAX_VALUE, 0);
    }

    public static Coverage sample(int maxPerWeightGroup, long seed) {
        return new Coverage(maxPerWeightGroup, seed);
    }

    /** All of a net with at most {@link #FULL_CHECK_LIMIT} parameters, else {@link #DEFAULT_SAMPLE} per weight group. */
    public static Coverage defaultFor(NetSpec spec) {
        long params = 0;
        for (int k = 0; k < spec.depth(); k++) params += ((long) spec.nIn(k) + 1) * spec.layers().get(k).nOut();
        return params <= FULL_CHECK_LIMIT ? all() : sample(DEFAULT_SAMPLE, spec.seed());
    }

    public boolean isAll() {
        return maxPerWeightGroup == Integer.MAX_VALUE;
    }

    /** The indices of {@code g} to check, ascending. */
    public int[] indices(Group g, NetSpec spec) {
        int size = g.size(spec);
        if (g.isBias() || size <= maxPerWeightGroup) return IntStream.range(0, size).toArray();
        // a partial Fisher–Yates shuffle: the first k of a seeded permutation
        int[] perm = IntStream.range(0, size).toArray();
        Random rnd = new Random(seed * 31 + g.ordinal());
        for (int i = 0; i < maxPerWeightGroup; i++) {
            int j = i + rnd.nextInt(size - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        return IntStream.of(perm).limit(maxPerWeightGroup).sorted().toArray();
    }

    /** {@code all} or {@code 200 per weight group, all biases}. */
    @Override
    public String toString() {
        return isAll() ? "all" : maxPerWeightGroup + " per weight group (seeded), all biases";
    }
}
