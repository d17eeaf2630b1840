package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes gzip (RFC 1952), including streams of several members, checking each member's CRC-32 and
 * length. Unlike {@link java.util.zip.GZIPInputStream} it does not rely on {@code available()} to find
 * the next member, so concatenated members arriving through a pipe are all read; trailing bytes other
 * than zero padding are an error.
 */
final class GzipDecodingInputStream extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final byte[] buf = new byte[128 * 1024];
    private int pos;
    private int lim;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberBytes;
    private long compressedOffset;
    private boolean eof;
    private boolean closed;

    GzipDecodingInputStream(InputStream in) throws IOException {
        this.in = in;
        if (!readHeader()) {
            throw new CorruptStreamException("empty gzip stream");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (inflater.needsInput()) {
                if (pos == lim && !fill()) {
                    throw new CorruptStreamException("truncated gzip stream at compressed offset " + consumed());
                }
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new CorruptStreamException("corrupt gzip data near compressed offset " + consumed()
                        + ": " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                finishMember();
            } else if (inflater.needsDictionary()) {
                throw new CorruptStreamException("gzip member needs a preset dictionary, which gzip never uses");
            }
        }
        return -1;
    }

    private void finishMember() throws IOException {
        long expectedCrc = readLittleEndian(4);
        long expectedSize = readLittleEndian(4);
        if (expectedCrc != crc.getValue()) {
            throw new CorruptStreamException("gzip CRC mismatch (stored " + Long.toHexString(expectedCrc)
                    + ", computed " + Long.toHexString(crc.getValue()) + ")");
        }
        if (expectedSize != (memberBytes & 0xffffffffL)) {
            throw new CorruptStreamException("gzip length mismatch (stored " + expectedSize + ", decoded "
                    + memberBytes + " bytes)");
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        if (!readHeader()) {
            eof = true;
        }
    }

    /** Reads a member header; false at a clean end of stream (only zero padding left). */
    private boolean readHeader() throws IOException {
        int id1 = readByteOrEof();
        if (id1 < 0) {
            return false;
        }
        if (id1 == 0) {
            // Some writers pad to a block size with zeros after the last member.
            int b;
            while ((b = readByteOrEof()) == 0) {
                // skip padding
            }
            if (b < 0) {
                return false;
            }
            throw new CorruptStreamException("trailing data after the gzip stream at compressed offset "
                    + (consumed() - 1));
        }
        int id2 = readByte();
        int cm = readByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new CorruptStreamException("not a gzip member at compressed offset " + (consumed() - 3));
        }
        if (cm != 8) {
            throw new CorruptStreamException("unsupported gzip compression method " + cm);
        }
        int flags = readByte();
        if ((flags & RESERVED) != 0) {
            throw new CorruptStreamException("gzip header has reserved flag bits set");
        }
        skipBytes(6); // mtime, extra flags, OS
        if ((flags & FEXTRA) != 0) {
            skipBytes((int) readLittleEndian(2));
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skipBytes(2);
        }
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            if (n == 0) {
                // A well-behaved stream never returns 0 for a non-empty buffer; avoid spinning.
                int single = in.read();
                if (single < 0) {
                    return false;
                }
                buf[0] = (byte) single;
                n = 1;
            } else {
                return false;
            }
        }
        pos = 0;
        lim = n;
        compressedOffset += n;
        return true;
    }

    /** Compressed bytes consumed so far. */
    private long consumed() {
        return compressedOffset - (lim - pos);
    }

    private int readByteOrEof() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private int readByte() throws IOException {
        int b = readByteOrEof();
        if (b < 0) {
            throw new CorruptStreamException("truncated gzip header or trailer");
        }
        return b;
    }

    private long readLittleEndian(int bytes) throws IOException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    private void skipBytes(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // skip
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
