package nnparity.data;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.Adler32;

/**
 * Which data set a folder of MNIST-format files holds, told by its content rather than its path:
 * MNIST and Fashion-MNIST share the file names, the format and the shapes (28×28, 60,000 + 10,000,
 * ten classes), so only the data tells them apart. The label files decide: the Adler-32 of each
 * label file (8-byte header + one byte per image) is compared with the published sets'.
 *
 * <pre>
 *                   train labels    test labels     where the figure comes from
 *   MNIST           4008842612      2212998611      DL4J's MnistDataFetcher.CHECKSUM_*_LABELS
 *   Fashion-MNIST   4093911104      3259936777      measured on Debian's dataset-fashion-mnist
 * </pre>
 */
public enum DatasetKind {
    /** LeCun, Cortes and Burges' handwritten digits. */
    MNIST("MNIST", "handwritten digits 0-9", 4_008_842_612L, 2_212_998_611L,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    /** Zalando's photos of clothing, in MNIST's format. */
    FASHION_MNIST("Fashion-MNIST", "photos of clothing (Zalando's 10 classes), not handwritten digits", 4_093_911_104L, 3_259_936_777L,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")),
    /** Anything else in the format: a subset, a variant, one's own. */
    OTHER("MNIST-format data", "neither MNIST nor Fashion-MNIST (their label files differ); classes shown as 0-9", -1, -1,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    private final String title;
    private final String description;
    private final long trainLabelsAdler32, testLabelsAdler32;
    private final List<String> classes;

    DatasetKind(String title, String description, long trainLabelsAdler32, long testLabelsAdler32, List<String> classes) {
        this.title = title;
        this.description = description;
        this.trainLabelsAdler32 = trainLabelsAdler32;
        this.testLabelsAdler32 = testLabelsAdler32;
        this.classes = classes;
    }

    /** E.g. {@code Fashion-MNIST}. */
    public String title() {
        return title;
    }

    /** E.g. {@code photos of clothing (Zalando's 10 classes), not handwritten digits}. */
    public String description() {
        return description;
    }

    /** The class names in label order. */
    public List<String> classes() {
        return classes;
    }

    /** E.g. {@code MNIST: handwritten digits 0-9}. */
    public String line() {
        return title + ": " + description;
    }

    /** The kind of the whole training and test sets (before any {@code --limit}). */
    public static DatasetKind of(LabelledData train, LabelledData test) {
        long tr = labelFileAdler32(train), te = labelFileAdler32(test);
        for (DatasetKind k : values()) {
            if (k.trainLabelsAdler32 == tr && k.testLabelsAdler32 == te) return k;
        }
        return OTHER;
    }

    /** Adler-32 of the IDX label file that holds {@code d}'s labels: magic 2049, count, then the labels. */
    static long labelFileAdler32(LabelledData d) {
        Adler32 a = new Adler32();
        a.update(ByteBuffer.allocate(8).putInt(IdxReader.LABEL_MAGIC).putInt(d.size()).array());
        byte[] labels = new byte[d.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) d.label(i);
        a.update(labels);
        return a.getValue();
    }
}
