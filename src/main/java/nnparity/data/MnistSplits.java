package nnparity.data;

import java.util.Objects;

/**
 * The train and test sets of one MNIST-format dataset, loaded from a located directory:
 *
 * <pre>
 *   train  train-images-idx3-ubyte + train-labels-idx1-ubyte   (60000 × 28×28 for MNIST and Fashion-MNIST)
 *   test   t10k-images-idx3-ubyte  + t10k-labels-idx1-ubyte    (10000 × 28×28)
 * </pre>
 *
 * Both sets have the same image size; they are named {@code <dataset> train} and {@code <dataset> test}.
 *
 * @param train  the training set
 * @param test   the test set
 * @param source where the files were found
 */
public record MnistSplits(MnistData train, MnistData test, MnistLocator.Located source) {

    public MnistSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataException(source.dir() + ": train images are " + train.rows() + "×" + train.cols()
                    + " but test images are " + test.rows() + "×" + test.cols() + "; both sets must have one size");
        }
    }

    /**
     * Loads all four files of a located directory, checking each (see {@link IdxReader}).
     *
     * @throws DataException if any file is bad, or the two sets' image sizes differ
     */
    public static MnistSplits load(MnistLocator.Located source) {
        MnistLocator.MnistFiles f = source.files();
        MnistData train = MnistData.load(f.trainImages(), f.trainLabels(), source.datasetName() + " train");
        MnistData test = MnistData.load(f.testImages(), f.testLabels(), source.datasetName() + " test");
        return new MnistSplits(train, test, source);
    }

    /**
     * The first {@code maxTrain} training and {@code maxTest} test examples (each capped at the set's
     * size; each must be ≥ 1).
     */
    public MnistSplits limit(int maxTrain, int maxTest) {
        if (maxTrain < 1) throw new IllegalArgumentException("train limit " + maxTrain + " is invalid; it must be ≥ 1");
        if (maxTest < 1) throw new IllegalArgumentException("test limit " + maxTest + " is invalid; it must be ≥ 1");
        return new MnistSplits(train.limit(Math.min(maxTrain, train.size())),
                test.limit(Math.min(maxTest, test.size())), source);
    }

    /** The dataset's name, e.g. {@code Fashion-MNIST}. */
    public String datasetName() {
        return source.datasetName();
    }

    public int trainSize() {
        return train.size();
    }

    public int testSize() {
        return test.size();
    }

    /** Image height in pixels. */
    public int rows() {
        return train.rows();
    }

    /** Image width in pixels. */
    public int cols() {
        return train.cols();
    }

    /** E.g. {@code Fashion-MNIST: 60000 train + 10000 test, 28×28}. */
    @Override
    public String toString() {
        return datasetName() + ": " + trainSize() + " train + " + testSize() + " test, " + rows() + "×" + cols();
    }
}
