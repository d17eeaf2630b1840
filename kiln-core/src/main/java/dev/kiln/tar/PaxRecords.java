package dev.kiln.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PAX extended header records ({@code "LEN key=value\n"}). Values stay raw bytes, because
 * {@code SCHILY.xattr.*} values are binary (e.g. {@code security.capability}) and must survive untouched.
 */
final class PaxRecords {

    record Record(String key, byte[] value) {
        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private PaxRecords() {
    }

    static List<Record> parse(byte[] data, int length) throws CorruptStreamException {
        List<Record> records = new ArrayList<>();
        int pos = 0;
        while (pos < length) {
            if (data[pos] == 0) {
                break; // padding some writers leave at the end
            }
            int space = pos;
            int recordLength = 0;
            while (space < length && data[space] != ' ') {
                byte b = data[space];
                if (b < '0' || b > '9' || recordLength > length) {
                    throw new CorruptStreamException("malformed PAX record length at offset " + pos);
                }
                recordLength = recordLength * 10 + (b - '0');
                space++;
            }
            int end = pos + recordLength;
            if (space >= length || recordLength <= 0 || end > length || end <= space + 1 || data[end - 1] != '\n') {
                throw new CorruptStreamException("malformed PAX record at offset " + pos);
            }
            int equals = space + 1;
            while (equals < end - 1 && data[equals] != '=') {
                equals++;
            }
            if (equals >= end - 1 || equals == space + 1) {
                throw new CorruptStreamException("PAX record without key=value at offset " + pos);
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, equals + 1, end - 1);
            records.add(new Record(key, value));
            pos = end;
        }
        return records;
    }

    /** Encodes records in the order given. */
    static byte[] format(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : records.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue();
            int body = 1 + key.length + 1 + value.length + 1; // " key=value\n"
            // The length counts its own digits, so grow it until it is stable.
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length = body + Integer.toString(length).length();
            }
            out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
