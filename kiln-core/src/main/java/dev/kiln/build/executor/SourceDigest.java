package dev.kiln.build.executor;

import dev.kiln.build.context.BuildException;
import dev.kiln.build.context.DockerIgnore;
import dev.kiln.oci.Digest;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The content digest of COPY/ADD sources for the cache key: every selected entry's relative path,
 * type, mode, owner (where the tree keeps owners), size, link target and content hash. Modification
 * times are left out, as BuildKit does, so a fresh checkout of the same files hits the cache.
 */
public final class SourceDigest {

    private SourceDigest() {
    }

    public static String ofTree(SourceTree tree, List<String> sources, DockerIgnore excludes, String where)
            throws IOException, BuildException {
        return ofTree(tree, sources, excludes, where, null);
    }

    /** As above, reading content hashes through {@code hashes} (null: hash every file). */
    public static String ofTree(SourceTree tree, List<String> sources, DockerIgnore excludes, String where,
            dev.kiln.build.cache.FileHashes hashes) throws IOException, BuildException {
        CopyRequest request = new CopyRequest(tree, sources, "/", Optional.empty(), Optional.empty(), true, excludes,
                null, Instant.EPOCH, where);
        MessageDigest sha = Digest.newSha256();
        byte[] buffer = new byte[64 * 1024];
        for (CopyItem item : CopyPlanner.plan(request)) {
            LayerEntry e = item.entry();
            sha.update((e.path() + "\0" + e.type() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.uid() + ":" + e.gid()
                    + "\0" + e.size() + "\0" + e.linkTarget() + "\0").getBytes(StandardCharsets.UTF_8));
            if (item.content() != null && hashes != null) {
                sha.update(hashes.sha256(item.content()).getBytes(StandardCharsets.US_ASCII));
            } else if (item.content() != null) {
                try (InputStream in = Files.newInputStream(item.content())) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
