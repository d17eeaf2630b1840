package dev.kiln.tar;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The path rules every archive must pass before kiln unpacks or re-encodes it, checked entry by
 * entry in archive order: no {@code ..} that climbs out of the root, nothing below a symlink the
 * archive itself created, hardlinks only to earlier non-directory entries (or, for extraction onto an
 * existing tree, to paths that are checked on disk), device nodes only when allowed. Absolute names
 * are taken relative to the root. Stateful: one validator per archive.
 */
public final class EntryValidator {

    private final DevicePolicy devices;
    private final boolean linkTargetsInArchive;
    private final boolean whiteoutsApplied;
    private final Set<String> symlinks = new HashSet<>();
    private final Map<String, EntryType> seen = new HashMap<>();

    /**
     * @param devices              what device entries may do
     * @param linkTargetsInArchive whether a hardlink's target must be an earlier entry of the same
     *                             archive (true for a stand-alone archive; false when extracting onto a
     *                             tree whose lower layers may hold the target)
     */
    public EntryValidator(DevicePolicy devices, boolean linkTargetsInArchive) {
        this(devices, linkTargetsInArchive, false);
    }

    /**
     * @param whiteoutsApplied whether whiteout entries are applied (deletions looked up without
     *                         following links) rather than written as files: then a whiteout below a
     *                         symlink of the same archive is harmless (that symlink hides it anyway)
     */
    EntryValidator(DevicePolicy devices, boolean linkTargetsInArchive, boolean whiteoutsApplied) {
        this.devices = devices;
        this.linkTargetsInArchive = linkTargetsInArchive;
        this.whiteoutsApplied = whiteoutsApplied;
    }

    /**
     * Returns the entry with its path (and hardlink target) resolved, or null when the entry is to be
     * left out (a device under {@link DevicePolicy#SKIP}); throws when it is unsafe.
     */
    public LayerEntry check(LayerEntry entry) throws UnsafeArchiveException {
        String name = entry.path();
        String path = EntryPaths.resolveDots(name);
        if (path == null) {
            throw new UnsafeArchiveException(name, "its '..' components climb out of the root");
        }
        if (path.isEmpty() && entry.type() != EntryType.DIRECTORY) {
            throw new UnsafeArchiveException(name, "a " + describe(entry.type()) + " cannot replace the root directory");
        }
        if (entry.isWhiteout() && (entry.whiteout() == Whiteout.FILE)) {
            String target = EntryPaths.resolveDots(EntryPaths.normalise(Whiteouts.target(path)));
            if (target == null || target.isEmpty() || Whiteouts.baseName(target).equals("..")) {
                throw new UnsafeArchiveException(name, "whiteout of a path outside the root");
            }
        }
        // A whiteout the extractor applies writes nothing: it only looks below, never through a link.
        String symlinkParent = entry.isWhiteout() && whiteoutsApplied ? null : symlinkAncestor(path);
        if (symlinkParent != null) {
            throw new UnsafeArchiveException(name, "its parent '" + symlinkParent
                    + "' is a symlink, and kiln never writes through symlinks");
        }
        LayerEntry.Builder resolved = null;
        if (!path.equals(name)) {
            resolved = entry.toBuilder();
        }
        switch (entry.type()) {
            case HARDLINK -> {
                String target = EntryPaths.resolveDots(EntryPaths.normalise(entry.linkTarget()));
                if (target == null) {
                    throw new UnsafeArchiveException(name, "hardlink target '" + entry.linkTarget()
                            + "' is outside the root");
                }
                if (target.isEmpty()) {
                    throw new UnsafeArchiveException(name, "hardlink to the root directory");
                }
                String through = symlinkAncestor(target);
                if (through != null) {
                    throw new UnsafeArchiveException(name, "hardlink target '" + entry.linkTarget()
                            + "' passes through the symlink '" + through + "'");
                }
                EntryType targetType = seen.get(target);
                if (targetType == EntryType.DIRECTORY) {
                    throw new UnsafeArchiveException(name, "hardlink to the directory '" + target + "'");
                }
                if (targetType == null && linkTargetsInArchive) {
                    throw new UnsafeArchiveException(name, "hardlink target '" + entry.linkTarget()
                            + "' is not an earlier entry of the archive");
                }
                if (!target.equals(entry.linkTarget())) {
                    resolved = resolved == null ? entry.toBuilder() : resolved;
                    resolved.linkTarget(target);
                }
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (devices == DevicePolicy.REJECT) {
                    throw new UnsafeArchiveException(name, "device nodes are not allowed here");
                }
                if (devices == DevicePolicy.SKIP) {
                    return null;
                }
            }
            default -> {
                // files, directories, symlinks and fifos need no more
            }
        }
        if (entry.type() == EntryType.SYMLINK) {
            symlinks.add(path);
        } else {
            symlinks.remove(path);
        }
        if (!entry.isWhiteout()) {
            seen.put(path, entry.type());
        }
        if (resolved == null) {
            return entry;
        }
        return rebuild(resolved, path);
    }

    private static LayerEntry rebuild(LayerEntry.Builder builder, String path) {
        return builder.build().withPath(path);
    }

    /** The nearest proper ancestor of {@code path} that the archive made a symlink, or null. */
    private String symlinkAncestor(String path) {
        if (symlinks.isEmpty()) {
            return null;
        }
        int slash = path.indexOf('/');
        while (slash >= 0) {
            String prefix = path.substring(0, slash);
            if (symlinks.contains(prefix)) {
                return prefix;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return null;
    }

    static String describe(EntryType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
