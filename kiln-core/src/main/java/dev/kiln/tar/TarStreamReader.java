package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads tar entries one by one from a stream: POSIX ustar, PAX (per-entry and global headers, binary
 * xattr values), GNU long names and links, GNU old sparse files and the PAX sparse formats 0.0, 0.1
 * and 1.0. Regular file content is read through {@link #content()}; holes of sparse files read as
 * zeros. Format errors are {@link CorruptStreamException}s naming the entry or the offset.
 */
final class TarStreamReader {

    /** Upper bound for metadata bodies (PAX headers, long names) held in memory. */
    private static final int MAX_METADATA = 64 * 1024 * 1024;

    private final BlockInput input;
    private final byte[] header = new byte[TarFields.BLOCK];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long bodyRemaining;
    private long paddingRemaining;
    private InputStream content;
    private LayerEntry current;
    /** Counts entries, so a content stream of an earlier entry can tell it is stale. */
    private long generation;
    private boolean ended;

    TarStreamReader(InputStream in) {
        this.input = new BlockInput(in);
    }

    /** The next entry, or null after the end-of-archive marker (or a clean end of stream). */
    LayerEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skipBody();
        generation++;
        List<PaxRecords.Record> pax = null;
        String longName = null;
        String longLink = null;
        while (true) {
            long headerOffset = input.offset();
            int n = readFully(header, 0, TarFields.BLOCK);
            if (n == 0 && pax == null && longName == null && longLink == null) {
                // No end-of-archive marker; tolerated like GNU tar does.
                return end();
            }
            if (n < TarFields.BLOCK) {
                throw new CorruptStreamException("truncated tar header at offset " + headerOffset);
            }
            if (TarFields.isZeroBlock(header)) {
                if (pax != null || longName != null || longLink != null) {
                    throw new CorruptStreamException("extended header without an entry at offset " + headerOffset);
                }
                return end();
            }
            checkChecksum(headerOffset);
            char type = (char) header[TarFields.TYPEFLAG];
            long size = TarFields.number(header, TarFields.SIZE, 12, "size");
            switch (type) {
                case 'x' -> {
                    List<PaxRecords.Record> records = PaxRecords.parse(readMetadata(size, "PAX header"), (int) size);
                    pax = pax == null ? records : concat(pax, records);
                    continue;
                }
                case 'g' -> {
                    for (PaxRecords.Record r : PaxRecords.parse(readMetadata(size, "global PAX header"), (int) size)) {
                        if (r.value().length == 0) {
                            globalPax.remove(r.key());
                        } else {
                            globalPax.put(r.key(), r.value());
                        }
                    }
                    continue;
                }
                case 'L' -> {
                    longName = cString(readMetadata(size, "GNU long name"), (int) size);
                    continue;
                }
                case 'K' -> {
                    longLink = cString(readMetadata(size, "GNU long link"), (int) size);
                    continue;
                }
                case 'V' -> {
                    skipExactly(size + TarFields.padding(size)); // volume label: not an entry
                    continue;
                }
                default -> {
                    return entry(type, size, pax, longName, longLink, headerOffset);
                }
            }
        }
    }

    private LayerEntry end() {
        ended = true;
        current = null;
        content = null;
        return null;
    }

    private LayerEntry entry(char typeflag, long storedSize, List<PaxRecords.Record> paxList, String longName,
            String longLink, long headerOffset) throws IOException {
        Map<String, byte[]> pax = new HashMap<>(globalPax);
        List<long[]> sparse00 = new ArrayList<>();
        Map<String, byte[]> xattrs = new TreeMap<>();
        PaxValues.collect(globalPax.entrySet().stream().map(e -> new PaxRecords.Record(e.getKey(), e.getValue())).toList(),
                pax, sparse00, xattrs);
        if (paxList != null) {
            sparse00.clear();
            PaxValues.collect(paxList, pax, sparse00, xattrs);
        }
        String rawName;
        if (pax.containsKey("GNU.sparse.name")) {
            rawName = PaxValues.text(pax.get("GNU.sparse.name"));
        } else if (pax.containsKey("path")) {
            rawName = PaxValues.text(pax.get("path"));
        } else if (longName != null) {
            rawName = longName;
        } else {
            rawName = TarFields.string(header, TarFields.NAME, TarFields.NAME_LEN);
            if (TarFields.isPosixUstar(header) && !TarFields.isEmpty(header, TarFields.PREFIX)) {
                rawName = TarFields.string(header, TarFields.PREFIX, TarFields.PREFIX_LEN) + "/" + rawName;
            }
        }
        String path = EntryPaths.normalise(rawName);
        String context = "entry '" + rawName + "' at offset " + headerOffset;
        String link = pax.containsKey("linkpath") ? PaxValues.text(pax.get("linkpath"))
                : longLink != null ? longLink : TarFields.string(header, TarFields.LINKNAME, 100);
        if (pax.containsKey("size")) {
            storedSize = PaxValues.number(pax, "size", context);
        }
        EntryType type = switch (typeflag) {
            case '0', '\0', '7', 'S' -> EntryType.FILE;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '3' -> EntryType.CHAR_DEVICE;
            case '4' -> EntryType.BLOCK_DEVICE;
            case '5', 'D' -> EntryType.DIRECTORY;
            case '6' -> EntryType.FIFO;
            default -> throw new CorruptStreamException(context + ": unsupported tar entry type '"
                    + printable(typeflag) + "'");
        };
        if (typeflag == '\0' && rawName.endsWith("/")) {
            type = EntryType.DIRECTORY; // pre-POSIX archives mark directories by the slash only
        }
        long uid = pax.containsKey("uid") ? PaxValues.number(pax, "uid", context)
                : TarFields.number(header, TarFields.UID, 8, "uid");
        long gid = pax.containsKey("gid") ? PaxValues.number(pax, "gid", context)
                : TarFields.number(header, TarFields.GID, 8, "gid");
        String uname = pax.containsKey("uname") ? PaxValues.text(pax.get("uname"))
                : TarFields.string(header, TarFields.UNAME, 32);
        String gname = pax.containsKey("gname") ? PaxValues.text(pax.get("gname"))
                : TarFields.string(header, TarFields.GNAME, 32);
        Instant mtime = pax.containsKey("mtime") ? PaxValues.time(pax.get("mtime"), context)
                : Instant.ofEpochSecond(TarFields.number(header, TarFields.MTIME, 12, "mtime"));
        int mode = (int) (TarFields.number(header, TarFields.MODE, 8, "mode") & 07777);

        bodyRemaining = storedSize;
        paddingRemaining = TarFields.padding(storedSize);
        LayerEntry.Builder b = LayerEntry.builder(path, type).mode(mode).owner(uid, gid).names(uname, gname)
                .mtime(mtime).xattrs(xattrs);
        content = InputStream.nullInputStream();
        switch (type) {
            case FILE -> {
                List<SparseRegion> regions = sparseMap(typeflag, pax, sparse00, context);
                if (regions == null) {
                    b.size(storedSize);
                    content = new BodyStream();
                } else {
                    long realSize = sparseRealSize(typeflag, pax, context);
                    SparseExpandingInputStream.check(regions, realSize, bodyRemaining, context);
                    b.size(realSize).sparse(regions);
                    content = new SparseExpandingInputStream(new BodyStream(), regions, realSize);
                }
            }
            case SYMLINK -> b.linkTarget(requireLink(link, context));
            case HARDLINK -> b.linkTarget(EntryPaths.normalise(requireLink(link, context)));
            case CHAR_DEVICE, BLOCK_DEVICE -> b.device(
                    (int) TarFields.number(header, TarFields.DEVMAJOR, 8, "devmajor"),
                    (int) TarFields.number(header, TarFields.DEVMINOR, 8, "devminor"));
            default -> {
                // directories and fifos carry no more
            }
        }
        try {
            current = b.build();
        } catch (IllegalArgumentException e) {
            throw new CorruptStreamException(context + ": " + e.getMessage());
        }
        return current;
    }

    private static String requireLink(String link, String context) throws CorruptStreamException {
        if (link.isEmpty()) {
            throw new CorruptStreamException(context + ": link without a target");
        }
        return link;
    }

    /** The data regions of a sparse file, or null when the entry is not sparse. */
    private List<SparseRegion> sparseMap(char typeflag, Map<String, byte[]> pax, List<long[]> sparse00,
            String context) throws IOException {
        List<SparseRegion> regions = new ArrayList<>();
        if (typeflag == 'S') {
            oldGnuSparse(regions, context);
            return regions;
        }
        String major = pax.containsKey("GNU.sparse.major") ? PaxValues.text(pax.get("GNU.sparse.major")) : null;
        if ("1".equals(major)) {
            readSparseMap10(regions, context);
            return regions;
        }
        if (pax.containsKey("GNU.sparse.map")) {
            String map = PaxValues.text(pax.get("GNU.sparse.map")).trim();
            String[] parts = map.isEmpty() ? new String[0] : map.split(",");
            if (parts.length % 2 != 0) {
                throw new CorruptStreamException(context + ": GNU.sparse.map has an odd number of values");
            }
            for (int i = 0; i < parts.length; i += 2) {
                regions.add(region(parts[i], parts[i + 1], context));
            }
            return regions;
        }
        if (!sparse00.isEmpty() || pax.containsKey("GNU.sparse.size") || pax.containsKey("GNU.sparse.numblocks")) {
            for (long[] r : sparse00) {
                regions.add(new SparseRegion(r[0], r[1]));
            }
            return regions;
        }
        return null;
    }

    private long sparseRealSize(char typeflag, Map<String, byte[]> pax, String context) throws IOException {
        if (typeflag == 'S') {
            return TarFields.number(header, TarFields.GNU_REAL_SIZE, 12, "realsize");
        }
        if (pax.containsKey("GNU.sparse.realsize")) {
            return PaxValues.number(pax, "GNU.sparse.realsize", context);
        }
        if (pax.containsKey("GNU.sparse.size")) {
            return PaxValues.number(pax, "GNU.sparse.size", context);
        }
        throw new CorruptStreamException(context + ": sparse file without a real size");
    }

    private void oldGnuSparse(List<SparseRegion> regions, String context) throws IOException {
        for (int i = 0; i < 4; i++) {
            int at = TarFields.GNU_SPARSE + i * 24;
            if (!TarFields.isEmpty(header, at)) {
                regions.add(new SparseRegion(TarFields.number(header, at, 12, "sparse offset"),
                        TarFields.number(header, at + 12, 12, "sparse numbytes")));
            }
        }
        boolean extended = header[TarFields.GNU_IS_EXTENDED] != 0;
        byte[] ext = new byte[TarFields.BLOCK];
        while (extended) {
            if (readFully(ext, 0, TarFields.BLOCK) < TarFields.BLOCK) {
                throw new CorruptStreamException(context + ": truncated GNU sparse extension header");
            }
            for (int i = 0; i < 21; i++) {
                int at = i * 24;
                if (!TarFields.isEmpty(ext, at)) {
                    regions.add(new SparseRegion(TarFields.number(ext, at, 12, "sparse offset"),
                            TarFields.number(ext, at + 12, 12, "sparse numbytes")));
                }
            }
            extended = ext[504] != 0;
        }
    }

    /** PAX sparse 1.0: the map is decimal text at the start of the body, padded to a block. */
    private void readSparseMap10(List<SparseRegion> regions, String context) throws IOException {
        long consumed = 0;
        long[] count = new long[1];
        consumed += readDecimalLine(count, context);
        if (count[0] < 0 || count[0] > 10_000_000) {
            throw new CorruptStreamException(context + ": implausible sparse map size " + count[0]);
        }
        long[] value = new long[1];
        for (long i = 0; i < count[0]; i++) {
            consumed += readDecimalLine(value, context);
            long off = value[0];
            consumed += readDecimalLine(value, context);
            regions.add(new SparseRegion(off, value[0]));
        }
        long pad = TarFields.padding(consumed);
        if (consumed + pad > bodyRemaining) {
            throw new CorruptStreamException(context + ": sparse map longer than the entry");
        }
        skipExactly(pad);
        bodyRemaining -= consumed + pad;
    }

    private long readDecimalLine(long[] out, String context) throws IOException {
        long value = 0;
        int digits = 0;
        while (true) {
            int c = readByte();
            if (c < 0) {
                throw new CorruptStreamException(context + ": truncated sparse map");
            }
            if (c == '\n') {
                break;
            }
            if (c < '0' || c > '9' || digits > 18) {
                throw new CorruptStreamException(context + ": malformed sparse map");
            }
            value = value * 10 + (c - '0');
            digits++;
        }
        if (digits == 0) {
            throw new CorruptStreamException(context + ": malformed sparse map");
        }
        out[0] = value;
        return digits + 1L;
    }

    private static SparseRegion region(String offset, String length, String context) throws CorruptStreamException {
        try {
            return new SparseRegion(Long.parseLong(offset.trim()), Long.parseLong(length.trim()));
        } catch (IllegalArgumentException e) {
            throw new CorruptStreamException(context + ": malformed sparse map entry " + offset + "," + length);
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    private static List<PaxRecords.Record> concat(List<PaxRecords.Record> a, List<PaxRecords.Record> b) {
        List<PaxRecords.Record> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String cString(byte[] data, int length) {
        int end = 0;
        while (end < length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private void checkChecksum(long headerOffset) throws CorruptStreamException {
        long stored;
        try {
            stored = TarFields.number(header, TarFields.CHECKSUM, 8, "checksum");
        } catch (CorruptStreamException e) {
            throw new CorruptStreamException("not a tar header at offset " + headerOffset + " (bad checksum field)");
        }
        if (stored != TarFields.checksum(header, false) && stored != TarFields.checksum(header, true)) {
            throw new CorruptStreamException("tar header checksum mismatch at offset " + headerOffset
                    + (headerOffset == 0 ? " (not a tar archive?)" : ""));
        }
    }

    private byte[] readMetadata(long size, String what) throws IOException {
        if (size > MAX_METADATA) {
            throw new CorruptStreamException(what + " of " + size + " bytes at offset " + input.offset() + " is too large");
        }
        byte[] data = new byte[(int) size];
        if (readFully(data, 0, data.length) < data.length) {
            throw new CorruptStreamException("truncated " + what + " at offset " + input.offset());
        }
        skipExactly(TarFields.padding(size));
        return data;
    }

    /** The current entry's content (regular files; empty for others). */
    InputStream content() {
        if (current == null) {
            throw new IllegalStateException("no current entry");
        }
        return content;
    }

    /** Reads whatever follows the end-of-archive marker, so a digest of the stream covers all of it. */
    void drain() throws IOException {
        skipBody();
        input.drain();
    }

    private void skipBody() throws IOException {
        if (bodyRemaining > 0 || paddingRemaining > 0) {
            long total = bodyRemaining + paddingRemaining;
            bodyRemaining = 0;
            paddingRemaining = 0;
            String name = current == null ? "" : current.path();
            if (skip(total) < total) {
                throw new CorruptStreamException("truncated tar entry '" + name + "'");
            }
        }
    }

    private void skipExactly(long n) throws IOException {
        if (skip(n) < n) {
            throw new CorruptStreamException("truncated tar stream at offset " + input.offset());
        }
    }

    private int readByte() throws IOException {
        return input.readByte();
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        return input.readFully(b, off, len);
    }

    private int readSome(byte[] b, int off, int len) throws IOException {
        return input.readSome(b, off, len);
    }

    private long skip(long n) throws IOException {
        return input.skip(n);
    }

    /** The stored bytes of the current entry; padding is skipped before the next header. */
    private final class BodyStream extends InputStream {
        private final long owner = generation;

        private void checkCurrent() throws IOException {
            if (owner != generation) {
                throw new IOException("content stream read after moving to the next entry");
            }
        }

        @Override
        public int read() throws IOException {
            checkCurrent();
            if (bodyRemaining <= 0) {
                return -1;
            }
            int b = readByte();
            if (b < 0) {
                throw truncated();
            }
            bodyRemaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkCurrent();
            if (bodyRemaining <= 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = readSome(b, off, (int) Math.min(len, bodyRemaining));
            if (n < 0) {
                throw truncated();
            }
            bodyRemaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            checkCurrent();
            long step = Math.min(n, bodyRemaining);
            long done = TarStreamReader.this.skip(step);
            bodyRemaining -= done;
            if (done < step) {
                throw truncated();
            }
            return done;
        }

        private CorruptStreamException truncated() {
            return new CorruptStreamException("truncated content of entry '" + current.path() + "'");
        }
    }
}
