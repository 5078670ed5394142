package nnparity.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * An MNIST-format set of {@code n} grey images of {@code rows × cols} pixels with a digit label each,
 * held compactly as bytes (60000 × 784 is 47 MB, against 376 MB as doubles):
 *
 * <pre>
 *   pixels  byte[n · rows·cols]   image i = pixels[i·rows·cols .. (i+1)·rows·cols), row-major, 0..255
 *   labels  byte[n]               label i in [0, 10)
 *   x_k = pixels[i·rows·cols + k] / 255.0     feature k of example i, in [0, 1]
 * </pre>
 *
 * The scaling is one correctly rounded division, so 0 → 0.0 and 255 → 1.0 exactly. Instances are
 * immutable; {@link #limit(int)} shares the arrays of the set it shortens.
 */
public final class MnistData implements LabelledData {

    /** MNIST and Fashion-MNIST both have ten classes. */
    public static final int N_CLASSES = 10;
    /** Pixel bytes are divided by this to give features in [0, 1]. */
    public static final double PIXEL_SCALE = 255.0;
    /** {@code v / 255.0} for every byte value v: the same doubles as dividing, without a division per pixel. */
    private static final double[] SCALED = new double[256];

    static {
        for (int v = 0; v < 256; v++) SCALED[v] = v / PIXEL_SCALE;
    }

    private final String name;
    private final int n;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final byte[] labels;

    private MnistData(String name, int n, int rows, int cols, byte[] pixels, byte[] labels) {
        this.name = name;
        this.n = n;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Loads an image file and its label file (each plain or gzip, see {@link IdxReader}) as one set.
     *
     * @param name a short human name, e.g. {@code Fashion-MNIST train}
     * @throws DataException if either file is bad, or the two hold different numbers of examples
     *                       (the message names both files and both counts)
     */
    public static MnistData load(Path images, Path labels, String name) {
        IdxReader.Images im = IdxReader.readImages(images);
        IdxReader.Labels lb = IdxReader.readLabels(labels, N_CLASSES);
        if (im.count() != lb.count()) {
            throw new DataException(images + " holds " + im.count() + " images but " + labels + " holds "
                    + lb.count() + " labels; an image file and its label file must hold the same number");
        }
        return new MnistData(name, im.count(), im.rows(), im.cols(), im.pixels(), lb.labels());
    }

    /**
     * A set built from arrays already in memory (copied), for tests and synthetic data.
     *
     * @param pixels {@code n · rows · cols} bytes, image by image, row-major
     * @param labels {@code n} bytes, each in [0, 10)
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public static MnistData of(String name, int rows, int cols, byte[] pixels, byte[] labels) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (rows < 1 || cols < 1)
            throw new IllegalArgumentException("image size " + rows + "×" + cols + " is invalid; rows and columns must be ≥ 1");
        int n = labels.length;
        if (n < 1) throw new IllegalArgumentException("no labels; a set needs at least one example");
        if ((long) n * rows * cols != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not make " + n + " images of "
                    + rows + "×" + cols + " (" + (long) n * rows * cols + " bytes)");
        }
        for (int i = 0; i < n; i++) {
            if ((labels[i] & 0xFF) >= N_CLASSES)
                throw new IllegalArgumentException("label " + (labels[i] & 0xFF) + " at index " + i
                        + " is out of range; labels must be 0 to " + (N_CLASSES - 1));
        }
        return new MnistData(Objects.requireNonNull(name, "name"), n, rows, cols, pixels.clone(), labels.clone());
    }

    /**
     * The first {@code count} examples, in order, sharing this set's arrays.
     *
     * @param count 1 to {@link #size()}
     * @throws IllegalArgumentException if {@code count} is outside that range
     */
    public MnistData limit(int count) {
        if (count < 1 || count > n)
            throw new IllegalArgumentException("limit " + count + " is invalid for " + name + "; it must be 1 to " + n);
        if (count == n) return this;
        return new MnistData(name, count, rows, cols, pixels, labels);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return n;
    }

    /** {@code rows · cols}: 784 for 28×28. */
    @Override
    public int nFeatures() {
        return rows * cols;
    }

    @Override
    public int nClasses() {
        return N_CLASSES;
    }

    /** Image height in pixels. */
    public int rows() {
        return rows;
    }

    /** Image width in pixels. */
    public int cols() {
        return cols;
    }

    @Override
    public int label(int i) {
        Objects.checkIndex(i, n);
        return labels[i];
    }

    /** The raw pixel {@code k = r·cols + c} of example {@code i}, 0..255. */
    public int pixel(int i, int k) {
        Objects.checkIndex(i, n);
        Objects.checkIndex(k, rows * cols);
        return pixels[i * rows * cols + k] & 0xFF;
    }

    /** How many examples have each label: {@code counts[c]} for c in [0, 10). */
    public int[] classCounts() {
        int[] counts = new int[N_CLASSES];
        for (int i = 0; i < n; i++) counts[labels[i]]++;
        return counts;
    }

    /** Writes {@code x_k = pixel_k / 255.0} for k in [0, rows·cols) into {@code dst[offset ..]}. */
    @Override
    public void copyFeatures(int i, double[] dst, int offset) {
        Objects.checkIndex(i, n);
        int p = rows * cols;
        Objects.checkFromIndexSize(offset, p, dst.length);
        int base = i * p;
        for (int k = 0; k < p; k++) dst[offset + k] = SCALED[pixels[base + k] & 0xFF];
    }

    /** E.g. {@code Fashion-MNIST train(60000 × 28×28)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%d × %d×%d)", name, n, rows, cols);
    }
}
