package nnparity.data;

import static nnparity.data.IdxTestFiles.IMAGE_MAGIC;
import static nnparity.data.IdxTestFiles.LABEL_MAGIC;
import static nnparity.data.IdxTestFiles.concat;
import static nnparity.data.IdxTestFiles.FCOMMENT;
import static nnparity.data.IdxTestFiles.FEXTRA;
import static nnparity.data.IdxTestFiles.FHCRC;
import static nnparity.data.IdxTestFiles.FNAME;
import static nnparity.data.IdxTestFiles.gzip;
import static nnparity.data.IdxTestFiles.gzipMember;
import static nnparity.data.IdxTestFiles.header;
import static nnparity.data.IdxTestFiles.imageFile;
import static nnparity.data.IdxTestFiles.labelFile;
import static nnparity.data.IdxTestFiles.pixelAt;
import static nnparity.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static void assertMessageContains(DataException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message lacks \"" + p + "\": " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "message must be one line");
    }

    @Test
    void plainImageFileLoadsEveryPixelInRowMajorOrder() {
        Path f = write(dir, "train-images-idx3-ubyte", imageFile(3, 4, 5));
        IdxReader.Images im = IdxReader.readImages(f);
        assertEquals(3, im.count());
        assertEquals(4, im.rows());
        assertEquals(5, im.cols());
        assertEquals(3 * 20, im.pixels().length);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 20; k++) assertEquals(pixelAt(i, k), im.pixels()[i * 20 + k] & 0xFF);
        }
        assertEquals("3 images of 4×5", im.toString());
    }

    @Test
    void gzipImageFileIsDetectedByItsMagicBytesWhateverItsName() {
        byte[] plain = imageFile(3, 4, 5);
        Path f = write(dir, "images.bin", gzip(plain));
        IdxReader.Images im = IdxReader.readImages(f);
        assertArrayEquals(Arrays.copyOfRange(plain, 16, plain.length), im.pixels());
    }

    @Test
    void plainFileNamedGzIsReadAsPlain() {
        Path f = write(dir, "train-images-idx3-ubyte.gz", imageFile(2, 3, 3));
        assertEquals(2, IdxReader.readImages(f).count());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void labelFileLoadsItsDigitsPlainOrGzip(boolean gz) {
        byte[] labels = {0, 9, 3, 3, 7};
        byte[] content = labelFile(labels);
        Path f = write(dir, "labels", gz ? gzip(content) : content);
        IdxReader.Labels l = IdxReader.readLabels(f);
        assertEquals(5, l.count());
        assertArrayEquals(labels, l.labels());
    }

    @Test
    void largeGzipImageFileLoadsCompletely() {
        // Bigger than the reader's first inflate buffer, so the buffer has to grow.
        byte[] plain = imageFile(2000, 28, 28);
        IdxReader.Images im = IdxReader.readImages(write(dir, "big.gz", gzip(plain)));
        assertArrayEquals(Arrays.copyOfRange(plain, 16, plain.length), im.pixels());
    }

    @Test
    void labelFileGivenAsImagesIsCalledALabelFile() {
        Path f = write(dir, "train-images-idx3-ubyte.gz", gzip(labelFile(new byte[] {1, 2, 3})));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f.toString(), "magic number 2049 is a label file's; an image file starts with 2051");
    }

    @Test
    void imageFileGivenAsLabelsIsCalledAnImageFile() {
        Path f = write(dir, "train-labels-idx1-ubyte", imageFile(2, 2, 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, f.toString(), "magic number 2051 is an image file's; a label file starts with 2049");
    }

    @Test
    void foreignMagicIsReportedInDecimalAndHexWithTheExpectedOne() {
        // A zip archive ("PK\3\4") where an image file should be.
        Path f = write(dir, "images", concat(new byte[] {'P', 'K', 3, 4}, new byte[40]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "magic number 1347093252 (0x504B0304) is not an IDX file's",
                "an image file starts with 2051 (0x00000803");
    }

    @Test
    void idxMagicOfAnotherElementTypeIsNamedAsSuch() {
        Path f = write(dir, "images", concat(header(0x00000D03, 1, 1, 1), new byte[4]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "(0x00000D03) is an IDX file of floats in 3 dimensions", "starts with 2051");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedImageFileIsRejectedWithItsExpectedSize(boolean gz) {
        byte[] whole = imageFile(3, 4, 5); // 16 + 60 = 76 bytes
        byte[] cut = Arrays.copyOf(whole, 70);
        Path f = write(dir, "train-images-idx3-ubyte" + (gz ? ".gz" : ""), gz ? gzip(cut) : cut);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f.toString(), "truncated: header promises 3 images of 4×5 (76 bytes) but the file",
                " 70");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedLabelFileIsRejectedWithItsExpectedSize(boolean gz) {
        byte[] cut = Arrays.copyOf(labelFile(new byte[] {1, 2, 3, 4, 5, 6}), 10);
        Path f = write(dir, "labels", gz ? gzip(cut) : cut);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, "truncated: header promises 6 labels (14 bytes) but the file", " 10");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trailingBytesAfterTheDataAreRejected(boolean gz) {
        byte[] longer = concat(imageFile(2, 3, 3), new byte[] {1, 2, 3, 4});
        Path f = write(dir, "images", gz ? gzip(longer) : longer);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "trailing data: header promises 2 images of 3×3 (34 bytes)", " 38 (4 bytes too many)");
    }

    @ParameterizedTest
    @CsvSource({"10, 3", "255, 0", "10, 5"})
    void labelOutOfRangeIsReportedWithTheFirstBadIndexAndValue(int value, int index) {
        byte[] labels = {1, 2, 3, 4, 5, 6};
        labels[index] = (byte) value;
        Path f = write(dir, "labels", labelFile(labels));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, f.toString(), "label " + value + " at index " + index, "labels must be 0 to 9");
    }

    @Test
    void manyBadLabelsAreCountedAfterTheFirst() {
        Path f = write(dir, "labels", labelFile(new byte[] {0, 12, 3, (byte) 200, 11}));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, "label 12 at index 1", "the first of 3 bad ones");
    }

    @Test
    void labelsAreCheckedAgainstTheGivenClassCount() {
        Path f = write(dir, "labels", labelFile(new byte[] {0, 1, 3}));
        assertEquals(3, IdxReader.readLabels(f, 4).count());
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f, 3));
        assertMessageContains(e, "label 3 at index 2", "labels must be 0 to 2");
    }

    @Test
    void corruptGzipDataIsADataExceptionNotAnIoError() {
        byte[] gz = gzip(imageFile(50, 28, 28));
        // Overwrite the middle of the deflate stream with a pattern that is not valid deflate data.
        for (int i = 20; i < gz.length - 20; i++) gz[i] = (byte) 0xFF;
        Path f = write(dir, "train-images-idx3-ubyte.gz", gz);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f.toString(), "gzip");
        assertNotNull(e.getCause());
    }

    @Test
    void cutOffGzipIsReportedAsATruncatedGzipStream() {
        byte[] gz = gzip(imageFile(50, 28, 28));
        Path f = write(dir, "images.gz", Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f.toString(), "truncated gzip stream");
    }

    @Test
    void gzipWithAWrongChecksumIsRejected() {
        byte[] gz = gzip(imageFile(3, 4, 5));
        gz[gz.length - 8] ^= 0x01; // the CRC-32 in the gzip trailer
        Path f = write(dir, "images.gz", gz);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "corrupt gzip data");
        assertInstanceOf(ZipException.class, e.getCause());
    }

    @Test
    void emptyFileIsRejectedSayingWhatAnImageFileStartsWith() {
        Path f = write(dir, "train-images-idx3-ubyte", new byte[0]);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f.toString(), "empty file (0 bytes)",
                "an IDX image file starts with a 16-byte header whose magic number is 2051");
    }

    @Test
    void emptyGzipStreamIsRejected() {
        Path f = write(dir, "labels.gz", gzip(new byte[0]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, "empty after gzip decompression", "8-byte header whose magic number is 2049");
    }

    @Test
    void fileShorterThanTheMagicIsRejected() {
        Path f = write(dir, "images", new byte[] {0, 0, 8});
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "only 3 bytes", "16-byte header");
    }

    @Test
    void truncatedHeaderIsRejected() {
        Path f = write(dir, "images", Arrays.copyOf(header(IMAGE_MAGIC, 1, 28, 28), 10));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "truncated header", "10 bytes");
    }

    @ParameterizedTest
    @CsvSource({"0, 28, 28", "-1, 28, 28", "-2147483648, 28, 28"})
    void imageCountBelowOneIsRejected(int n, int rows, int cols) {
        Path f = write(dir, "images", header(IMAGE_MAGIC, n, rows, cols));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "image count as " + n, "must be at least 1");
    }

    @Test
    void negativeLookingLabelCountIsRejectedWithItsHex() {
        Path f = write(dir, "labels", concat(header(LABEL_MAGIC, 0xFFFFFFFF), new byte[3]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, "label count as -1 (0xFFFFFFFF)");
    }

    @ParameterizedTest
    @CsvSource({"0, 28", "28, 0", "-28, 28", "28, 4097", "-2147483648, 1"})
    void imageSidesOutsideOneToMaxSideAreRejected(int rows, int cols) {
        Path f = write(dir, "images", concat(header(IMAGE_MAGIC, 1, rows, cols), new byte[16]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "image size as " + rows + "×" + cols, "must be 1 to " + IdxReader.MAX_SIDE);
    }

    @Test
    void headerPromisingMoreThanAnArrayHoldsIsRejectedBeforeReading() {
        Path f = write(dir, "images", header(IMAGE_MAGIC, 1_000_000, 4096, 4096));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "more than one Java array holds");
    }

    @Test
    void hugeHeaderInASmallGzipIsTruncatedWithoutAllocatingThePromise() {
        // 2e9 promised bytes: the buffer must grow with the data, not be allocated up front.
        Path f = write(dir, "images.gz", gzip(concat(header(IMAGE_MAGIC, 2_000, 1000, 1000), new byte[100])));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, "truncated: header promises 2000 images of 1000×1000 (2000000016 bytes)",
                "decompresses to 116");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope-idx3-ubyte");
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f.toString(), "no such file");
    }

    @Test
    void directoryGivenAsAFileIsRejected() {
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(dir));
        assertMessageContains(e, "is a directory");
    }

    @ParameterizedTest
    @CsvSource({"3, 3 bytes follow", "1, 1 byte follows", "70000, 70000 bytes follow"})
    void gzipWithGarbageAfterItsDataIsRejectedNamingTheFile(int n, String follow) {
        byte[] gz = gzip(imageFile(2, 3, 3));
        byte[] garbage = new byte[n];
        Arrays.fill(garbage, (byte) '!');
        Path f = write(dir, "train-images-idx3-ubyte.gz", concat(gz, garbage));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": trailing garbage after the gzip data: " + follow + " the end of its last gzip member at byte "
                + gz.length + "; a .gz file must end with its last member's 8-byte trailer (gzip -t reports "
                + "'trailing garbage ignored')", e.getMessage());
    }

    @Test
    void gzipPaddedWithZerosIsRejected() {
        Path f = write(dir, "labels.gz", concat(gzip(labelFile(new byte[] {1, 2})), new byte[512]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertMessageContains(e, f.toString(), "trailing garbage after the gzip data: 512 bytes follow");
    }

    @Test
    void gzipOfSeveralMembersLoadsAsTheirConcatenationLikeGzipDashD() {
        byte[] plain = imageFile(3, 4, 5); // 76 bytes: header, then 60 pixels
        byte[] gz = concat(gzip(Arrays.copyOfRange(plain, 0, 10)), gzipMember(Arrays.copyOfRange(plain, 10, 40), FNAME),
                gzipMember(new byte[0], 0), gzip(Arrays.copyOfRange(plain, 40, 76)));
        IdxReader.Images im = IdxReader.readImages(write(dir, "images.gz", gz));
        assertEquals("3 images of 4×5", im.toString());
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 20; k++) assertEquals(pixelAt(i, k), im.pixels()[i * 20 + k] & 0xFF);
        }
    }

    @Test
    void gzipHeaderFieldsWrittenByOtherToolsAreAccepted() {
        byte[] labels = {4, 0, 9};
        Path f = write(dir, "labels.gz", gzipMember(labelFile(labels), FEXTRA | FNAME | FCOMMENT | FHCRC));
        assertArrayEquals(labels, IdxReader.readLabels(f).labels());
    }

    @Test
    void gzipWithReservedFlagBitsIsCorrupt() {
        byte[] gz = gzip(imageFile(1, 2, 2));
        gz[3] = (byte) 0x80;
        Path f = write(dir, "images.gz", gz);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": corrupt gzip data after 0 decompressed bytes (gzip member 1 at byte 0 sets reserved flag bits"
                + " (FLG 0x80); only bits 0-4 are defined)", e.getMessage());
    }

    @Test
    void gzipCutInItsTrailerSaysHowFarDecompressionGot() {
        byte[] gz = gzip(imageFile(2, 3, 3)); // 34 bytes inside
        Path f = write(dir, "images.gz", Arrays.copyOf(gz, gz.length - 3));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": truncated gzip stream: it breaks off after 34 decompressed bytes, without gzip's end marker;"
                + " the .gz file is cut short (gzip member 1 breaks off in its trailer)", e.getMessage());
    }

    @Test
    void brokenSymbolicLinkIsNamedAsSuch() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("train-images-idx3-ubyte"), dir.resolve("gone"));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(link));
        assertEquals(link + ": is a broken symbolic link (to " + dir.resolve("gone") + "); expected an IDX image file",
                e.getMessage());
    }

    @Test
    void plainAndGzipCopiesOfOneFileHaveNoDifference() {
        byte[] plain = imageFile(40, 28, 28); // 31376 bytes
        Path a = write(dir, "a", plain);
        Path b = write(dir, "a.gz", gzip(plain));
        assertEquals(-1, IdxReader.firstDifference(a, b));
        assertEquals(-1, IdxReader.firstDifference(b, a));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15, 16, 70_000, 100_015})
    void firstDifferenceIsTheOffsetOfTheFirstDifferingByte(int at) {
        byte[] plain = imageFile(128, 28, 28); // 100368 bytes: more than one comparison chunk
        byte[] other = plain.clone();
        other[at] ^= 0x40;
        Path a = write(dir, "a", plain);
        Path b = write(dir, "b.gz", gzip(other));
        assertEquals(at, IdxReader.firstDifference(a, b));
    }

    @Test
    void aCopyThatIsAPrefixOfTheOtherDiffersWhereItEnds() {
        byte[] plain = imageFile(128, 28, 28);
        Path a = write(dir, "a", plain);
        Path b = write(dir, "b.gz", gzip(Arrays.copyOf(plain, 65_536)));
        assertEquals(65_536, IdxReader.firstDifference(a, b));
        assertEquals(65_536, IdxReader.firstDifference(b, a));
    }

    @Test
    void comparingWithABrokenCopyNamesTheBrokenFile() {
        byte[] plain = imageFile(3, 4, 5);
        Path a = write(dir, "a", plain);
        Path b = write(dir, "a.gz", concat(gzip(plain), new byte[] {7}));
        DataException e = assertThrows(DataException.class, () -> IdxReader.firstDifference(a, b));
        assertMessageContains(e, b + ": trailing garbage after the gzip data: 1 byte follows");
        DataException d = assertThrows(DataException.class, () -> IdxReader.firstDifference(dir, a));
        assertEquals(dir + ": is a directory; expected an IDX file", d.getMessage());
        Path missing = dir.resolve("nope");
        DataException m = assertThrows(DataException.class, () -> IdxReader.firstDifference(a, missing));
        assertEquals(missing + ": no such file; expected an IDX file", m.getMessage());
    }

    @Test
    void aFileOfJustTheMagicHasATruncatedHeader() {
        Path f = write(dir, "images", header(IMAGE_MAGIC));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": truncated header: the file holds 4 bytes; an IDX image file starts with a 16-byte header"
                + " whose magic number is 2051", e.getMessage());
    }

    @Test
    void oneByteIsOneByteAndTwoAfterGzipAreTwoBytes() {
        Path one = write(dir, "one", new byte[] {0});
        assertEquals(one + ": only 1 byte; an IDX label file starts with a 8-byte header whose magic number is 2049",
                assertThrows(DataException.class, () -> IdxReader.readLabels(one)).getMessage());
        Path two = write(dir, "two.gz", gzip(new byte[] {0, 0}));
        assertEquals(two + ": only 2 bytes after gzip decompression; an IDX label file starts with a 8-byte header"
                + " whose magic number is 2049", assertThrows(DataException.class, () -> IdxReader.readLabels(two)).getMessage());
    }

    @Test
    void aPayloadOfExactlyTheLargestArrayIsAllowedAndOneMoreIsNot() {
        // MAX_BYTES = 2^31 - 9 = 2147483639 labels fit one array (the file is then simply truncated) ...
        Path fits = write(dir, "fits", concat(header(LABEL_MAGIC, 2147483639), new byte[4]));
        assertEquals(fits + ": truncated: header promises 2147483639 labels (2147483647 bytes) but the file holds 12",
                assertThrows(DataException.class, () -> IdxReader.readLabels(fits)).getMessage());
        // ... one more label does not
        Path over = write(dir, "over", concat(header(LABEL_MAGIC, 2147483640), new byte[4]));
        assertEquals(over + ": header promises 2147483640 labels (2147483648 bytes), more than one Java array holds"
                + " (2147483639 bytes)", assertThrows(DataException.class, () -> IdxReader.readLabels(over)).getMessage());
    }

    @Test
    void aForeignMagicWhereLabelsShouldBeSaysOneDimension() {
        Path f = write(dir, "labels", concat(header(0x00000C01, 1), new byte[4]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": magic number 3073 (0x00000C01) is an IDX file of ints in 1 dimension; a label file starts"
                + " with 2049 (0x00000801: unsigned bytes, 1 dimension)", e.getMessage());
    }

    @Test
    void badLabelsFromIndexZeroOnAreReportedFromIndexZero() {
        Path f = write(dir, "labels", labelFile(new byte[] {12, 1, 13}));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": label 12 at index 0 is out of range (the first of 2 bad ones); labels must be 0 to 9",
                e.getMessage());
    }

    @Test
    void labelFilesDescribeThemselvesByCount() {
        assertEquals("3 labels", IdxReader.readLabels(write(dir, "labels", labelFile(new byte[] {1, 2, 3}))).toString());
    }

    @Test
    void oneAndTwoHundredFiftySixClassesAreTheBoundsOfAByteLabel() {
        Path zeros = write(dir, "zeros", labelFile(new byte[] {0, 0}));
        assertArrayEquals(new byte[] {0, 0}, IdxReader.readLabels(zeros, 1).labels());
        Path any = write(dir, "any", labelFile(new byte[] {0, (byte) 255}));
        assertArrayEquals(new byte[] {0, (byte) 255}, IdxReader.readLabels(any, 256).labels());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 257})
    void aClassCountOutsideOneTo256IsRejected(int nClasses) {
        Path f = write(dir, "labels", labelFile(new byte[] {0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(f, nClasses));
        assertEquals("nClasses " + nClasses + " is invalid; a byte label allows 1 to 256", e.getMessage());
    }

    /** Makes a named pipe with mkfifo, or skips the test where there is none. */
    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available");
        return p;
    }

    /** Writes {@code content} into the pipe from another thread, as {@code <(zcat f.gz)} would. */
    private static CompletableFuture<Void> feed(Path pipe, byte[] content) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                for (int at = 0; at < content.length; at += 1000) out.write(content, at, Math.min(1000, content.length - at));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNamedPipeIsReadLikeAFile(boolean gz) throws Exception {
        byte[] plain = imageFile(30, 28, 28); // 23536 bytes, written in pieces of 1000
        Path p = fifo("images");
        CompletableFuture<Void> writer = feed(p, gz ? gzip(plain) : plain);
        IdxReader.Images im = IdxReader.readImages(p);
        writer.get(10, TimeUnit.SECONDS);
        assertArrayEquals(Arrays.copyOfRange(plain, 16, plain.length), im.pixels());
    }

    @Test
    void aTruncatedNamedPipeSaysHowMuchItHeld() throws Exception {
        Path p = fifo("labels");
        CompletableFuture<Void> writer = feed(p, Arrays.copyOf(labelFile(new byte[] {1, 2, 3, 4}), 10));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(p));
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(p + ": truncated: header promises 4 labels (12 bytes) but the file holds 10", e.getMessage());
    }

    @Test
    void aFileEvenRootMayNotReadIsPermissionDenied() {
        // Linux's write-only sysctl: its mode 0200 is enforced for root too.
        Path f = Path.of("/proc/sys/vm/drop_caches");
        assumeTrue(Files.exists(f), "no " + f + " here");
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": cannot be read: permission denied", e.getMessage());
    }

    @Test
    void anyOtherReadErrorIsOneLineNamingTheFile() {
        // Reading offset 0 of the process's own memory file fails with EIO: nothing is mapped there.
        Path f = Path.of("/proc/self/mem");
        assumeTrue(Files.exists(f), "no " + f + " here");
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(f));
        assertMessageContains(e, f + ": read failed: java.io.IOException: ");
    }

    /**
     * The files under {@code folder} this process holds open, read off /proc/self/fd. Only those
     * count: other threads of the JVM (class loading, ND4J's natives) open and close files of their
     * own at any time, which a bare count of descriptors would blame on the reader.
     */
    private static List<Path> openFilesUnder(Path folder) throws IOException {
        Path root = folder.toRealPath();
        List<Path> open = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(root)) open.add(target);
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between listing and reading it
                }
            }
        }
        return open;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readingAndComparingFilesLeavesNoFileOpen(boolean gz) throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd to count open files in");
        byte[] plain = imageFile(2, 3, 3);
        Path good = write(dir, "good", gz ? gzip(plain) : plain);
        Path bad = write(dir, "bad", gz ? concat(gzip(plain), new byte[] {1}) : concat(plain, new byte[] {1}));
        Path copy = write(dir, "copy", plain);
        assertEquals(List.of(), openFilesUnder(dir), "open before any read");
        for (int i = 0; i < 20; i++) {
            IdxReader.readImages(good);
            assertThrows(DataException.class, () -> IdxReader.readImages(bad));
            assertEquals(-1, IdxReader.firstDifference(good, copy));
        }
        assertEquals(List.of(), openFilesUnder(dir), "files left open after 20 reads, failed reads and comparisons");
    }

    @Test
    void dataExceptionMessagesAreAlwaysOneLine() {
        assertEquals("a b c", new DataException("a\nb\r\n  c").getMessage());
    }
}
