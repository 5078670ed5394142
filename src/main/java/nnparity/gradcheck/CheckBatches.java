package nnparity.gradcheck;

import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.spec.NetSpec;

/**
 * The batch a gradient check runs on, chosen from the net's shape so that every run is reproducible:
 *
 * <ul>
 *   <li>2 inputs, 4 classes (the quadrant net): the tutorial's points (1,1), (−1,1), (−1,−1), (1,−1),
 *       the first {@code batchSize} of them, for a batch of up to 4; {@code batchSize} seeded random
 *       points ({@link QuadrantData#random}) for a larger one;</li>
 *   <li>784 inputs (digits-sized): synthetic 28×28 "images": each pixel 0 with probability 0.8,
 *       else uniform in (0, 1], like MNIST's mostly-black pixels, so whole input columns can be 0;</li>
 *   <li>any other shape: x ~ N(0, 1).</li>
 * </ul>
 *
 * Labels are uniform over the classes except for the quadrant task, where they are the quadrants.
 */
public final class CheckBatches {
    /** Pixels of a digits-sized input that are exactly 0, about MNIST's share. */
    static final double BLANK_PIXEL_SHARE = 0.8;
    static final int DIGITS_INPUTS = 784;

    private CheckBatches() {
    }

    public static Batch of(NetSpec spec, int batchSize, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size " + batchSize + " is invalid; it must be ≥ 1");
        if (isQuadrant(spec)) {
            if (batchSize <= 4) return Batch.of(QuadrantData.tutorial(), IntStream.range(0, batchSize).toArray());
            return Batch.all(QuadrantData.random(batchSize, seed));
        }
        int nIn = spec.nIn(), nOut = spec.nOut();
        Random rnd = new Random(seed);
        double[] x = new double[batchSize * nIn], t = new double[batchSize * nOut];
        int[] labels = new int[batchSize];
        for (int r = 0; r < batchSize; r++) {
            for (int i = 0; i < nIn; i++) {
                x[r * nIn + i] = nIn == DIGITS_INPUTS
                        ? (rnd.nextDouble() < BLANK_PIXEL_SHARE ? 0 : 1 - rnd.nextDouble())
                        : rnd.nextGaussian();
            }
            labels[r] = rnd.nextInt(nOut);
            t[r * nOut + labels[r]] = 1;
        }
        return new Batch(IntStream.range(0, batchSize).toArray(), x, t, labels, nIn, nOut);
    }

    /** E.g. {@code 4 examples: the tutorial's points} or {@code 32 examples: synthetic sparse pixels (seed 7)}. */
    public static String describe(NetSpec spec, int batchSize, long seed) {
        String what;
        if (isQuadrant(spec)) {
            what = batchSize <= 4 ? (batchSize == 4 ? "the tutorial's points" : "the tutorial's first " + batchSize + " point" + (batchSize == 1 ? "" : "s"))
                    : String.format(Locale.ROOT, "random quadrant points (seed %d)", seed);
        } else if (spec.nIn() == DIGITS_INPUTS) {
            what = String.format(Locale.ROOT, "synthetic 28×28 images, %.0f%% blank pixels (seed %d)", 100 * BLANK_PIXEL_SHARE, seed);
        } else {
            what = String.format(Locale.ROOT, "x ~ N(0,1), random labels (seed %d)", seed);
        }
        return batchSize + (batchSize == 1 ? " example: " : " examples: ") + what;
    }

    private static boolean isQuadrant(NetSpec spec) {
        return spec.nIn() == 2 && spec.nOut() == 4;
    }
}
