package dev.kiln.build.executor;

import dev.kiln.build.context.BuildException;
import dev.kiln.glob.PathGlob;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a COPY/ADD request into layer entries with BuildKit's rules: a directory source copies its
 * contents, a file lands in the destination directory (a trailing {@code /}, an existing directory,
 * or several sources) or becomes the destination, wildcards match within path segments and
 * {@code **} across them, the context's ignore rules and {@code --exclude} apply, parents the image
 * lacks are created ({@code 0755}, owned by the {@code --chown} owner or root), and the destination
 * is reached through the image's symlinks as the kernel would. Files that share an inode in the
 * source stay hardlinks: the first name in layer order carries the content, the others link to it.
 */
public final class CopyPlanner {

    private final CopyRequest request;
    private final TreeMap<String, CopyItem> items = new TreeMap<>(CopyPlanner::compareLayerOrder);
    private final Map<String, String> resolvedDirs = new HashMap<>();
    private final Map<String, Object> inodes = new HashMap<>();

    private CopyPlanner(CopyRequest request) {
        this.request = request;
    }

    /** The entries of the new layer, parents before children. */
    public static List<CopyItem> plan(CopyRequest request) throws IOException, BuildException {
        CopyPlanner planner = new CopyPlanner(request);
        planner.run();
        return List.copyOf(planner.items.values());
    }

    private record Match(String rel, Path host) {
    }

    private void run() throws IOException, BuildException {
        List<Match> matches = new ArrayList<>();
        boolean wildcard = false;
        for (String source : request.sources()) {
            String cleaned = EntryPaths.clean(source);
            if (PathGlob.hasWildcard(cleaned)) {
                wildcard = true;
                int before = matches.size();
                collect(PathGlob.compile(cleaned), "", matches);
                if (matches.size() == before) {
                    throw new BuildException(request.where() + ": no source files were specified: " + source
                            + " matches nothing in the " + request.tree().describe());
                }
            } else {
                Optional<Path> host = request.tree().find(cleaned);
                if (host.isEmpty()) {
                    throw new BuildException(request.where() + ": " + source + ": not found in the "
                            + request.tree().describe()
                            + (request.tree() instanceof ContextTree ? " (or excluded by .dockerignore)" : ""));
                }
                matches.add(new Match(cleaned, host.get()));
            }
        }
        String dest = request.dest();
        boolean destIsDir = dest.endsWith("/") || existingDir(dest);
        String destPath = EntryPaths.clean(dest);
        if (!destIsDir && (matches.size() > 1 || wildcard && matches.size() > 1)) {
            throw new BuildException(request.where() + ": with more than one source file the destination must be "
                    + "a directory and end with a /");
        }
        for (Match match : matches) {
            if (Files.isDirectory(match.host(), LinkOption.NOFOLLOW_LINKS)) {
                String base = request.parents() ? join(destPath, match.rel()) : destPath;
                if (!base.isEmpty()) {
                    addCreatedDir(base);
                }
                addContents(match.rel(), base, match.rel());
            } else if (!excluded(match.rel())) {
                String name = match.rel().isEmpty() ? "" : match.rel().substring(match.rel().lastIndexOf('/') + 1);
                String target = destIsDir ? join(destPath, request.parents() ? match.rel() : name) : destPath;
                add(target, match.host(), false);
            }
        }
        addMissingParents();
        foldHardlinks();
    }

    /** Later names of a multiply-linked source file become hardlinks to its first name in the layer. */
    private void foldHardlinks() {
        if (inodes.isEmpty()) {
            return;
        }
        Map<Object, String> first = new HashMap<>();
        for (Map.Entry<String, CopyItem> item : items.entrySet()) {
            Object inode = inodes.get(item.getKey());
            if (inode == null || item.getValue().entry().type() != EntryType.FILE) {
                continue;
            }
            String target = first.putIfAbsent(inode, item.getKey());
            if (target != null) {
                LayerEntry file = item.getValue().entry();
                item.setValue(new CopyItem(LayerEntry.builder(file.path(), EntryType.HARDLINK).mode(file.mode())
                        .owner(file.uid(), file.gid()).mtime(file.mtime()).linkTarget(target).build(), null));
            }
        }
    }

    private boolean existingDir(String dest) throws IOException {
        if (request.lower() == null) {
            return false;
        }
        Optional<Path> found = request.lower().find(dest, true);
        return found.isPresent() && Files.isDirectory(found.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** {@code --exclude} patterns match paths from the context root or from the directory being copied. */
    private boolean excluded(String rel) {
        return !request.excludes().isEmpty() && request.excludes().excludes(rel);
    }

    /** Walks the tree for wildcard matches; a matched directory is not walked further. */
    private void collect(PathGlob pattern, String dir, List<Match> out) throws IOException {
        for (String name : request.tree().children(dir)) {
            String rel = dir.isEmpty() ? name : dir + "/" + name;
            Optional<Path> host = request.tree().find(rel);
            if (pattern.matches(rel) && host.isPresent()) {
                out.add(new Match(rel, host.get()));
                continue;
            }
            Path walk = host.orElse(null);
            if (walk == null && request.tree() instanceof ContextTree context) {
                walk = context.root().resolve(rel);
            }
            if (walk != null && Files.isDirectory(walk, LinkOption.NOFOLLOW_LINKS)) {
                collect(pattern, rel, out);
            }
        }
    }

    private void addContents(String rel, String base, String sourceRoot) throws IOException, BuildException {
        for (String name : request.tree().children(rel)) {
            String childRel = rel.isEmpty() ? name : rel + "/" + name;
            String inSource = sourceRoot.isEmpty() ? childRel : childRel.substring(sourceRoot.length() + 1);
            if (excluded(childRel) || excluded(inSource)) {
                continue;
            }
            String target = join(base, name);
            Optional<Path> host = request.tree().find(childRel);
            if (host.isEmpty()) {
                // an ignored directory walked only for re-included files below it
                if (request.tree() instanceof ContextTree context
                        && Files.isDirectory(context.root().resolve(childRel), LinkOption.NOFOLLOW_LINKS)) {
                    addContents(childRel, target, sourceRoot);
                }
                continue;
            }
            add(target, host.get(), true);
            if (Files.isDirectory(host.get(), LinkOption.NOFOLLOW_LINKS)) {
                addContents(childRel, target, sourceRoot);
            }
        }
    }

    private void add(String target, Path host, boolean applyChmodToDirs) throws IOException, BuildException {
        String path = resolve(target);
        Map<String, Object> attrs = Files.readAttributes(host, "unix:mode,uid,gid,size,lastModifiedTime,rdev,nlink,ino,dev",
                LinkOption.NOFOLLOW_LINKS);
        int rawMode = (Integer) attrs.get("mode");
        int fileType = rawMode & 0170000;
        EntryType type;
        switch (fileType) {
            case 0100000 -> type = EntryType.FILE;
            case 0040000 -> type = EntryType.DIRECTORY;
            case 0120000 -> type = EntryType.SYMLINK;
            case 0010000 -> type = EntryType.FIFO;
            default -> {
                return; // sockets and device nodes are not copied
            }
        }
        int mode = rawMode & 07777;
        if (request.chmod().isPresent() && type != EntryType.SYMLINK
                && (type != EntryType.DIRECTORY || applyChmodToDirs)) {
            mode = request.chmod().get().apply(mode, type == EntryType.DIRECTORY);
        }
        long uid = 0;
        long gid = 0;
        if (request.chown().isPresent()) {
            uid = request.chown().get().uid();
            gid = request.chown().get().gid();
        } else if (request.tree().keepsOwners()) {
            uid = (Integer) attrs.get("uid");
            gid = (Integer) attrs.get("gid");
        }
        LayerEntry.Builder entry = LayerEntry.builder(path, type).mode(mode).owner(uid, gid)
                .mtime(((FileTime) attrs.get("lastModifiedTime")).toInstant());
        Path content = null;
        if (type == EntryType.FILE) {
            entry.size((Long) attrs.get("size"));
            content = host;
            if ((Integer) attrs.get("nlink") > 1) {
                inodes.put(path, List.of(attrs.get("dev"), attrs.get("ino")));
            } else {
                inodes.remove(path);
            }
        } else if (type == EntryType.SYMLINK) {
            entry.linkTarget(Files.readSymbolicLink(host).toString());
        }
        items.put(path, new CopyItem(entry.build(), content));
    }

    /** A directory this copy makes (the destination of a directory source) unless the image has it. */
    private void addCreatedDir(String target) throws IOException {
        String path = resolve(target);
        if (items.containsKey(path) || lowerHasDir(path)) {
            return;
        }
        items.put(path, new CopyItem(createdDir(path), null));
    }

    private void addMissingParents() throws IOException {
        List<String> paths = new ArrayList<>(items.keySet());
        for (String path : paths) {
            int slash = path.lastIndexOf('/');
            while (slash > 0) {
                String parent = path.substring(0, slash);
                if (items.containsKey(parent) || lowerHasDir(parent)) {
                    break;
                }
                items.put(parent, new CopyItem(createdDir(parent), null));
                slash = parent.lastIndexOf('/');
            }
        }
    }

    private LayerEntry createdDir(String path) {
        long uid = request.chown().map(Chown::uid).orElse(0);
        long gid = request.chown().map(Chown::gid).orElse(0);
        return LayerEntry.builder(path, EntryType.DIRECTORY).mode(0755).owner(uid, gid).mtime(request.now()).build();
    }

    private boolean lowerHasDir(String path) throws IOException {
        if (request.lower() == null) {
            return false;
        }
        Optional<Path> entry = request.lower().entry("/" + path);
        return entry.isPresent() && Files.isDirectory(entry.get(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The target's parents resolved through the image's symlinks; the last name is kept. */
    private String resolve(String target) throws IOException {
        if (request.lower() == null) {
            return target;
        }
        int slash = target.lastIndexOf('/');
        if (slash < 0) {
            return target;
        }
        String parent = target.substring(0, slash);
        String resolved = resolvedDirs.get(parent);
        if (resolved == null) {
            resolved = EntryPaths.clean(request.lower().resolve("/" + parent));
            resolvedDirs.put(parent, resolved);
        }
        String name = target.substring(slash + 1);
        return resolved.isEmpty() ? name : resolved + "/" + name;
    }

    private static String join(String base, String rel) {
        if (base.isEmpty()) {
            return rel;
        }
        return rel.isEmpty() ? base : base + "/" + rel;
    }

    /** Tar order that puts every directory right before what it holds: compare segment by segment. */
    static int compareLayerOrder(String a, String b) {
        int i = 0;
        int n = Math.min(a.length(), b.length());
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == n) {
            return Integer.compare(a.length(), b.length());
        }
        char ca = a.charAt(i) == '/' ? '\0' : a.charAt(i);
        char cb = b.charAt(i) == '/' ? '\0' : b.charAt(i);
        return Character.compare(ca, cb);
    }
}
