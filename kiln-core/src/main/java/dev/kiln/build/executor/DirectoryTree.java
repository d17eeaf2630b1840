package dev.kiln.build.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A plain host directory as a source tree whose entries keep their owners (an unpacked ADD archive). */
final class DirectoryTree implements SourceTree {

    private final Path root;
    private final String name;

    DirectoryTree(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public Optional<Path> find(String path) {
        Path host = path.isEmpty() ? root : root.resolve(path);
        return Files.exists(host, LinkOption.NOFOLLOW_LINKS) ? Optional.of(host) : Optional.empty();
    }

    @Override
    public List<String> children(String dir) throws IOException {
        try (Stream<Path> list = Files.list(dir.isEmpty() ? root : root.resolve(dir))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public boolean keepsOwners() {
        return true;
    }
}
