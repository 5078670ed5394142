package nnparity.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.zip.Adler32;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * MNIST and Fashion-MNIST are told apart by their label files' content, whatever folder they are
 * in: the header line and the JSON report say which is in use.
 */
class DatasetKindTest {

    /** Labels only: what {@link DatasetKind#of} reads. */
    record Labels(byte[] labels) implements LabelledData {
        @Override public String name() { return "labels"; }
        @Override public int size() { return labels.length; }
        @Override public int nFeatures() { return 1; }
        @Override public int nClasses() { return 10; }
        @Override public int label(int i) { return labels[i]; }
        @Override public void copyFeatures(int i, double[] dst, int offset) { dst[offset] = 0; }
    }

    @Test
    void theLabelChecksumIsTheAdler32OfTheWholeIdxLabelFile() {
        byte[] labels = {3, 1, 4, 1, 5, 9, 2, 6};
        Adler32 a = new Adler32();
        a.update(IdxTestFiles.file(IdxTestFiles.LABEL_MAGIC, labels, labels.length));
        assertEquals(a.getValue(), DatasetKind.labelFileAdler32(new Labels(labels)));
    }

    @Test
    void mnistsFiguresAreTheOnesDl4jChecksItsDownloadAgainst() throws ReflectiveOperationException {
        Class<?> fetcher = Class.forName("org.deeplearning4j.datasets.fetchers.MnistDataFetcher");
        var train = fetcher.getDeclaredField("CHECKSUM_TRAIN_LABELS");
        var test = fetcher.getDeclaredField("CHECKSUM_TEST_LABELS");
        train.setAccessible(true);
        test.setAccessible(true);
        // a label set whose checksums are MNIST's cannot be built here, so the figures are compared as written
        assertEquals(4_008_842_612L, train.getLong(null));
        assertEquals(2_212_998_611L, test.getLong(null));
    }

    @Test
    void debiansFashionMnistIsClothingWhereverItLies() {
        var debian = MnistLocator.DEBIAN_FASHION_MNIST;
        Assumptions.assumeTrue(MnistLocator.findFiles(debian.dir()).isPresent(), "apt-get install dataset-fashion-mnist to run this test");
        MnistLocator.Located where = new MnistLocator(k -> null, null, List.of(debian)).locate(null);
        MnistSplits all = MnistSplits.load(where);
        DatasetKind kind = DatasetKind.of(all.train(), all.test());
        assertEquals(DatasetKind.FASHION_MNIST, kind);
        assertEquals("Fashion-MNIST: photos of clothing (Zalando's 10 classes), not handwritten digits", kind.line());
        assertEquals("Ankle boot", kind.classes().get(9));
    }

    @Test
    void anyOtherSetIsNamedAsNeither() {
        DatasetKind kind = DatasetKind.of(new Labels(new byte[]{1, 2, 3}), new Labels(new byte[]{4}));
        assertEquals(DatasetKind.OTHER, kind);
        assertEquals("MNIST-format data: neither MNIST nor Fashion-MNIST (their label files differ); classes shown as 0-9", kind.line());
    }

    @Test
    void aSubsetOfFashionMnistIsNotFashionMnist() {
        Assumptions.assumeTrue(MnistLocator.findFiles(MnistLocator.DEBIAN_FASHION_MNIST.dir()).isPresent(), "needs dataset-fashion-mnist");
        MnistSplits all = MnistSplits.load(new MnistLocator(k -> null, null, List.of(MnistLocator.DEBIAN_FASHION_MNIST)).locate(null)).limit(59_999, 10_000);
        assertEquals(DatasetKind.OTHER, DatasetKind.of(all.train(), all.test()));
    }
}
