package nnparity.data;

/**
 * A labelled classification set that hands out one example at a time, so that a large set can be
 * held compactly (MNIST as bytes) and turned into doubles only batch by batch.
 *
 * <p>Features are read into a caller's row-major buffer: example {@code i} fills
 * {@code dst[offset .. offset + nFeatures())}. Labels are class indices in {@code [0, nClasses())}.
 */
public interface LabelledData {

    /** A short human name, e.g. {@code quadrants(4 points)} or {@code Fashion-MNIST train}. */
    String name();

    /** Number of examples. */
    int size();

    /** Features per example: 2 for the quadrant task, 784 for 28×28 images. */
    int nFeatures();

    /** Number of classes: 4 quadrants, 10 digits. */
    int nClasses();

    /** The class index of example {@code i}, in {@code [0, nClasses())}. */
    int label(int i);

    /** Copies the features of example {@code i} into {@code dst[offset .. offset + nFeatures())}. */
    void copyFeatures(int i, double[] dst, int offset);
}
