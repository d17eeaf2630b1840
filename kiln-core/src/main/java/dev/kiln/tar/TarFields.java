package dev.kiln.tar;

import java.nio.charset.StandardCharsets;

/** Reading and writing the fixed-width fields of a 512-byte tar header (POSIX ustar, GNU extensions). */
final class TarFields {

    static final int BLOCK = 512;

    static final int NAME = 0;
    static final int NAME_LEN = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int SIZE = 124;
    static final int MTIME = 136;
    static final int CHECKSUM = 148;
    static final int TYPEFLAG = 156;
    static final int LINKNAME = 157;
    static final int MAGIC = 257;
    static final int VERSION = 263;
    static final int UNAME = 265;
    static final int GNAME = 297;
    static final int DEVMAJOR = 329;
    static final int DEVMINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LEN = 155;
    /** Old GNU format: four sparse (offset, numbytes) pairs, an "is extended" flag and the real size. */
    static final int GNU_SPARSE = 386;
    static final int GNU_IS_EXTENDED = 482;
    static final int GNU_REAL_SIZE = 483;

    static final long MAX_OCTAL_7 = 07777777L;
    static final long MAX_OCTAL_11 = 077777777777L;

    private TarFields() {
    }

    static boolean isZeroBlock(byte[] block) {
        for (int i = 0; i < BLOCK; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** POSIX ustar ("ustar\0" "00"): the prefix field extends the name. */
    static boolean isPosixUstar(byte[] h) {
        return h[MAGIC] == 'u' && h[MAGIC + 1] == 's' && h[MAGIC + 2] == 't' && h[MAGIC + 3] == 'a'
                && h[MAGIC + 4] == 'r' && h[MAGIC + 5] == 0;
    }

    /** Old GNU ("ustar  \0"): offset 345 holds times and sparse data, not a prefix. */
    static boolean isGnu(byte[] h) {
        return h[MAGIC] == 'u' && h[MAGIC + 1] == 's' && h[MAGIC + 2] == 't' && h[MAGIC + 3] == 'a'
                && h[MAGIC + 4] == 'r' && h[MAGIC + 5] == ' ';
    }

    /** A NUL-terminated (or full-width) string field. */
    static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    static boolean isEmpty(byte[] h, int off) {
        return h[off] == 0;
    }

    /** An octal number, or GNU base-256 when the first byte's high bit is set. */
    static long number(byte[] h, int off, int len, String field) throws CorruptStreamException {
        if ((h[off] & 0x80) != 0) {
            if ((h[off] & 0x40) != 0) {
                throw new CorruptStreamException("negative base-256 number in the tar " + field + " field");
            }
            long value = h[off] & 0x3f;
            for (int i = off + 1; i < off + len; i++) {
                if ((value >>> 55) != 0) {
                    throw new CorruptStreamException("tar " + field + " field overflows 63 bits");
                }
                value = (value << 8) | (h[i] & 0xff);
            }
            return value;
        }
        int i = off;
        int end = off + len;
        while (i < end && h[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end; i++) {
            byte b = h[i];
            if (b == ' ' || b == 0) {
                break;
            }
            if (b < '0' || b > '7') {
                return fail(field, h, off, len);
            }
            value = (value << 3) | (b - '0');
        }
        return value;
    }

    private static long fail(String field, byte[] h, int off, int len) throws CorruptStreamException {
        String text = new String(h, off, len, StandardCharsets.ISO_8859_1).replace('\0', ' ').strip();
        throw new CorruptStreamException("invalid tar " + field + " field '" + text + "'");
    }

    /** Writes {@code value} as zero-padded octal in {@code len - 1} digits plus NUL; base-256 when too big. */
    static void putNumber(byte[] h, int off, int len, long value) {
        long maxOctal = (1L << (3 * (len - 1))) - 1;
        if (value >= 0 && value <= maxOctal) {
            for (int i = off + len - 2; i >= off; i--) {
                h[i] = (byte) ('0' + (value & 7));
                value >>>= 3;
            }
            h[off + len - 1] = 0;
        } else {
            for (int i = off + len - 1; i > off; i--) {
                h[i] = (byte) value;
                value >>>= 8;
            }
            h[off] = (byte) 0x80;
        }
    }

    /** Copies up to {@code len} bytes of {@code text}; the rest of the field stays NUL. */
    static void putString(byte[] h, int off, int len, byte[] text) {
        System.arraycopy(text, 0, h, off, Math.min(len, text.length));
    }

    static long checksum(byte[] h, boolean signed) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            if (i >= CHECKSUM && i < CHECKSUM + 8) {
                sum += ' ';
            } else {
                sum += signed ? h[i] : (h[i] & 0xff);
            }
        }
        return sum;
    }

    static void putChecksum(byte[] h) {
        long sum = checksum(h, false);
        putNumber(h, CHECKSUM, 7, sum);
        h[CHECKSUM + 7] = ' ';
    }

    static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }
}
