package dev.kiln.tar;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Interpreting PAX records: xattrs, the ordered GNU sparse 0.0 pairs, numbers and times. */
final class PaxValues {

    private PaxValues() {
    }

    /**
     * Sorts records into plain keywords ({@code pax}), GNU sparse 0.0 (offset, numbytes) pairs in order,
     * and xattrs ({@code SCHILY.xattr.*} raw, {@code LIBARCHIVE.xattr.*} base64). An empty value unsets.
     */
    static void collect(List<PaxRecords.Record> records, Map<String, byte[]> pax, List<long[]> sparse00,
            Map<String, byte[]> xattrs) throws CorruptStreamException {
        long[] pending = null;
        for (PaxRecords.Record r : records) {
            String key = r.key();
            if (key.startsWith("SCHILY.xattr.")) {
                xattrs.put(key.substring("SCHILY.xattr.".length()), r.value());
            } else if (key.startsWith("LIBARCHIVE.xattr.")) {
                String name = java.net.URLDecoder.decode(key.substring("LIBARCHIVE.xattr.".length()),
                        StandardCharsets.UTF_8);
                try {
                    xattrs.put(name, Base64.getDecoder().decode(r.value()));
                } catch (IllegalArgumentException e) {
                    throw new CorruptStreamException("PAX record " + key + " is not base64");
                }
            } else if (key.equals("GNU.sparse.offset")) {
                pending = new long[] {parseLong(r, key), -1};
            } else if (key.equals("GNU.sparse.numbytes")) {
                if (pending == null) {
                    throw new CorruptStreamException("GNU.sparse.numbytes without GNU.sparse.offset");
                }
                pending[1] = parseLong(r, key);
                sparse00.add(pending);
                pending = null;
            } else if (r.value().length == 0) {
                pax.remove(key);
            } else {
                pax.put(key, r.value());
            }
        }
    }

    private static long parseLong(PaxRecords.Record r, String key) throws CorruptStreamException {
        try {
            return Long.parseLong(r.text().trim());
        } catch (NumberFormatException e) {
            throw new CorruptStreamException("PAX record " + key + " is not a number: " + r.text());
        }
    }

    static long number(Map<String, byte[]> pax, String key, String context) throws CorruptStreamException {
        String text = text(pax.get(key)).trim();
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CorruptStreamException(context + ": PAX " + key + " is not a valid number: " + text);
        }
    }

    static Instant time(byte[] value, String context) throws CorruptStreamException {
        String text = text(value).trim();
        try {
            BigDecimal seconds = new BigDecimal(text);
            BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR)
                    .longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
            throw new CorruptStreamException(context + ": PAX mtime is not a valid time: " + text);
        }
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

}
