package dev.kiln.build.executor;

import dev.kiln.build.run.RootfsView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A stage's root filesystem merged from its unpacked layers (top first), for {@code COPY --from}. */
public final class StageTree implements SourceTree {

    private final String name;
    private final List<Path> layersTopFirst;
    private final RootfsView view;

    public StageTree(String name, List<Path> layersTopFirst) {
        this.name = name;
        this.layersTopFirst = List.copyOf(layersTopFirst);
        this.view = RootfsView.ofLayers(layersTopFirst);
    }

    public RootfsView view() {
        return view;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public Optional<Path> find(String path) throws IOException {
        return view.find("/" + path, false);
    }

    @Override
    public List<String> children(String dir) throws IOException {
        TreeSet<String> visible = new TreeSet<>();
        TreeSet<String> hidden = new TreeSet<>();
        String resolved = view.resolve("/" + dir);
        String rel = resolved.equals("/") ? "" : resolved.substring(1);
        if (view.entry(resolved).isEmpty()) {
            return List.of();
        }
        for (Path layer : layersTopFirst) {
            Path host = rel.isEmpty() ? layer : layer.resolve(rel);
            if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            try (Stream<Path> list = Files.list(host)) {
                for (Path child : (Iterable<Path>) list::iterator) {
                    String childName = child.getFileName().toString();
                    if (visible.contains(childName) || hidden.contains(childName)) {
                        continue;
                    }
                    if (RootfsView.isWhiteout(child)) {
                        hidden.add(childName);
                    } else {
                        visible.add(childName);
                    }
                }
            }
            if (RootfsView.isOpaque(host)) {
                break;
            }
        }
        return List.copyOf(visible);
    }

    @Override
    public boolean keepsOwners() {
        return true;
    }
}
