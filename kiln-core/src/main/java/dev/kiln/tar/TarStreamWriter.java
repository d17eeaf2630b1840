package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes tar entries as POSIX ustar, adding a PAX header only when a value does not fit (long or
 * non-ASCII names, big ids or sizes, xattrs, sparse maps). Sparse files use the PAX 1.0 sparse format,
 * which GNU tar, Go's archive/tar (and so Docker, containerd, umoci) read. Output depends only on the
 * entries, so the same entries always give the same bytes.
 */
final class TarStreamWriter {

    private static final byte[] ZEROS = new byte[TarFields.BLOCK * 2];

    private final OutputStream out;
    private final byte[] header = new byte[TarFields.BLOCK];
    private final byte[] copyBuffer = new byte[256 * 1024];
    private boolean finished;

    TarStreamWriter(OutputStream out) {
        this.out = out;
    }

    void write(LayerEntry entry, InputStream content) throws IOException {
        if (finished) {
            throw new IllegalStateException("tar stream already finished");
        }
        if (entry.isSparse()) {
            entry = entry.toBuilder().sparse(blockAligned(entry.sparse(), entry.size())).build();
        }
        String name = tarName(entry);
        boolean sparse = entry.type() == EntryType.FILE && entry.isSparse();
        byte[] sparseMap = sparse ? sparseMap(entry) : null;
        long storedSize = sparse ? sparseMap.length + entry.storedSize() : entry.size();

        Map<String, byte[]> pax = new LinkedHashMap<>();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (sparse) {
            pax.put("GNU.sparse.major", ascii("1"));
            pax.put("GNU.sparse.minor", ascii("0"));
            pax.put("GNU.sparse.name", nameBytes);
            pax.put("GNU.sparse.realsize", ascii(Long.toString(entry.size())));
            String parent = Whiteouts.parent(entry.path());
            name = (parent.isEmpty() ? "" : parent + "/") + "GNUSparseFile.0/" + Whiteouts.baseName(entry.path());
            nameBytes = name.getBytes(StandardCharsets.UTF_8);
        }
        if (nameBytes.length > TarFields.NAME_LEN || !isAscii(nameBytes)) {
            pax.put("path", nameBytes);
        }
        byte[] linkBytes = entry.linkTarget().getBytes(StandardCharsets.UTF_8);
        if (linkBytes.length > 100 || !isAscii(linkBytes)) {
            pax.put("linkpath", linkBytes);
        }
        if (storedSize > TarFields.MAX_OCTAL_11) {
            pax.put("size", ascii(Long.toString(storedSize)));
        }
        if (entry.uid() > TarFields.MAX_OCTAL_7) {
            pax.put("uid", ascii(Long.toString(entry.uid())));
        }
        if (entry.gid() > TarFields.MAX_OCTAL_7) {
            pax.put("gid", ascii(Long.toString(entry.gid())));
        }
        byte[] uname = entry.uname().getBytes(StandardCharsets.UTF_8);
        byte[] gname = entry.gname().getBytes(StandardCharsets.UTF_8);
        if (uname.length > 32 || !isAscii(uname)) {
            pax.put("uname", uname);
        }
        if (gname.length > 32 || !isAscii(gname)) {
            pax.put("gname", gname);
        }
        long mtime = entry.mtime().getEpochSecond();
        if (mtime < 0 || mtime > TarFields.MAX_OCTAL_11) {
            pax.put("mtime", ascii(Long.toString(mtime)));
        }
        for (Map.Entry<String, byte[]> x : entry.xattrs().entrySet()) {
            pax.put("SCHILY.xattr." + x.getKey(), x.getValue());
        }

        if (!pax.isEmpty()) {
            byte[] records = PaxRecords.format(pax);
            String paxName = "PaxHeaders.0/" + Whiteouts.baseName(entry.path());
            fillHeader(asciiPrefix(paxName, TarFields.NAME_LEN), 0644, 0, 0, records.length,
                    Math.max(0, Math.min(mtime, TarFields.MAX_OCTAL_11)), 'x', new byte[0], new byte[0],
                    new byte[0], 0, 0);
            out.write(header);
            out.write(records);
            pad(records.length);
        }

        fillHeader(nameBytes, entry.mode(), clampId(entry.uid()), clampId(entry.gid()), storedSize,
                Math.max(0, Math.min(mtime, TarFields.MAX_OCTAL_11)), entry.type().typeflag(), linkBytes,
                uname, gname, entry.devMajor(), entry.devMinor());
        out.write(header);
        if (entry.type() == EntryType.FILE) {
            if (sparse) {
                out.write(sparseMap);
                copySparse(entry, content);
            } else {
                copy(entry, content, entry.size());
                requireEnd(entry, content);
            }
            pad(storedSize);
        }
    }

    private static String tarName(LayerEntry entry) {
        if (entry.type() == EntryType.DIRECTORY) {
            return entry.path().isEmpty() ? "./" : entry.path() + "/";
        }
        return entry.path();
    }

    private static long clampId(long id) {
        return id > TarFields.MAX_OCTAL_7 ? 0 : id;
    }

    private void fillHeader(byte[] name, int mode, long uid, long gid, long size, long mtime, char type,
            byte[] link, byte[] uname, byte[] gname, int devMajor, int devMinor) {
        java.util.Arrays.fill(header, (byte) 0);
        TarFields.putString(header, TarFields.NAME, TarFields.NAME_LEN, name);
        TarFields.putNumber(header, TarFields.MODE, 8, mode);
        TarFields.putNumber(header, TarFields.UID, 8, uid);
        TarFields.putNumber(header, TarFields.GID, 8, gid);
        TarFields.putNumber(header, TarFields.SIZE, 12, size);
        TarFields.putNumber(header, TarFields.MTIME, 12, mtime);
        header[TarFields.TYPEFLAG] = (byte) type;
        TarFields.putString(header, TarFields.LINKNAME, 100, link);
        TarFields.putString(header, TarFields.MAGIC, 6, new byte[] {'u', 's', 't', 'a', 'r', 0});
        header[TarFields.VERSION] = '0';
        header[TarFields.VERSION + 1] = '0';
        TarFields.putString(header, TarFields.UNAME, 32, uname);
        TarFields.putString(header, TarFields.GNAME, 32, gname);
        if (type == '3' || type == '4') {
            TarFields.putNumber(header, TarFields.DEVMAJOR, 8, devMajor);
            TarFields.putNumber(header, TarFields.DEVMINOR, 8, devMinor);
        }
        TarFields.putChecksum(header);
    }

    private void copy(LayerEntry entry, InputStream content, long size) throws IOException {
        long remaining = size;
        while (remaining > 0) {
            int n = content.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, remaining));
            if (n < 0) {
                throw new IOException("content of '" + entry.path() + "' ended " + remaining
                        + " bytes before its declared size " + entry.size());
            }
            out.write(copyBuffer, 0, n);
            remaining -= n;
        }
    }

    private static void requireEnd(LayerEntry entry, InputStream content) throws IOException {
        if (content.read() >= 0) {
            throw new IOException("content of '" + entry.path() + "' is longer than its declared size "
                    + entry.size() + " (did the file change while it was read?)");
        }
    }

    /** Writes the data regions of a logical (holes included) content stream, checking the holes are zero. */
    private void copySparse(LayerEntry entry, InputStream content) throws IOException {
        long position = 0;
        for (SparseRegion r : entry.sparse()) {
            skipHole(entry, content, r.offset() - position);
            copy(entry, content, r.length());
            position = r.end();
        }
        skipHole(entry, content, entry.size() - position);
        requireEnd(entry, content);
    }

    private void skipHole(LayerEntry entry, InputStream content, long length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int n = content.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, remaining));
            if (n < 0) {
                throw new IOException("content of '" + entry.path() + "' ended inside a hole");
            }
            for (int i = 0; i < n; i++) {
                if (copyBuffer[i] != 0) {
                    throw new IOException("content of '" + entry.path() + "' has data where its sparse map has a hole");
                }
            }
            remaining -= n;
        }
    }

    /**
     * Widens data regions to whole 512-byte blocks (merging any that then touch). GNU tar reads each
     * region as whole blocks, so only block-sized regions mean the same thing to every reader.
     */
    static java.util.List<SparseRegion> blockAligned(java.util.List<SparseRegion> regions, long size) {
        java.util.List<SparseRegion> aligned = new java.util.ArrayList<>();
        long start = -1;
        long end = -1;
        for (SparseRegion r : regions) {
            if (r.length() == 0) {
                continue;
            }
            long s = r.offset() - r.offset() % TarFields.BLOCK;
            long e = Math.min(size, r.end() + TarFields.padding(r.end()));
            if (start >= 0 && s <= end) {
                end = Math.max(end, e);
            } else {
                if (start >= 0) {
                    aligned.add(new SparseRegion(start, end - start));
                }
                start = s;
                end = e;
            }
        }
        if (start >= 0) {
            aligned.add(new SparseRegion(start, end - start));
        }
        if (aligned.isEmpty() || aligned.get(aligned.size() - 1).end() != size) {
            // A zero-length region at the end records the size the way GNU tar does.
            aligned.add(new SparseRegion(size, 0));
        }
        return aligned;
    }

    private static byte[] sparseMap(LayerEntry entry) {
        StringBuilder map = new StringBuilder();
        map.append(entry.sparse().size()).append('\n');
        for (SparseRegion r : entry.sparse()) {
            map.append(r.offset()).append('\n').append(r.length()).append('\n');
        }
        byte[] text = map.toString().getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(text, (int) (text.length + TarFields.padding(text.length)));
    }

    private void pad(long size) throws IOException {
        int padding = (int) TarFields.padding(size);
        if (padding > 0) {
            out.write(ZEROS, 0, padding);
        }
    }

    /** Writes the end-of-archive marker (two zero blocks). */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write(ZEROS);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] asciiPrefix(String s, int max) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[Math.min(max, bytes.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes[i] < 0x20 ? (byte) '_' : bytes[i] >= 0x7f || bytes[i] < 0 ? (byte) '_' : bytes[i];
        }
        return out;
    }
}
