package nnparity.bench;

import java.util.Random;

import nnparity.data.Batch;
import nnparity.data.BatchOrder;
import nnparity.data.LabelledData;
import nnparity.data.MnistData;
import nnparity.data.MnistLocator;
import nnparity.data.MnistSplits;
import nnparity.data.QuadrantData;

/**
 * The batches a benchmark feeds both sides: a few distinct batches, cycled, so that no side is
 * timed on one batch it has memorised.
 *
 * <ul>
 *   <li>{@code input = "data"}: the real task. Two inputs are the tutorial's quadrant points;
 *       784 inputs are Fashion-MNIST training images (pixels / 255, about half of them exactly 0),
 *       found by {@link MnistLocator} ({@code /usr/share/datasets/fashion-mnist} from the Debian
 *       package {@value MnistLocator#DEBIAN_PACKAGE}, or {@code $MNIST_DIR}).</li>
 *   <li>{@code input = "dense"}: N(0,1) noise, no zeros at all: the worst case for the
 *       hand-written kernel, which skips zeros.</li>
 * </ul>
 */
final class Workload {
    /** Distinct batches per benchmark; a power of two so the cycling index is a mask. */
    static final int BATCHES = 8;
    static final long SEED = 7;

    private static MnistData fashionTrain;

    private Workload() {
    }

    /** {@link #BATCHES} batches of {@code shape.batch()} examples. */
    static Batch[] batches(Shape shape, String input) {
        LabelledData data = switch (input) {
            case "data" -> shape.nIn() == 2 ? QuadrantData.random(shape.batch() * BATCHES, SEED) : fashionTrain();
            case "dense" -> null;
            default -> throw new IllegalArgumentException("input '" + input + "' is not known; valid: data | dense");
        };
        if (data != null && (data.nFeatures() != shape.nIn() || data.nClasses() != shape.nOut()))
            throw new IllegalArgumentException(data.name() + " does not fit " + shape + "; use input=dense");
        Batch[] out = new Batch[BATCHES];
        if (data != null) {
            int[][] order = new BatchOrder(data.size(), shape.batch(), SEED).epoch(0);
            for (int i = 0; i < BATCHES; i++) out[i] = Batch.of(data, order[i % order.length]);
        } else {
            Random r = new Random(SEED);
            for (int i = 0; i < BATCHES; i++) out[i] = noise(shape, r);
        }
        return out;
    }

    /** Fashion-MNIST's 60,000 training images, loaded once per JVM. */
    static synchronized MnistData fashionTrain() {
        if (fashionTrain == null) fashionTrain = MnistSplits.load(MnistLocator.forThisMachine().locate(null)).train();
        return fashionTrain;
    }

    private static Batch noise(Shape s, Random r) {
        int n = s.batch();
        double[] x = new double[n * s.nIn()], t = new double[n * s.nOut()];
        int[] labels = new int[n], idx = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            labels[i] = r.nextInt(s.nOut());
            t[i * s.nOut() + labels[i]] = 1;
        }
        return new Batch(idx, x, t, labels, s.nIn(), s.nOut());
    }
}
