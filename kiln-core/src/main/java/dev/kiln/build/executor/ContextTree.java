package dev.kiln.build.executor;

import dev.kiln.build.context.DockerIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The build context directory seen through its {@code .dockerignore}. */
public final class ContextTree implements SourceTree {

    private final Path root;
    private final DockerIgnore ignore;

    public ContextTree(Path root, DockerIgnore ignore) {
        this.root = root.toAbsolutePath().normalize();
        this.ignore = ignore;
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "build context";
    }

    @Override
    public Optional<Path> find(String path) throws IOException {
        if (!path.isEmpty() && ignore.excludes(path)) {
            return Optional.empty();
        }
        Path host = path.isEmpty() ? root : root.resolve(path);
        // Parents must be real directories inside the context: a symlinked parent could lead outside it.
        Path parent = host.getParent();
        while (parent != null && parent.startsWith(root) && !parent.equals(root)) {
            if (Files.isSymbolicLink(parent)) {
                return Optional.empty();
            }
            parent = parent.getParent();
        }
        return Files.exists(host, LinkOption.NOFOLLOW_LINKS) ? Optional.of(host) : Optional.empty();
    }

    @Override
    public List<String> children(String dir) throws IOException {
        Path host = dir.isEmpty() ? root : root.resolve(dir);
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(host)) {
            for (Path child : (Iterable<Path>) list::iterator) {
                String name = child.getFileName().toString();
                String rel = dir.isEmpty() ? name : dir + "/" + name;
                if (!ignore.excludes(rel) || (ignore.hasExceptions() && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** True when the path itself is ignored (an ignored directory may still hold re-included files). */
    public boolean ignored(String path) {
        return ignore.excludes(path);
    }

    @Override
    public boolean keepsOwners() {
        return false;
    }
}
