package nnparity.data;

import static nnparity.data.IdxTestFiles.FCOMMENT;
import static nnparity.data.IdxTestFiles.FEXTRA;
import static nnparity.data.IdxTestFiles.FHCRC;
import static nnparity.data.IdxTestFiles.FNAME;
import static nnparity.data.IdxTestFiles.FTEXT;
import static nnparity.data.IdxTestFiles.concat;
import static nnparity.data.IdxTestFiles.gzip;
import static nnparity.data.IdxTestFiles.gzipMember;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictGzipInputStreamTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    /** A stream that hands out one byte per read, so every buffer refill and boundary case happens. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;

        Trickle(byte[] b) {
            in = new ByteArrayInputStream(b);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1));
        }
    }

    private static byte[] inflate(byte[] gz) throws IOException {
        try (StrictGzipInputStream in = new StrictGzipInputStream(new ByteArrayInputStream(gz), 512)) {
            return in.readAllBytes();
        }
    }

    private static byte[] inflateTrickling(byte[] gz) throws IOException {
        try (StrictGzipInputStream in = new StrictGzipInputStream(new Trickle(gz), 512)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aMemberWrittenByGzipOutputStreamDecompressesToItsContent() throws IOException {
        byte[] content = random(200_000, 1); // incompressible: spans hundreds of 512-byte buffers
        assertArrayEquals(content, inflate(gzip(content)));
    }

    @Test
    void aMemberBuiltByHandDecompressesToItsContent() throws IOException {
        assertArrayEquals(HELLO, inflate(gzipMember(HELLO, 0)));
        assertArrayEquals(HELLO, inflateTrickling(gzipMember(HELLO, 0)));
    }

    @ParameterizedTest(name = "FLG {0}")
    @ValueSource(ints = {FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT, FEXTRA | FNAME | FCOMMENT | FHCRC, 0x1f})
    void everyOptionalHeaderFieldIsSkipped(int flags) throws IOException {
        assertArrayEquals(HELLO, inflate(gzipMember(HELLO, flags)));
        assertArrayEquals(HELLO, inflateTrickling(gzipMember(HELLO, flags)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 255, 256, 1000, 65535})
    void anExtraFieldOfAnyLengthIsSkipped(int xlen) throws IOException {
        // XLEN is two bytes, low first: 256 and more need the high byte.
        byte[] extra = new byte[xlen];
        Arrays.fill(extra, (byte) 0x1f);
        byte[] gz = gzipMember(HELLO, FEXTRA | FHCRC, extra);
        assertEquals(10 + 2 + xlen + 2 + 7 + 8, gz.length); // header, XLEN, field, CRC-16, deflate of "hello", trailer
        assertArrayEquals(HELLO, inflate(gz));
    }

    @Test
    void concatenatedMembersDecompressToTheirConcatenationAsGzipDoes() throws IOException {
        byte[] a = random(70_000, 2);
        byte[] b = "second".getBytes(StandardCharsets.US_ASCII);
        byte[] gz = concat(gzip(a), gzipMember(new byte[0], FNAME), gzipMember(b, FEXTRA | FHCRC));
        byte[] expected = concat(a, b);
        assertArrayEquals(expected, inflate(gz));
        assertArrayEquals(expected, inflateTrickling(gz));
    }

    @Test
    void producedCountsTheDecompressedBytesSoFar() throws IOException {
        try (StrictGzipInputStream in = new StrictGzipInputStream(
                new ByteArrayInputStream(concat(gzipMember(HELLO, 0), gzipMember(HELLO, 0))), 512)) {
            assertEquals(0, in.produced());
            assertEquals('h', in.read());
            assertEquals(1, in.produced());
            assertEquals(0, in.read(new byte[4], 0, 0));
            assertEquals(9, in.readNBytes(new byte[20], 0, 20));
            assertEquals(10, in.produced());
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4], 0, 4));
        }
    }

    @ParameterizedTest(name = "{0} trailing bytes")
    @ValueSource(ints = {1, 3, 511, 512, 513, 100_000})
    void bytesAfterTheLastMemberAreRejectedWithWhereTheMemberEndsAndHowManyFollow(int n) {
        byte[] member = gzipMember(HELLO, 0);
        byte[] garbage = new byte[n];
        Arrays.fill(garbage, (byte) 'x');
        for (boolean trickle : new boolean[] {false, true}) {
            StrictGzipInputStream.TrailingBytesException e = assertThrows(StrictGzipInputStream.TrailingBytesException.class,
                    () -> { if (trickle) inflateTrickling(concat(member, garbage)); else inflate(concat(member, garbage)); });
            assertEquals(member.length, e.end);
            assertEquals(n, e.trailing);
            assertEquals(n + (n == 1 ? " byte" : " bytes") + " after the last gzip member, which ends at byte " + member.length,
                    e.getMessage());
        }
    }

    @Test
    void trailingZeroBytesAreRejectedToo() {
        byte[] member = gzipMember(HELLO, 0);
        StrictGzipInputStream.TrailingBytesException e = assertThrows(StrictGzipInputStream.TrailingBytesException.class,
                () -> inflate(concat(member, new byte[4])));
        assertEquals(4, e.trailing);
    }

    @Test
    void aLoneGzipMagicByteAfterTheLastMemberIsTrailingGarbage() {
        byte[] member = gzipMember(HELLO, 0);
        for (byte[] tail : new byte[][] {{0x1f}, {0x1f, 0x00}, {(byte) 0x8b, 0x1f}, {0x1f, 0x1f, (byte) 0x8b}}) {
            for (boolean trickle : new boolean[] {false, true}) {
                StrictGzipInputStream.TrailingBytesException e = assertThrows(StrictGzipInputStream.TrailingBytesException.class,
                        () -> { if (trickle) inflateTrickling(concat(member, tail)); else inflate(concat(member, tail)); });
                assertEquals(tail.length, e.trailing);
                assertEquals(member.length, e.end);
            }
        }
    }

    @Test
    void aSecondMemberThatBreaksOffInItsHeaderIsTruncation() {
        byte[] gz = concat(gzipMember(HELLO, 0), new byte[] {0x1f, (byte) 0x8b, 8});
        EOFException e = assertThrows(EOFException.class, () -> inflate(gz));
        assertEquals("gzip member 2 breaks off in its header", e.getMessage());
    }

    @Test
    void aMemberCutInItsDeflateDataOrTrailerIsTruncation() {
        byte[] gz = gzip(random(5_000, 3));
        EOFException data = assertThrows(EOFException.class, () -> inflate(Arrays.copyOf(gz, gz.length / 2)));
        assertEquals("gzip member 1 breaks off in its deflate data", data.getMessage());
        for (int cut = 1; cut <= 8; cut++) {
            byte[] shorter = Arrays.copyOf(gz, gz.length - cut);
            EOFException trailer = assertThrows(EOFException.class, () -> inflate(shorter), "cut " + cut);
            assertEquals("gzip member 1 breaks off in its trailer", trailer.getMessage());
        }
    }

    @Test
    void aHeaderCutAfterTheMagicIsTruncation() {
        for (int len = 2; len < 10; len++) {
            byte[] cut = Arrays.copyOf(gzipMember(HELLO, 0), len);
            EOFException e = assertThrows(EOFException.class, () -> inflate(cut), "length " + len);
            assertEquals("gzip member 1 breaks off in its header", e.getMessage());
        }
    }

    @Test
    void aNameWithoutItsTerminatingZeroIsTruncation() {
        byte[] header = Arrays.copyOf(gzipMember(HELLO, FNAME), 10 + 5); // the name's first 5 bytes
        EOFException e = assertThrows(EOFException.class, () -> inflate(header));
        assertEquals("gzip member 1 breaks off in its header", e.getMessage());
    }

    @Test
    void aWrongDataChecksumNamesBothValues() {
        byte[] gz = gzipMember(HELLO, 0);
        // CRC-32 of "hello" is 0x3610a686 (zlib's crc32(b"hello")); the trailer's first byte is its lowest.
        gz[gz.length - 8] ^= 0x01;
        ZipException e = assertThrows(ZipException.class, () -> inflate(gz));
        assertEquals("CRC-32 mismatch in gzip member 1 at byte 0: its data gives 0x3610a686, its trailer says 0x3610a687",
                e.getMessage());
    }

    @Test
    void aWrongLengthInTheTrailerIsRejected() {
        byte[] gz = gzipMember(HELLO, 0);
        gz[gz.length - 4] = 6;
        ZipException e = assertThrows(ZipException.class, () -> inflate(gz));
        assertEquals("length mismatch in gzip member 1 at byte 0: it decompresses to 5 bytes, its trailer says 6 (mod 2^32)",
                e.getMessage());
    }

    @Test
    void theSecondMembersChecksumIsCheckedAndItsOffsetNamed() {
        byte[] first = gzipMember(HELLO, 0);
        byte[] second = gzipMember(HELLO, 0);
        second[second.length - 5] ^= (byte) 0x80; // the CRC-32's top byte
        ZipException e = assertThrows(ZipException.class, () -> inflate(concat(first, second)));
        assertEquals("CRC-32 mismatch in gzip member 2 at byte " + first.length
                + ": its data gives 0x3610a686, its trailer says 0xb610a686", e.getMessage());
    }

    @Test
    void aWrongHeaderChecksumIsRejected() {
        byte[] gz = gzipMember(HELLO, FHCRC);
        gz[10] ^= 0x01;
        ZipException e = assertThrows(ZipException.class, () -> inflate(gz));
        assertEquals(true, e.getMessage().startsWith("gzip member 1 at byte 0: header CRC-16 is 0x"), e.getMessage());
    }

    @ParameterizedTest(name = "FLG {0}")
    @ValueSource(ints = {0x20, 0x40, 0x80, 0xE0})
    void reservedFlagBitsAreRejected(int flag) {
        byte[] gz = gzipMember(HELLO, 0);
        gz[3] = (byte) flag;
        ZipException e = assertThrows(ZipException.class, () -> inflate(gz));
        assertEquals(String.format("gzip member 1 at byte 0 sets reserved flag bits (FLG 0x%02x); only bits 0-4 are defined",
                flag), e.getMessage());
    }

    @ParameterizedTest(name = "method {0}")
    @ValueSource(ints = {0, 7, 9, 255})
    void aCompressionMethodOtherThanDeflateIsRejected(int method) {
        byte[] gz = gzipMember(HELLO, 0);
        gz[2] = (byte) method;
        ZipException e = assertThrows(ZipException.class, () -> inflate(gz));
        assertEquals("gzip member 1 at byte 0 uses compression method " + method + "; gzip's only method is 8 (deflate)",
                e.getMessage());
    }

    @ParameterizedTest(name = "starting \"{0}\"")
    @ValueSource(strings = {"1f00", "008b", "1f", ""})
    void aStreamNotStartingWithTheGzipMagicIsRejected(String hex) {
        byte[] start = java.util.HexFormat.of().parseHex(hex);
        ZipException e = assertThrows(ZipException.class, () -> inflate(start));
        assertEquals("gzip member 1 at byte 0 does not start with gzip's magic bytes 0x1f 0x8b", e.getMessage());
    }

    @Test
    void closeClosesTheUnderlyingStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(gzipMember(HELLO, 0)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new StrictGzipInputStream(in, 512).close();
        assertEquals(true, closed[0]);
    }

    @Test
    void invalidDeflateDataIsAZipExceptionNamingTheMember() {
        byte[] gz = gzipMember(HELLO, 0);
        gz[10] = (byte) 0xff; // block type 3, which deflate reserves
        ZipException e = assertThrows(ZipException.class, () -> inflate(gz));
        assertEquals("invalid deflate data in gzip member 1 (invalid block type)", e.getMessage());
    }
}
