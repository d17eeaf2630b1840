package dev.kiln.analysis;

import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.LayerReader;
import dev.kiln.tar.Whiteout;
import dev.kiln.tar.Whiteouts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads one layer once, streaming, into {@link LayerRecords}: no content is kept, only a CRC-32C of
 * each regular file (hardware-accelerated, so it costs little next to decompression) and the first
 * bytes of the few files whose names suggest secrets. One scanner per thread; the trie is shared.
 */
final class LayerScanner {

    private final PathTrie trie;
    private final byte[] buffer = new byte[128 * 1024];
    private final byte[] probe = new byte[SecretRules.PROBE_BYTES];
    private final CRC32C crc = new CRC32C();
    private String lastDirectory;
    private int lastDirectoryNode;

    LayerScanner(PathTrie trie) {
        this.trie = trie;
    }

    /**
     * Reads a layer in any supported compression to its end; closes the stream. {@code verified} is
     * the stream under {@code layer} that checks the blob's digest, or null when the scan must hash it.
     */
    LayerScan scan(InputStream layer, VerifyingInputStream verified) throws IOException, LayerFormatException {
        LayerRecords records = new LayerRecords();
        List<SecretHit> secrets = new ArrayList<>();
        List<String> unsafe = new ArrayList<>();
        boolean hardlinks = false;
        LayerDigests digests;
        try (LayerReader reader = LayerReader.open(layer, verified)) {
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                String path = EntryPaths.resolveDots(entry.path());
                if (path == null) {
                    unsafe.add(entry.path());
                    continue;
                }
                int slash = path.lastIndexOf('/');
                Whiteout whiteout = path.startsWith(Whiteouts.PREFIX, slash + 1) ? Whiteouts.classify(path)
                        : Whiteout.NONE;
                if (whiteout == Whiteout.OPAQUE) {
                    records.add(node(Whiteouts.target(path)), EntryType.FILE, false, true, 0, 0, 0, 0, 0, 0);
                    continue;
                }
                if (whiteout == Whiteout.FILE) {
                    String target = Whiteouts.target(path);
                    if (!target.isEmpty() && !Whiteouts.baseName(path).startsWith(Whiteouts.META_PREFIX)) {
                        records.add(node(target), EntryType.FILE, true, false, 0, 0, 0, 0, 0, 0);
                    }
                    continue;
                }
                if (path.isEmpty()) {
                    continue; // the root's own entry changes nothing kiln reports
                }
                int pathNode = node(path);
                long stored = entry.storedSize();
                int hash = 0;
                SecretRules.Candidate candidate = entry.type() == EntryType.FILE ? SecretRules.candidate(path) : null;
                int probed = 0;
                if (entry.type() == EntryType.FILE && entry.size() > 0 && !entry.isSparse()) {
                    boolean look = candidate != null && entry.size() <= SecretRules.MAX_PROBED_FILE;
                    crc.reset();
                    InputStream content = reader.content();
                    int n;
                    while ((n = content.read(buffer)) > 0) {
                        crc.update(buffer, 0, n);
                        if (look && probed < probe.length) {
                            int take = Math.min(n, probe.length - probed);
                            System.arraycopy(buffer, 0, probe, probed, take);
                            probed += take;
                        }
                    }
                    hash = (int) crc.getValue();
                }
                int record = records.add(pathNode, entry.type(), false, false, entry.mode(), entry.uid(), entry.gid(),
                        entry.size(), stored, hash);
                if (entry.type() == EntryType.SYMLINK) {
                    records.setSymlinkTarget(record, entry.linkTarget());
                } else if (entry.type() == EntryType.HARDLINK) {
                    String target = EntryPaths.resolveDots(EntryPaths.normalise(entry.linkTarget()));
                    records.setHardlinkRecord(record, target == null ? -1 : trie.intern(target));
                    hardlinks = true;
                }
                if (candidate != null) {
                    String kind = SecretRules.classify(candidate, path, probe, probed);
                    if (kind != null) {
                        secrets.add(new SecretHit(record, kind));
                    }
                }
            }
            digests = reader.digests();
        }
        if (hardlinks) {
            resolveHardlinks(records);
        }
        records.trim();
        return new LayerScan(records, digests, secrets, unsafe);
    }

    /** The node of a path, reusing the previous entry's directory (tar entries come grouped by directory). */
    private int node(String path) {
        if (path.isEmpty()) {
            return PathTrie.ROOT;
        }
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return trie.child(PathTrie.ROOT, path, 0, path.length());
        }
        if (lastDirectory == null || lastDirectory.length() != slash || !path.regionMatches(0, lastDirectory, 0, slash)) {
            lastDirectory = path.substring(0, slash);
            lastDirectoryNode = trie.intern(lastDirectory);
        }
        return trie.child(lastDirectoryNode, path, slash + 1, path.length());
    }

    /**
     * Points each hardlink at the record holding its data: the latest earlier entry of its target path
     * in this layer, following links to links. Targets outside the layer stay -1 (no data here).
     */
    private static void resolveHardlinks(LayerRecords records) {
        Set<Integer> targets = new HashSet<>();
        for (int r = 0; r < records.count(); r++) {
            if (records.isEntry(r) && records.type(r) == EntryType.HARDLINK && records.rawLink(r) >= 0) {
                targets.add(records.rawLink(r));
            }
        }
        Map<Integer, Integer> latest = new HashMap<>();
        for (int r = 0; r < records.count(); r++) {
            if (!records.isEntry(r)) {
                continue;
            }
            if (records.type(r) == EntryType.HARDLINK) {
                int targetNode = records.rawLink(r);
                Integer target = targetNode < 0 ? null : latest.get(targetNode);
                int data = -1;
                if (target != null) {
                    data = records.type(target) == EntryType.HARDLINK ? records.rawLink(target) : target;
                    if (data >= 0 && records.type(data) != EntryType.FILE) {
                        data = -1; // a link to a symlink or device carries no bytes
                    }
                }
                records.setHardlinkRecord(r, data);
            }
            if (targets.contains(records.node(r))) {
                latest.put(records.node(r), r);
            }
        }
    }
}
