package nnparity.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip file (RFC 1952) and insists that the whole file is gzip: one or more members,
 * each checked against its CRC-32 and length, and nothing after the last one.
 *
 * <pre>
 *   file    = member+                       members are decompressed one after another, as gzip -d does
 *   member  = header · deflate data · CRC-32 (4, little-endian) · ISIZE (4, little-endian, length mod 2^32)
 *   header  = 1f 8b · CM=8 · FLG · MTIME(4) · XFL · OS
 *             [FEXTRA: XLEN(2) · XLEN bytes] [FNAME: …0] [FCOMMENT: …0] [FHCRC: 2 bytes]
 * </pre>
 *
 * <p>Why not {@link java.util.zip.GZIPInputStream}: after a member it reads whatever follows as the
 * next member's header and, when that fails, quietly reports the end of the stream, so a .gz file
 * with garbage after its data loads as if the garbage were not there (gzip -t warns
 * "trailing garbage ignored"). Here the bytes after a member must be either nothing or the start of
 * another complete member; anything else is a {@link TrailingBytesException}. Trailing zero bytes
 * (tape padding, which gzip tolerates) are refused too: gzip and java.util.zip never write them.
 *
 * <p>Errors: a file that breaks off (in a header, the deflate data or a trailer) is an
 * {@link EOFException}; a bad header, invalid deflate data or a CRC-32 or length mismatch a
 * {@link ZipException} saying which, with the member's number and where it starts.
 */
final class StrictGzipInputStream extends InputStream {

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int[] MAGIC = {ID1, ID2};
    private static final int DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int MIN_BUFFER_BYTES = 512;
    /** FLG bits 5–7 are reserved and must be zero (gzip refuses such a file). */
    private static final int RESERVED_FLAGS = 0xE0;

    /** Thrown when bytes follow the last gzip member. */
    static final class TrailingBytesException extends IOException {
        private static final long serialVersionUID = 1L;
        /** Where the gzip data ends: the file offset just past the last member's trailer. */
        final long end;
        /** How many bytes follow it. */
        final long trailing;

        TrailingBytesException(long end, long trailing) {
            super(trailing + (trailing == 1 ? " byte" : " bytes") + " after the last gzip member, which ends at byte " + end);
            this.end = end;
            this.trailing = trailing;
        }
    }

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    /** File offset of {@code buf[lim]}: compressed bytes read from {@code in} so far. */
    private long read;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Decompressed bytes produced by all members so far. */
    private long produced;
    /** Decompressed bytes of the current member, for its ISIZE check. */
    private long memberBytes;
    /** Members begun so far (1-based number of the current one). */
    private int members;
    /** File offset where the current member's header starts. */
    private long memberStart;
    private boolean inMember;
    private boolean done;
    private final byte[] one = new byte[1];

    /**
     * @param in         the compressed bytes, positioned at the first member's header
     * @param bufferSize how many compressed bytes to read at a time
     */
    StrictGzipInputStream(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(MIN_BUFFER_BYTES, bufferSize)];
    }

    /** Decompressed bytes returned so far (to say how far a broken file got). */
    long produced() {
        return produced;
    }

    @Override
    public int read() throws IOException {
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!done) {
            if (!inMember) {
                if (!startMember()) {
                    done = true;
                    break;
                }
            }
            int r = inflate(b, off, len);
            if (r > 0) {
                crc.update(b, off, r);
                memberBytes += r;
                produced += r;
                return r;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsInput()) {
                if (!fill()) throw new EOFException("gzip member " + members + " breaks off in its deflate data");
                inflater.setInput(buf, 0, lim);
            } else {
                throw new ZipException("gzip member " + members + " at byte " + memberStart
                        + ": its deflate data stops making progress");
            }
        }
        return -1;
    }

    private int inflate(byte[] b, int off, int len) throws ZipException {
        try {
            int r = inflater.inflate(b, off, len);
            pos = lim - inflater.getRemaining();
            return r;
        } catch (DataFormatException e) {
            throw new ZipException("invalid deflate data in gzip member " + members + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads the next member's header, or returns false at a clean end of file. The first member must
     * be there; after one, anything but the start of another member is trailing bytes.
     */
    private boolean startMember() throws IOException {
        if (members > 0 && pos == lim && !fill()) return false;
        memberStart = read - (lim - pos);
        members++;
        if (!magicFollows()) {
            if (members == 1) {
                throw new ZipException("gzip member 1 at byte 0 does not start with gzip's magic bytes 0x1f 0x8b");
            }
            pos = lim;
            drainRaw();
            throw new TrailingBytesException(memberStart, read - memberStart);
        }
        CRC32 headerCrc = new CRC32();
        headerCrc.update(ID1);
        headerCrc.update(ID2);
        int method = header(headerCrc);
        if (method != DEFLATE) {
            throw new ZipException(String.format(Locale.ROOT,
                    "gzip member %d at byte %d uses compression method %d; gzip's only method is 8 (deflate)",
                    members, memberStart, method));
        }
        int flags = header(headerCrc);
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ZipException(String.format(Locale.ROOT,
                    "gzip member %d at byte %d sets reserved flag bits (FLG 0x%02x); only bits 0-4 are defined",
                    members, memberStart, flags));
        }
        for (int i = 0; i < 6; i++) header(headerCrc); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) {
            int xlen = header(headerCrc) | header(headerCrc) << 8;
            for (int i = 0; i < xlen; i++) header(headerCrc);
        }
        if ((flags & FNAME) != 0) {
            while (header(headerCrc) != 0) { /* zero-terminated file name */ }
        }
        if ((flags & FCOMMENT) != 0) {
            while (header(headerCrc) != 0) { /* zero-terminated comment */ }
        }
        if ((flags & FHCRC) != 0) {
            int want = (int) headerCrc.getValue() & 0xFFFF;
            int got = rawByte() | rawByte() << 8;
            if (got != want) {
                throw new ZipException(String.format(Locale.ROOT,
                        "gzip member %d at byte %d: header CRC-16 is 0x%04x but its header gives 0x%04x",
                        members, memberStart, got, want));
            }
        }
        inflater.reset();
        inflater.setInput(buf, pos, lim - pos);
        crc.reset();
        memberBytes = 0;
        inMember = true;
        return true;
    }

    /** Checks the member's trailer: CRC-32 and length mod 2^32 of what it decompressed to. */
    private void endMember() throws IOException {
        long wantCrc = rawInt();
        long wantSize = rawInt();
        if (wantCrc != crc.getValue()) {
            throw new ZipException(String.format(Locale.ROOT,
                    "CRC-32 mismatch in gzip member %d at byte %d: its data gives 0x%08x, its trailer says 0x%08x",
                    members, memberStart, crc.getValue(), wantCrc));
        }
        if (wantSize != (memberBytes & 0xFFFFFFFFL)) {
            throw new ZipException(String.format(Locale.ROOT,
                    "length mismatch in gzip member %d at byte %d: it decompresses to %d bytes, its trailer says %d (mod 2^32)",
                    members, memberStart, memberBytes, wantSize));
        }
        inMember = false;
    }

    /** Whether the next two bytes are gzip's magic {@code 1f 8b}; consumes the bytes it looks at. */
    private boolean magicFollows() throws IOException {
        for (int id : MAGIC) {
            if (pos == lim && !fill()) return false;
            if ((buf[pos++] & 0xFF) != id) return false;
        }
        return true;
    }

    /** Refills the (used-up) buffer; false at end of file. */
    private boolean fill() throws IOException {
        int r = in.read(buf, 0, buf.length);
        pos = 0;
        lim = Math.max(r, 0);
        read += lim;
        return r > 0;
    }

    /** One byte of a header or trailer; end of file there means a cut-off file. */
    private int rawByte() throws IOException {
        while (pos == lim) {
            if (!fill()) {
                throw new EOFException("gzip member " + members + " breaks off in its "
                        + (inMember ? "trailer" : "header"));
            }
        }
        return buf[pos++] & 0xFF;
    }

    private int header(CRC32 headerCrc) throws IOException {
        int b = rawByte();
        headerCrc.update(b);
        return b;
    }

    private long rawInt() throws IOException {
        return (rawByte() | rawByte() << 8 | rawByte() << 16 | (long) rawByte() << 24) & 0xFFFFFFFFL;
    }

    /** Reads (without keeping) every byte left in the file, counting them in {@link #read}. */
    private void drainRaw() throws IOException {
        while (fill()) {
            pos = lim;
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
